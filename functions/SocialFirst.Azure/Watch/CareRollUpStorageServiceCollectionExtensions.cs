using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Azure.Watch;

public static class CareRollUpStorageServiceCollectionExtensions
{
    /// <summary>
    /// The daily care roll-up: <see cref="ICareDayStore"/> (the <c>caredays</c> table), which <see cref="CareMetricsService"/>
    /// then reads for settled days, and the timer's <see cref="CareRollUpService"/>. Needs AddSocialFirstStorage,
    /// AddTableCaseStore, AddEscalationStorage, the brand options (AddSocialFirstTriage) and AddSocialFirstWatch.
    /// </summary>
    public static IServiceCollection AddCareRollUp(this IServiceCollection services)
    {
        services.TryAddSingleton<TableCareDayStore>();
        services.TryAddSingleton<ICareDayStore>(sp => sp.GetRequiredService<TableCareDayStore>());
        services.TryAddSingleton<CareRollUpService>();
        return services;
    }
}
