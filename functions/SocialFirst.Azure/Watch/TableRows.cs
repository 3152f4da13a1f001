using Azure;
using Azure.Data.Tables;

namespace SocialFirst.Azure.Watch;

/// <summary>
/// Row rewriting shared by author erasure and retention: copy a row without its system properties, change the copy,
/// and replace the row only if it is unchanged since it was read (its ETag), reading it again on 412.
/// </summary>
internal static class TableRows
{
    /// <summary>How often a row that keeps changing is read again before giving up.</summary>
    public const int MaxRetries = 30;

    /// <summary>Properties the service keeps and that are not ours to copy or edit.</summary>
    public static readonly IReadOnlySet<string> SystemProperties = new HashSet<string>(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    /// <summary>The row's own properties, keys included, without the ETag and timestamp.</summary>
    public static TableEntity Copy(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var copy = new TableEntity(e.PartitionKey, e.RowKey);
        foreach (var (key, value) in e.Where(p => !SystemProperties.Contains(p.Key)))
        {
            copy[key] = value;
        }

        return copy;
    }

    /// <summary>
    /// Applies <paramref name="change"/> (true when it changed something) to a copy and replaces the row if unchanged
    /// since read; re-reads and retries on 412. False when nothing changed or the row is gone.
    /// </summary>
    public static async Task<bool> RewriteAsync(TableClient table, TableEntity row, Func<TableEntity, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(change);
        var current = row;
        for (var attempt = 1; attempt <= MaxRetries; attempt++)
        {
            var copy = Copy(current);
            if (!change(copy))
            {
                return false;
            }

            try
            {
                await table.UpdateEntityAsync(copy, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                var fresh = await table.GetEntityIfExistsAsync<TableEntity>(current.PartitionKey, current.RowKey, cancellationToken: cancellationToken);
                if (!fresh.HasValue || fresh.Value is null)
                {
                    return false;
                }

                current = fresh.Value;
            }
        }

        throw new RequestFailedException(412, $"row {row.PartitionKey}/{row.RowKey} kept changing");
    }
}
