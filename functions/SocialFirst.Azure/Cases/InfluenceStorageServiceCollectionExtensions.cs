using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Azure.Cases;

public static class InfluenceStorageServiceCollectionExtensions
{
    /// <summary>
    /// The key-opinion-leader ranking on Table Storage: <see cref="TableCaseMentionFactsReader"/> as
    /// <see cref="ICaseMentionFactsReader"/>, and <see cref="InfluenceService"/> with its settings
    /// (<c>AddSocialFirstInfluence</c>, section <c>Watch:Influence</c>). Needs <c>StorageClients</c> and <c>ICaseStore</c>
    /// (AddSocialFirstStorage, AddTableCaseStore).
    /// </summary>
    public static IServiceCollection AddInfluenceStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<ICaseMentionFactsReader, TableCaseMentionFactsReader>();
        return services.AddSocialFirstInfluence();
    }
}
