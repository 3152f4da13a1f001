using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Azure.ServiceBus;

public static class ServiceBusServiceCollectionExtensions
{
    /// <summary>
    /// Escalations go to the Service Bus queue over REST (<see cref="ServiceBusRestSender"/> as the
    /// <see cref="IEscalationSink"/>), and the dead-letter reader <see cref="ServiceBusRestReceiver"/> is available.
    /// Settings: <c>ServiceBus:FullyQualifiedNamespace</c>, <c>ServiceBus:EscalationsQueue</c> (default escalations),
    /// <c>ServiceBus:ManagedIdentityClientId</c>; validated at start.
    /// </summary>
    public static IServiceCollection AddServiceBusEscalations(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ServiceBusOptions>()
            .BindConfiguration(ServiceBusOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => new ServiceBusRestSender(
            sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value,
            CreatePipeline(sp),
            sp.GetRequiredService<ILogger<ServiceBusRestSender>>()));
        services.TryAddSingleton(sp => new ServiceBusRestReceiver(
            sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value,
            CreatePipeline(sp),
            sp.GetRequiredService<ILogger<ServiceBusRestReceiver>>()));
        services.Replace(ServiceDescriptor.Singleton<IEscalationSink>(sp => sp.GetRequiredService<ServiceBusRestSender>()));
        return services;
    }

    private static HttpPipeline CreatePipeline(IServiceProvider sp) =>
        ServiceBusPipeline.Create(sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value, sp.GetRequiredService<TimeProvider>());
}
