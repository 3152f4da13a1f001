using System.Collections.Concurrent;

namespace SocialFirst.Core.Watch.Trends;

/// <summary>Which incidents a listing returns.</summary>
public enum IncidentStatusFilter
{
    Open,
    Closed,
    All,
}

/// <summary>An incident as stored for people and tools to read, with the one-line summary of the alert that opened it.</summary>
/// <param name="Incident">The incident (terms, times, linked mention and case ids).</param>
/// <param name="Summary">The opening alert's summary (terms, counts against baseline); null keeps the stored one.</param>
public sealed record IncidentRecord(Incident Incident, string? Summary = null);

/// <summary>Incident records, one per brand and incident id (the trend watch writes them; the API reads them).</summary>
public interface IIncidentStore
{
    /// <summary>Creates or replaces the record; a null <see cref="IncidentRecord.Summary"/> keeps the stored summary.</summary>
    Task UpsertAsync(IncidentRecord record, CancellationToken cancellationToken);

    Task<IncidentRecord?> GetAsync(string brandId, string incidentId, CancellationToken cancellationToken);

    /// <summary>The brand's incidents, latest opened first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<IncidentRecord>> ListAsync(string brandId, IncidentStatusFilter status, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Retention: the brand's incidents closed before <paramref name="closedBefore"/> lose their linked mention ids
    /// (terms, counts, case ids and times stay), at most <paramref name="max"/> per call. Idempotent; returns how many
    /// changed (fewer than <paramref name="max"/>: none are left).
    /// </summary>
    Task<int> StripMentionIdsAsync(string brandId, DateTimeOffset closedBefore, int max, CancellationToken cancellationToken);
}

/// <summary>Incident records in memory (tests and local runs).</summary>
public sealed class InMemoryIncidentStore : IIncidentStore
{
    private readonly ConcurrentDictionary<(string Brand, string Id), IncidentRecord> _records = new();

    public int Writes { get; private set; }

    public Task UpsertAsync(IncidentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        Writes++;
        _records.AddOrUpdate(
            (record.Incident.BrandId, record.Incident.Id),
            record,
            (_, existing) => record with { Summary = record.Summary ?? existing.Summary });
        return Task.CompletedTask;
    }

    public Task<IncidentRecord?> GetAsync(string brandId, string incidentId, CancellationToken cancellationToken) =>
        Task.FromResult(_records.GetValueOrDefault((brandId, incidentId)));

    public Task<IReadOnlyList<IncidentRecord>> ListAsync(string brandId, IncidentStatusFilter status, int max, CancellationToken cancellationToken)
    {
        IReadOnlyList<IncidentRecord> found = _records.Values
            .Where(r => r.Incident.BrandId == brandId && Matches(r.Incident, status))
            .OrderByDescending(r => r.Incident.OpenedAt)
            .ThenBy(r => r.Incident.Id, StringComparer.Ordinal)
            .Take(max)
            .ToList();
        return Task.FromResult(found);
    }

    public Task<int> StripMentionIdsAsync(string brandId, DateTimeOffset closedBefore, int max, CancellationToken cancellationToken)
    {
        var stripped = 0;
        foreach (var (key, record) in _records.OrderBy(kv => kv.Key.Id, StringComparer.Ordinal).ToList())
        {
            if (stripped >= max)
            {
                break;
            }

            if (key.Brand == brandId && record.Incident.ClosedAt < closedBefore && record.Incident.MentionIds.Count > 0)
            {
                _records[key] = record with { Incident = record.Incident with { MentionIds = [] } };
                stripped++;
            }
        }

        return Task.FromResult(stripped);
    }

    /// <summary>True when <paramref name="incident"/> passes <paramref name="status"/>.</summary>
    public static bool Matches(Incident incident, IncidentStatusFilter status)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return status switch
        {
            IncidentStatusFilter.Open => incident.IsOpen,
            IncidentStatusFilter.Closed => !incident.IsOpen,
            _ => true,
        };
    }
}
