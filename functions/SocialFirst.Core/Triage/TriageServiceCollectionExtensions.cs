using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Triage;

namespace SocialFirst.Core;

public static class TriageServiceCollectionExtensions
{
    /// <summary>
    /// The triage use case with the brand resolver, the regex PII redactor (unless another is registered), the default
    /// urgency policy and the options sections <c>Triage</c> and <c>Brands</c>. The ports it needs come from elsewhere:
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
        services.TryAddSingleton(UrgencyPolicy.Default);
        services.TryAddSingleton<TriageService>();
        return services;
    }
}
