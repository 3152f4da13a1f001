using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SocialFirst.Core.Watch.Application;

public static class TrendWatchServiceCollectionExtensions
{
    /// <summary>
    /// Trend and crisis detection: <see cref="TrendWatchService"/> and its options (<c>Watch:Trends</c>, validated at
    /// start, policies included). Needs from the adapter layers <c>ITrendObservationLog</c> (which triage also uses as
    /// its <c>ITrendObservationSink</c>), <see cref="ITrendWatchStateStore"/>, <c>IIncidentStore</c>, <c>ICaseStore</c>
    /// and the <c>IAlertSink</c>s of escalation (AddTrendStorage, AddTableCaseStore, AddSocialFirstEscalation).
    /// </summary>
    public static IServiceCollection AddTrendWatch(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TrendWatchOptions>()
            .BindConfiguration(TrendWatchOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<TrendWatchService>();
        return services;
    }
}
