using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace SocialFirst.Azure.Storage;

/// <summary>The storage SDK clients, created once from configuration: a connection string for Azurite, managed identity in Azure.</summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        var o = Options;

        var blobOptions = new BlobClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        foreach (ClientOptions c in new ClientOptions[] { blobOptions, queueOptions, tableOptions })
        {
            c.Retry.MaxRetries = o.MaxRetries;
            c.Retry.Delay = TimeSpan.FromMilliseconds(100);
            c.Retry.MaxDelay = TimeSpan.FromSeconds(1);
            c.Retry.NetworkTimeout = TimeSpan.FromSeconds(o.NetworkTimeoutSeconds);
        }

        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            Blobs = new BlobServiceClient(o.ConnectionString, blobOptions);
            Queues = new QueueServiceClient(o.ConnectionString, queueOptions);
            Tables = new TableServiceClient(o.ConnectionString, tableOptions);
        }
        else
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = o.ManagedIdentityClientId });
            Blobs = new BlobServiceClient(o.BlobServiceUri, credential, blobOptions);
            Queues = new QueueServiceClient(o.QueueServiceUri, credential, queueOptions);
            Tables = new TableServiceClient(o.TableServiceUri, credential, tableOptions);
        }
    }

    public StorageOptions Options { get; }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }

    public TableClient Table(string baseName) => Tables.GetTableClient(Options.TableName(baseName));

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);
}
