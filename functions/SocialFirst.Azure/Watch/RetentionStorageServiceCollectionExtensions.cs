using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Azure.Watch;

public static class RetentionStorageServiceCollectionExtensions
{
    /// <summary>
    /// The retention timer's use case and its storage: <see cref="RetentionService"/> (AddRetention),
    /// <see cref="IRawDeliveryRetention"/> (the raw-deliveries container) and <see cref="ICaseTextRetention"/> (the case
    /// tables, with progress in the <c>retention</c> table). Needs AddSocialFirstStorage and AddEscalationStorage.
    /// </summary>
    public static IServiceCollection AddRetentionWatch(this IServiceCollection services)
    {
        services.AddRetention();
        services.TryAddSingleton<IRawDeliveryRetention, BlobRawDeliveryRetention>();
        services.TryAddSingleton<ICaseTextRetention, TableCaseTextRetention>();
        return services;
    }
}
