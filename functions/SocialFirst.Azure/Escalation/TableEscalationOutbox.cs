using Azure;
using Azure.Data.Tables;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Azure.Escalation;

/// <summary>
/// The outbox in the <c>outbox</c> table: PartitionKey = case id (all actions of a case together), RowKey = action.
/// <see cref="TableClient.AddEntityAsync{T}"/> is the insert-if-absent gate: a second writer gets 409 and reads the first's row.
/// </summary>
public sealed class TableEscalationOutbox(StorageClients clients) : IEscalationOutbox
{
    public const string TableBaseName = "outbox";

    private readonly TableClient _table = clients.Table(TableBaseName);

    public async Task<(OutboxEntry Entry, bool Created)> AddIfAbsentAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await _table.AddEntityAsync(ToEntity(entry), cancellationToken);
            return (entry, true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await _table.GetEntityAsync<TableEntity>(entry.CaseId, entry.Action, cancellationToken: cancellationToken);
            return (FromEntity(existing.Value), false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            return await AddIfAbsentAsync(entry, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string caseId, CancellationToken cancellationToken)
    {
        var result = new List<OutboxEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {caseId}"), cancellationToken: cancellationToken))
        {
            result.Add(FromEntity(e));
        }

        return result;
    }

    private static TableEntity ToEntity(OutboxEntry e) => new(e.CaseId, e.Action)
    {
        ["Platform"] = e.Platform,
        ["Status"] = e.Status.ToString(),
        ["Detail"] = e.Detail.Length > 4000 ? e.Detail[..4000] : e.Detail,
        ["RecordedAt"] = e.RecordedAt,
        ["PlatformMessageId"] = e.PlatformMessageId,
    };

    private static OutboxEntry FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey,
        e.GetString("Platform") ?? string.Empty,
        Enum.TryParse<OutboxStatus>(e.GetString("Status"), out var s) ? s : OutboxStatus.Pending,
        e.GetString("Detail") ?? string.Empty,
        e.GetDateTimeOffset("RecordedAt") ?? DateTimeOffset.MinValue,
        e.GetString("PlatformMessageId"));
}
