using Azure;
using Azure.Data.Tables;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Azure.Escalation;

/// <summary>
/// The outbox in the <c>outbox</c> table: PartitionKey = case id (all actions of a case together), RowKey = action.
/// <see cref="TableClient.AddEntityAsync{T}"/> is the insert-if-absent gate: a second writer gets 409 and reads the
/// first's row. Every later change (claim, Pending → Sent/NeedsHuman/DryRun, bookkeeping flags) is a replace
/// conditional on the ETag read (<see cref="OutboxEntry.Version"/>): 412 means another writer got there first.
/// </summary>
public sealed class TableEscalationOutbox(StorageClients clients) : IEscalationOutbox
{
    public const string TableBaseName = "outbox";

    /// <summary>Longest text kept per string column (Table Storage allows 32K UTF-16 characters per property).</summary>
    internal const int MaxColumnChars = 8000;

    private readonly TableClient _table = clients.Table(TableBaseName);

    public async Task<(OutboxEntry Entry, bool Created)> AddIfAbsentAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(entry), cancellationToken);
            return (entry with { Version = response.Headers.ETag?.ToString() }, true);
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

    public async Task<OutboxEntry?> GetAsync(string caseId, string action, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        ArgumentException.ThrowIfNullOrEmpty(action);
        try
        {
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(caseId, action, cancellationToken: cancellationToken);
            return found.HasValue ? FromEntity(found.Value!) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The table itself is missing: nothing was ever recorded.
            return null;
        }
    }

    public async Task<OutboxEntry?> TryUpdateAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Version is null)
        {
            throw new ArgumentException("only an entry read from the outbox (with its Version) can be updated", nameof(entry));
        }

        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(entry), new ETag(entry.Version), TableUpdateMode.Replace, cancellationToken);
            return entry with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string caseId, CancellationToken cancellationToken)
    {
        var result = new List<OutboxEntry>();
        try
        {
            await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {caseId}"), cancellationToken: cancellationToken))
            {
                result.Add(FromEntity(e));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        return result;
    }

    internal static TableEntity ToEntity(OutboxEntry e) => new(e.CaseId, e.Action)
    {
        ["Platform"] = e.Platform,
        ["Status"] = e.Status.ToString(),
        ["Detail"] = Cut(e.Detail),
        ["RecordedAt"] = e.RecordedAt,
        ["PlatformMessageId"] = e.PlatformMessageId,
        ["Text"] = e.Text is null ? null : Cut(e.Text),
        ["TemplateId"] = e.TemplateId,
        ["TargetId"] = e.TargetId,
        ["Channel"] = e.Channel,
        ["Attempts"] = e.Attempts,
        ["ClaimedAt"] = e.ClaimedAt,
        ["LastOutcome"] = e.LastOutcome is null ? null : Cut(e.LastOutcome),
        ["FallbackAction"] = e.FallbackAction,
        ["CaseRecorded"] = e.CaseRecorded,
        ["AlertedAt"] = e.AlertedAt,
        ["UpdatedAt"] = e.UpdatedAt,
    };

    internal static OutboxEntry FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey,
        e.GetString("Platform") ?? string.Empty,
        Enum.TryParse<OutboxStatus>(e.GetString("Status"), out var s) ? s : OutboxStatus.Pending,
        e.GetString("Detail") ?? string.Empty,
        e.GetDateTimeOffset("RecordedAt") ?? DateTimeOffset.MinValue,
        e.GetString("PlatformMessageId"))
    {
        Text = e.GetString("Text"),
        TemplateId = e.GetString("TemplateId"),
        TargetId = e.GetString("TargetId"),
        Channel = e.GetString("Channel"),
        Attempts = e.GetInt32("Attempts") ?? 0,
        ClaimedAt = e.GetDateTimeOffset("ClaimedAt"),
        LastOutcome = e.GetString("LastOutcome"),
        FallbackAction = e.GetString("FallbackAction"),
        CaseRecorded = e.GetBoolean("CaseRecorded") ?? false,
        AlertedAt = e.GetDateTimeOffset("AlertedAt"),
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt"),
        Version = e.ETag.ToString(),
    };

    private static string Cut(string text) => text.Length > MaxColumnChars ? text[..MaxColumnChars] : text;
}
