using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SocialFirst.Core.Watch.Application;

public static class InfluenceServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="InfluenceService"/> and its settings (<c>Watch:Influence</c>, validated at start). Needs
    /// <c>ICaseStore</c> and <see cref="ICaseMentionFactsReader"/> from the adapter layer.
    /// </summary>
    public static IServiceCollection AddSocialFirstInfluence(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InfluenceOptions>()
            .BindConfiguration(InfluenceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<InfluenceService>();
        return services;
    }
}
