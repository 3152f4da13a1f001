using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Azure.Watch;

public static class TrendStorageServiceCollectionExtensions
{
    /// <summary>The tables trend detection uses, before the prefix (for the provisioner).</summary>
    public static IReadOnlyList<string> TableBaseNames { get; } = [TableTrendObservationLog.TableBaseName, TableIncidentStore.TableBaseName];

    /// <summary>
    /// The storage side of trend detection: <see cref="TableTrendObservationLog"/> (as <see cref="ITrendObservationLog"/>
    /// and as triage's <see cref="ITrendObservationSink"/>), <see cref="BlobTrendStateStore"/> and
    /// <see cref="TableIncidentStore"/>. Needs AddSocialFirstStorage; its tables are <see cref="TableBaseNames"/>.
    /// </summary>
    public static IServiceCollection AddTrendStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TableTrendObservationLog>();
        services.TryAddSingleton<ITrendObservationLog>(sp => sp.GetRequiredService<TableTrendObservationLog>());
        services.TryAddSingleton<ITrendObservationSink>(sp => sp.GetRequiredService<TableTrendObservationLog>());
        services.TryAddSingleton<ITrendWatchStateStore, BlobTrendStateStore>();
        services.TryAddSingleton<IIncidentStore, TableIncidentStore>();
        return services;
    }
}
