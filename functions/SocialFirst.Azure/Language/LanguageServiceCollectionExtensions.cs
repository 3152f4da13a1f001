using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Classification.Cascade;

namespace SocialFirst.Azure.Language;

public static class LanguageServiceCollectionExtensions
{
    /// <summary>The key under which the classifier registered before <see cref="AddAzureLanguage"/> (the embedded one) stays available.</summary>
    public const string PrimaryClassifierKey = "SocialFirst.PrimaryClassifier";

    /// <summary>
    /// Makes <see cref="IMentionClassifier"/> follow <c>Language:Mode</c>: <c>Embedded</c> (default) keeps the classifier
    /// registered before this call; <c>Azure</c> uses <see cref="AzureLanguageClassifier"/> with that classifier's care
    /// categories merged in; <c>Cascade</c> uses <see cref="CascadeClassifier"/> (embedded first, Azure for unsure or
    /// possibly urgent texts within <c>Language:MonthlyDocumentBudget</c>). Call it after <c>AddEmbeddedClassifier()</c>.
    /// Also registers <see cref="LanguageRestClient"/>, <see cref="AzureLanguageClassifier"/> (without categories),
    /// <see cref="AzureLanguagePiiRedactor"/> (not as the IPiiRedactor) and an in-memory <see cref="IClassifierBudget"/>
    /// unless one is registered. Settings are validated at start (Endpoint is required unless the mode is Embedded).
    /// </summary>
    public static IServiceCollection AddAzureLanguage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(IMentionClassifier) && d.IsKeyedService && Equals(d.ServiceKey, PrimaryClassifierKey)))
        {
            return services;
        }

        var primary = services.LastOrDefault(d => d.ServiceType == typeof(IMentionClassifier) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("AddAzureLanguage wraps the embedded classifier: call AddEmbeddedClassifier() (or register an IMentionClassifier) first.");

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LanguageOptions>()
            .BindConfiguration(LanguageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LanguageOptions>>().Value;
            return new LanguageRestClient(options, LanguageRestClient.CreatePipeline(options), sp.GetRequiredService<ILogger<LanguageRestClient>>());
        });
        services.TryAddSingleton(sp => new AzureLanguageClassifier(
            sp.GetRequiredService<LanguageRestClient>(),
            sp.GetRequiredService<ILogger<AzureLanguageClassifier>>()));
        services.TryAddSingleton<AzureLanguagePiiRedactor>();
        services.TryAddSingleton<IClassifierBudget>(sp =>
            new InMemoryClassifierBudget(sp.GetRequiredService<IOptions<LanguageOptions>>().Value.MonthlyDocumentBudget));

        services.RemoveAll<IMentionClassifier>();
        services.Add(AsPrimary(primary));
        services.Add(new ServiceDescriptor(typeof(IMentionClassifier), Select, primary.Lifetime));
        return services;
    }

    /// <summary>
    /// Replaces the in-memory (per-process) budget with <see cref="TableClassifierBudget"/>: one monthly budget shared
    /// by every instance and kept across restarts. Needs <c>AddSocialFirstStorage()</c>; its table is
    /// <see cref="TableClassifierBudget.TableBaseName"/>.
    /// </summary>
    public static IServiceCollection AddTableClassifierBudget(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IClassifierBudget>();
        services.AddSingleton<IClassifierBudget>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LanguageOptions>>().Value;
            return new TableClassifierBudget(
                sp.GetRequiredService<StorageClients>(),
                options.MonthlyDocumentBudget,
                options.BudgetBlockSize,
                sp.GetRequiredService<ILogger<TableClassifierBudget>>());
        });
        return services;
    }

    /// <summary>The cascade thresholds from the options.</summary>
    public static CascadeSettings CascadeSettings(LanguageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CascadeSettings
        {
            CertaintyThreshold = options.CascadeCertaintyThreshold,
            UrgencyThreshold = options.CascadeUrgencyThreshold,
            SecondaryTimeout = TimeSpan.FromSeconds(options.CascadeTimeoutSeconds),
        };
    }

    private static IMentionClassifier Select(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<LanguageOptions>>().Value;
        var primary = sp.GetRequiredKeyedService<IMentionClassifier>(PrimaryClassifierKey);
        return options.Mode switch
        {
            LanguageMode.Azure => new AzureLanguageClassifier(
                sp.GetRequiredService<LanguageRestClient>(),
                sp.GetRequiredService<ILogger<AzureLanguageClassifier>>(),
                primary),
            LanguageMode.Cascade => new CascadeClassifier(
                primary,
                sp.GetRequiredService<AzureLanguageClassifier>(),
                sp.GetRequiredService<IClassifierBudget>(),
                CascadeSettings(options),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<CascadeClassifier>>()),
            _ => primary,
        };
    }

    private static ServiceDescriptor AsPrimary(ServiceDescriptor d)
    {
        if (d.ImplementationInstance is { } instance)
        {
            return new ServiceDescriptor(typeof(IMentionClassifier), PrimaryClassifierKey, instance);
        }

        if (d.ImplementationFactory is { } factory)
        {
            return new ServiceDescriptor(typeof(IMentionClassifier), PrimaryClassifierKey, (sp, _) => factory(sp), d.Lifetime);
        }

        return new ServiceDescriptor(
            typeof(IMentionClassifier),
            PrimaryClassifierKey,
            d.ImplementationType ?? throw new InvalidOperationException("The IMentionClassifier registration has no implementation."),
            d.Lifetime);
    }
}
