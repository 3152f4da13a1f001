using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialFirst.Core.Cases;

namespace SocialFirst.Azure.Cases;

public static class CasesServiceCollectionExtensions
{
    /// <summary>
    /// The Table Storage case store as <see cref="ICaseStore"/> (and as itself, for <see cref="TableCaseStore.EnsureTablesAsync"/>).
    /// Needs <c>StorageClients</c> (AddSocialFirstStorage). Its tables are <see cref="TableCaseStore.TableBaseNames"/>.
    /// </summary>
    public static IServiceCollection AddTableCaseStore(this IServiceCollection services)
    {
        services.TryAddSingleton<TableCaseStore>();
        services.TryAddSingleton<ICaseStore>(sp => sp.GetRequiredService<TableCaseStore>());
        return services;
    }
}
