using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SocialFirst.Classification.Categories;
using SocialFirst.Core.Classification;

namespace SocialFirst.Classification;

public static class EmbeddedClassifierServiceCollectionExtensions
{
    /// <summary>Registers <see cref="EmbeddedClassifier"/> as a singleton and as the <see cref="IMentionClassifier"/>.</summary>
    public static IServiceCollection AddEmbeddedClassifier(this IServiceCollection services) =>
        services.AddEmbeddedClassifier([]);

    /// <summary>As <see cref="AddEmbeddedClassifier(IServiceCollection)"/>, with a brand's extra rule sets merged in.</summary>
    public static IServiceCollection AddEmbeddedClassifier(this IServiceCollection services, IReadOnlyList<CategoryRuleSet> brandRules)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(brandRules);
        services.TryAddSingleton(sp =>
        {
            var classifier = new EmbeddedClassifier(sp.GetService<ILogger<EmbeddedClassifier>>());
            return brandRules.Count == 0 ? classifier : classifier.WithRules(brandRules);
        });
        services.TryAddSingleton<IMentionClassifier>(sp => sp.GetRequiredService<EmbeddedClassifier>());
        return services;
    }
}
