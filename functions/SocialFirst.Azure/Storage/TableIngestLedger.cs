using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using SocialFirst.Core.Ingestion;

namespace SocialFirst.Azure.Storage;

/// <summary>
/// Remembers queued mention events in the <c>ingestledger</c> table. Keys are hashes of the de-duplication key:
/// platform ids may contain characters Table keys forbid (/ \ # ?), and a hash spreads rows over 256 partitions.
/// </summary>
public sealed class TableIngestLedger : IIngestLedger
{
    public const string TableBaseName = "ingestledger";

    private readonly TableClient _table;

    public TableIngestLedger(StorageClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _table = clients.Table(TableBaseName);
    }

    public async Task<IReadOnlySet<string>> FindQueuedAsync(IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dedupKeys);
        var found = await Task.WhenAll(dedupKeys.Select(async key =>
        {
            var (pk, rk) = Keys(key);
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(pk, rk, ["PartitionKey"], cancellationToken);
            return row.HasValue ? key : null;
        }));
        return found.OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    public async Task MarkQueuedAsync(IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dedupKeys);
        await Task.WhenAll(dedupKeys.Select(key =>
        {
            var (pk, rk) = Keys(key);
            return _table.UpsertEntityAsync(new TableEntity(pk, rk), TableUpdateMode.Replace, cancellationToken);
        }));
    }

    internal static (string PartitionKey, string RowKey) Keys(string dedupKey)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey)));
        return (hash[..2], hash);
    }
}
