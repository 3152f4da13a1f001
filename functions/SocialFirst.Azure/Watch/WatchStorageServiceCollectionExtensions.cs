using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialFirst.Azure.Cases;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Azure.Watch;

public static class WatchStorageServiceCollectionExtensions
{
    /// <summary>
    /// The storage side of author erasure: <see cref="IAuthorErasureStore"/> (the Table case store) and
    /// <see cref="IRawDeliveryEraser"/> (the raw-deliveries container). Needs AddSocialFirstStorage and AddTableCaseStore.
    /// </summary>
    public static IServiceCollection AddWatchStorage(this IServiceCollection services)
    {
        services.AddTableCaseStore();
        services.TryAddSingleton<IAuthorErasureStore>(sp => sp.GetRequiredService<TableCaseStore>());
        services.TryAddSingleton<IRawDeliveryEraser, BlobRawDeliveryEraser>();
        return services;
    }
}
