using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.ServiceBus;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Azure.Tests.ServiceBus;

public sealed class ServiceBusServiceCollectionExtensionsTests
{
    [Fact]
    public void AddServiceBusEscalations_Configured_ResolvesRestSenderAsTheSink()
    {
        using var provider = Build(new() { ["ServiceBus:FullyQualifiedNamespace"] = "sb-x.servicebus.windows.net", ["ServiceBus:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001" });

        Assert.IsType<ServiceBusRestSender>(provider.GetRequiredService<IEscalationSink>());
        Assert.NotNull(provider.GetRequiredService<ServiceBusRestReceiver>());
        Assert.Equal("escalations", provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value.EscalationsQueue);
    }

    [Fact]
    public void AddServiceBusEscalations_NoNamespace_FailsValidationNamingTheSetting()
    {
        using var provider = Build([]);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value);

        Assert.Contains("FullyQualifiedNamespace", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddServiceBusEscalations();
        return services.BuildServiceProvider();
    }
}
