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
    /// and as triage's <see cref="ITrendObservationSink"/>), <see cref="BlobTrendStateStore"/>,
    /// <see cref="TableIncidentStore"/> (as <see cref="IIncidentStore"/>, which retention also uses when registered) and
    /// <see cref="TrendDataEraser"/> (author erasure's <see cref="ITrendDataEraser"/>). Needs AddSocialFirstStorage; its
    /// tables are <see cref="TableBaseNames"/>.
    /// </summary>
    public static IServiceCollection AddTrendStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TableTrendObservationLog>();
        services.TryAddSingleton<ITrendObservationLog>(sp => sp.GetRequiredService<TableTrendObservationLog>());
        services.TryAddSingleton<ITrendObservationSink>(sp => sp.GetRequiredService<TableTrendObservationLog>());
        services.TryAddSingleton<BlobTrendStateStore>();
        services.TryAddSingleton<ITrendWatchStateStore>(sp => sp.GetRequiredService<BlobTrendStateStore>());
        services.TryAddSingleton<TableIncidentStore>();
        services.TryAddSingleton<IIncidentStore>(sp => sp.GetRequiredService<TableIncidentStore>());
        services.TryAddSingleton<ITrendDataEraser, TrendDataEraser>();
        return services;
    }
}
