using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Azure.Watch;

/// <summary>
/// Incident records in the table <c>incidents</c>: PartitionKey = brand, RowKey = incident id. The incident is kept as
/// JSON (its linked mention and case id lists in their own properties, each cut to fit a Table property) next to the
/// columns a listing filters and sorts on (<c>IsOpen</c>, <c>OpenedAt</c>). Writes merge, so the opening alert's
/// summary stays when later writes carry none.
/// </summary>
public sealed class TableIncidentStore(StorageClients clients) : IIncidentStore
{
    public const string TableBaseName = "incidents";

    /// <summary>Characters per id-list property (a Table string property holds at most 32 K UTF-16 characters).</summary>
    private const int MaxListChars = 30_000;

    private readonly TableClient _table = (clients ?? throw new ArgumentNullException(nameof(clients))).Table(TableBaseName);

    public Task EnsureTableAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task UpsertAsync(IncidentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var i = record.Incident;
        var entity = new TableEntity(TableKeys.Brand(i.BrandId), TableKeys.Encode(i.Id))
        {
            ["BrandId"] = i.BrandId,
            ["IncidentId"] = i.Id,
            ["IsOpen"] = i.IsOpen,
            ["OpenedAt"] = i.OpenedAt,
            ["LastSignalAt"] = i.LastSignalAt,
            ["Incident"] = JsonSerializer.Serialize(i with { MentionIds = [], CaseIds = [] }, StorageJson.Options),
            ["MentionIds"] = Fit(i.MentionIds),
            ["CaseIds"] = Fit(i.CaseIds),
        };
        if (record.Summary is not null)
        {
            entity["Summary"] = record.Summary;
        }

        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<IncidentRecord?> GetAsync(string brandId, string incidentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Brand(brandId), TableKeys.Encode(incidentId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e ? ToRecord(e) : null;
    }

    public async Task<IReadOnlyList<IncidentRecord>> ListAsync(string brandId, IncidentStatusFilter status, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        var partition = TableKeys.Brand(brandId);
        var filter = status switch
        {
            IncidentStatusFilter.Open => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and IsOpen eq {true}"),
            IncidentStatusFilter.Closed => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and IsOpen eq {false}"),
            _ => TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
        };
        var found = new List<IncidentRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(ToRecord(e));
        }

        return found.OrderByDescending(r => r.Incident.OpenedAt).ThenBy(r => r.Incident.Id, StringComparer.Ordinal).Take(max).ToList();
    }

    public async Task<int> StripMentionIdsAsync(string brandId, DateTimeOffset closedBefore, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        // Opened before the cutoff is necessary for closed before it; rows already stripped hold "[]".
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Brand(brandId)} and IsOpen eq {false} and OpenedAt lt {closedBefore} and MentionIds ne {"[]"}");
        var stripped = 0;
        try
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (stripped >= max)
                {
                    break;
                }

                if (await TableRows.RewriteAsync(_table, row, e => StripMentionIds(e, closedBefore), cancellationToken))
                {
                    stripped++;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0; // no table: no incidents
        }

        return stripped;
    }

    /// <summary>
    /// Erasure: every incident record (all brands; the table holds a handful per brand) loses the author's mention ids,
    /// case ids and names in its terms and summary, each row replaced only if unchanged since read. Returns rows changed.
    /// </summary>
    public async Task<int> EraseAuthorAsync(AuthorTrendKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var changed = 0;
        try
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(filter: (string?)null, cancellationToken: cancellationToken))
            {
                changed += await TableRows.RewriteAsync(_table, row, e => Erase(e, keys), cancellationToken) ? 1 : 0;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }

        return changed;
    }

    private static bool StripMentionIds(TableEntity e, DateTimeOffset closedBefore)
    {
        var incident = ToRecord(e).Incident;
        if (incident.IsOpen || incident.ClosedAt >= closedBefore || incident.MentionIds.Count == 0)
        {
            return false;
        }

        e["MentionIds"] = "[]";
        return true;
    }

    private static bool Erase(TableEntity e, AuthorTrendKeys keys)
    {
        var record = ToRecord(e);
        var summary = record.Summary is { } s ? keys.ScrubTerm(s) : null;
        var erased = TrendWatchErasure.Erase(record.Incident, keys);
        if (erased is null && summary == record.Summary)
        {
            return false;
        }

        var i = erased ?? record.Incident;
        e["Incident"] = JsonSerializer.Serialize(i with { MentionIds = [], CaseIds = [] }, StorageJson.Options);
        e["MentionIds"] = Fit(i.MentionIds);
        e["CaseIds"] = Fit(i.CaseIds);
        if (summary is not null)
        {
            e["Summary"] = summary;
        }

        return true;
    }

    private static IncidentRecord ToRecord(TableEntity e)
    {
        var incident = JsonSerializer.Deserialize<Incident>(e.GetString("Incident") ?? throw new InvalidDataException("incident row without Incident"), StorageJson.Options)
            ?? throw new InvalidDataException("incident row with an empty Incident");
        incident = incident with
        {
            MentionIds = JsonSerializer.Deserialize<List<string>>(e.GetString("MentionIds") ?? "[]") ?? [],
            CaseIds = JsonSerializer.Deserialize<List<string>>(e.GetString("CaseIds") ?? "[]") ?? [],
        };
        return new IncidentRecord(incident, e.GetString("Summary"));
    }

    /// <summary>The ids as a JSON array, the first ones only when all would not fit a property (the full count stays on the incident).</summary>
    private static string Fit(IReadOnlyList<string> ids)
    {
        var json = JsonSerializer.Serialize(ids);
        var take = ids.Count;
        while (json.Length > MaxListChars && take > 0)
        {
            take = take * 3 / 4;
            json = JsonSerializer.Serialize(ids.Take(take));
        }

        return json;
    }
}
