using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Ingestion;

namespace SocialFirst.Azure.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage clients and the ingestion adapters. Settings come from <c>Storage:*</c>, falling back to the
    /// host's <c>AzureWebJobsStorage</c> (connection string) or <c>AzureWebJobsStorage__*ServiceUri</c>/<c>__clientId</c>,
    /// and the queue names from the app settings <c>MentionsQueue</c>/<c>EscalationsQueue</c> that function.json uses.
    /// </summary>
    public static IServiceCollection AddSocialFirstStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Configure<IConfiguration>(ApplyHostFallbacks)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StorageClients>();
        services.AddSingleton<StorageProvisioner>();
        services.AddSingleton<IRawDeliveryArchive, BlobRawDeliveryArchive>();
        services.AddSingleton<IMentionQueue, StorageMentionQueue>();
        services.AddSingleton<IIngestLedger, TableIngestLedger>();
        return services;
    }

    /// <summary>Escalations go to the storage queue stand-in (standalone mode).</summary>
    public static IServiceCollection AddStorageQueueEscalations(this IServiceCollection services)
    {
        services.AddSingleton<IEscalationSink, StorageQueueEscalationSink>();
        return services;
    }

    private static void ApplyHostFallbacks(StorageOptions o, IConfiguration config)
    {
        var host = config.GetSection("AzureWebJobsStorage");
        if (string.IsNullOrWhiteSpace(o.ConnectionString) && o.BlobServiceUri is null)
        {
            o.ConnectionString = host.Value;
            o.BlobServiceUri ??= Uri(host["blobServiceUri"]);
            o.QueueServiceUri ??= Uri(host["queueServiceUri"]);
            o.TableServiceUri ??= Uri(host["tableServiceUri"]);
            o.ManagedIdentityClientId ??= host["clientId"];
        }

        o.MentionsQueue = config["MentionsQueue"] is { Length: > 0 } m ? m : o.MentionsQueue;
        o.EscalationsQueue = config["EscalationsQueue"] is { Length: > 0 } e ? e : o.EscalationsQueue;
    }

    private static Uri? Uri(string? value) => string.IsNullOrWhiteSpace(value) ? null : new Uri(value);
}
