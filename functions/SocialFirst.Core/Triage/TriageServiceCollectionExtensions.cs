using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Core;

public static class TriageServiceCollectionExtensions
{
    /// <summary>
    /// The triage use case with the brand resolver, the regex PII redactor (unless another is registered), the
    /// urgency policies (per brand from <c>Triage:PolicyDirectory</c> / <c>Triage:Policies</c>, see docs/urgency.md) and the
    /// options sections <c>Triage</c> and <c>Brands</c>. The ports it needs come from elsewhere:
    /// <see cref="ICaseStore"/> (AddTableCaseStore), <c>IMentionClassifier</c> and <c>IEscalationSink</c>.
    /// </summary>
    public static IServiceCollection AddSocialFirstTriage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TriageOptions>()
            .BindConfiguration(TriageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BrandOptions>()
            .Configure<IConfiguration>((o, config) => config.GetSection(BrandOptions.SectionName).Bind(o.Items))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IBrandResolver, BrandResolver>();
        services.TryAddSingleton<IPiiRedactor, RegexPiiRedactor>();
        // The registered UrgencyPolicy is the fallback for brands without a policy document (and no default.json).
        services.TryAddSingleton(UrgencyPolicy.Default);
        services.AddOptions<UrgencyPolicyOptions>()
            .BindConfiguration(UrgencyPolicyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<FileUrgencyPolicyProvider>();
        services.TryAddSingleton<IUrgencyPolicyProvider>(sp => sp.GetRequiredService<FileUrgencyPolicyProvider>());
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<TriageService>(sp));
        return services;
    }
}
