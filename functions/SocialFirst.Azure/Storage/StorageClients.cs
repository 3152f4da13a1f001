using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace SocialFirst.Azure.Storage;

/// <summary>
/// The storage SDK clients, created once from configuration: a connection string for Azurite, managed identity in Azure.
/// They share one HTTP transport whose connection pool is bounded per endpoint (<see cref="StorageOptions.MaxConnectionsPerEndpoint"/>).
/// </summary>
public sealed class StorageClients : IDisposable
{
    private readonly HttpClient _http;

    public StorageClients(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        var o = Options;

        var blobOptions = new BlobClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        _http = CreateHttpClient(o);
        var transport = new HttpClientTransport(_http);
        foreach (ClientOptions c in new ClientOptions[] { blobOptions, queueOptions, tableOptions })
        {
            c.Transport = transport;
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

    public void Dispose() => _http.Dispose();

    /// <summary>What Azure.Core's default transport sets (no redirects, no cookies, timeouts left to the pipeline), plus a bounded pool.</summary>
    internal static HttpClient CreateHttpClient(StorageOptions options) =>
        new(CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan };

    internal static SocketsHttpHandler CreateHandler(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            // Reconnect now and then so DNS changes of the storage front ends are picked up (Azure.Core does the same on .NET Framework).
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (options.MaxConnectionsPerEndpoint > 0)
        {
            handler.MaxConnectionsPerServer = options.MaxConnectionsPerEndpoint;
        }

        return handler;
    }
}
