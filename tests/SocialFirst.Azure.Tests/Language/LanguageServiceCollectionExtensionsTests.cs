using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using SocialFirst.Azure.Language;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Classification.Cascade;

namespace SocialFirst.Azure.Tests.Language;

public sealed class LanguageServiceCollectionExtensionsTests
{
    private readonly IMentionClassifier _embedded = Mock.Of<IMentionClassifier>();

    [Fact]
    public void AddAzureLanguage_DefaultMode_KeepsTheEmbeddedClassifier()
    {
        using var provider = Build([]);

        Assert.Same(_embedded, provider.GetRequiredService<IMentionClassifier>());
        Assert.Equal(LanguageMode.Embedded, provider.GetRequiredService<IOptions<LanguageOptions>>().Value.Mode);
    }

    [Fact]
    public void AddAzureLanguage_AzureMode_UsesTheAzureClassifier()
    {
        using var provider = Build(new() { ["Language:Mode"] = "Azure", ["Language:Endpoint"] = "https://lang-x.cognitiveservices.azure.com", ["Language:ApiKey"] = "k" });

        Assert.IsType<AzureLanguageClassifier>(provider.GetRequiredService<IMentionClassifier>());
    }

    [Fact]
    public void AddAzureLanguage_CascadeMode_UsesTheCascadeWithTheConfiguredBudget()
    {
        using var provider = Build(new()
        {
            ["Language:Mode"] = "Cascade",
            ["Language:Endpoint"] = "https://lang-x.cognitiveservices.azure.com",
            ["Language:MonthlyDocumentBudget"] = "42",
        });

        Assert.IsType<CascadeClassifier>(provider.GetRequiredService<IMentionClassifier>());
        Assert.Equal(42, Assert.IsType<InMemoryClassifierBudget>(provider.GetRequiredService<IClassifierBudget>()).MonthlyDocuments);
    }

    [Fact]
    public void AddTableClassifierBudget_AfterAddAzureLanguage_ReplacesTheInMemoryBudget()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Language:MonthlyDocumentBudget"] = "300",
            ["Language:BudgetBlockSize"] = "7",
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        }).Build());
        services.AddLogging();
        services.AddSingleton(_embedded);
        services.AddSocialFirstStorage();
        services.AddAzureLanguage();

        services.AddTableClassifierBudget();

        using var provider = services.BuildServiceProvider();
        var budget = Assert.IsType<TableClassifierBudget>(provider.GetRequiredService<IClassifierBudget>());
        Assert.Equal((300, 7), (budget.MonthlyDocuments, budget.BlockSize));
        Assert.Single(services, d => d.ServiceType == typeof(IClassifierBudget));
    }

    [Fact]
    public void AddAzureLanguage_CascadeWithoutEndpoint_FailsValidationNamingTheSetting()
    {
        using var provider = Build(new() { ["Language:Mode"] = "Cascade" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LanguageOptions>>().Value);

        Assert.Contains("Language:Endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAzureLanguage_NoClassifierRegistered_Throws()
    {
        var services = new ServiceCollection();

        Assert.Throws<InvalidOperationException>(() => services.AddAzureLanguage());
    }

    [Fact]
    public void CascadeSettings_Options_CarriesThresholdsAndTimeout()
    {
        var settings = LanguageServiceCollectionExtensions.CascadeSettings(new LanguageOptions { CascadeCertaintyThreshold = 0.7, CascadeUrgencyThreshold = 0.4, CascadeTimeoutSeconds = 5 });

        Assert.Equal((0.7, 0.4, TimeSpan.FromSeconds(5)), (settings.CertaintyThreshold, settings.UrgencyThreshold, settings.SecondaryTimeout));
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(_embedded);
        services.AddAzureLanguage();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
