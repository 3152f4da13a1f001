using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SocialFirst.Core.Watch.Application;

public static class WatchServiceCollectionExtensions
{
    /// <summary>
    /// The watch use cases: <see cref="CareMetricsService"/>, <see cref="SlaWatchService"/>, <see cref="AuthorErasureService"/> and the per-brand SLA
    /// policies (<c>Watch</c> section, validated at start). Needs <c>ICaseStore</c>, <c>IEscalationOutbox</c>,
    /// <c>IEscalationSink</c>, <c>IAuthorErasureStore</c> and <c>IRawDeliveryEraser</c> from the adapter layers.
    /// </summary>
    public static IServiceCollection AddSocialFirstWatch(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WatchOptions>()
            .BindConfiguration(WatchOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ISlaPolicyProvider, ConfiguredSlaPolicyProvider>();
        services.TryAddSingleton<CareMetricsService>();
        services.TryAddSingleton<SlaWatchService>();
        services.TryAddSingleton<AuthorErasureService>();
        return services;
    }
}
