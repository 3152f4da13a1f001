using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Storage;
using SocialFirst.Core;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Triage;

namespace SocialFirst.Azure.Tests.Cases;

public class CasesServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IMentionClassifier>(new KeywordClassifier());
        services.AddSingleton(Mock.Of<IEscalationSink>());
        services.AddSingleton(Options.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }));
        services.AddSingleton<StorageClients>();
        services.AddSocialFirstTriage().AddTableCaseStore();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddTableCaseStore_WithTriage_ResolvesOneStoreForBothRegistrations()
    {
        using var sp = Build(new()
        {
            ["Triage:CaseWindowHours"] = "24",
            ["Brands:acme:DisplayName"] = "Acme",
            ["Brands:acme:RedactPii"] = "true",
            ["Brands:acme:Accounts:0"] = "facebook:1234567890",
            ["Brands:acme:Accounts:1"] = "x:2244994945",
        });

        Assert.NotNull(sp.GetRequiredService<TriageService>());
        Assert.Same(sp.GetRequiredService<TableCaseStore>(), sp.GetRequiredService<ICaseStore>());
        Assert.Equal(24, sp.GetRequiredService<IOptions<TriageOptions>>().Value.CaseWindowHours);
        var brands = sp.GetRequiredService<IBrandResolver>();
        Assert.Equal("acme", brands.Resolve(Platform.X, "2244994945"));
        Assert.True(brands.Get("acme").RedactPii);
        Assert.Equal(["cases", "caselookup", "caseindex", "authors"], TableCaseStore.TableBaseNames);
    }

    [Fact]
    public void AddSocialFirstTriage_InvalidBrandAccount_FailsValidationNamingIt()
    {
        using var sp = Build(new() { ["Brands:acme:Accounts:0"] = "facebook-123" });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<BrandOptions>>().Value);

        Assert.Contains("Brands:acme:Accounts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSocialFirstTriage_WindowOutOfRange_FailsValidation()
    {
        using var sp = Build(new() { ["Triage:CaseWindowHours"] = "0" });

        Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<TriageOptions>>().Value);
    }
}
