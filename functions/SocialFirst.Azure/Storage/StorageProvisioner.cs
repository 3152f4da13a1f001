using Azure.Storage.Queues;

namespace SocialFirst.Azure.Storage;

/// <summary>Creates the queues, tables and containers the app uses if they are missing (Azurite starts empty).</summary>
public sealed class StorageProvisioner(StorageClients clients)
{
    public async Task EnsureCreatedAsync(IEnumerable<string> extraTables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extraTables);
        var o = clients.Options;
        var work = new List<Task>
        {
            clients.Blobs.GetBlobContainerClient(o.RawDeliveriesContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
        };
        foreach (var queue in new[] { o.MentionsQueue, o.MentionsQueue + "-poison", o.EscalationsQueue, o.EscalationsQueue + "-deadletter" })
        {
            work.Add(CreateQueueAsync(clients.Queue(queue), cancellationToken));
        }

        foreach (var table in new[] { TableIngestLedger.TableBaseName, StorageQueueEscalationSink.SentTableBaseName }.Concat(extraTables))
        {
            work.Add(clients.Table(table).CreateIfNotExistsAsync(cancellationToken));
        }

        await Task.WhenAll(work);
    }

    private static Task CreateQueueAsync(QueueClient queue, CancellationToken cancellationToken) =>
        queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
}
