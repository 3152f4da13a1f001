using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Watch.Application;

/// <summary>
/// What the trend timer keeps per brand between runs (one document, saved conditionally on its version): the
/// detector's <see cref="BrandTrendState"/>, the cursor into the recorded observations and the effects of the last
/// evaluation that are not confirmed as delivered yet (a small outbox, so a crash between saving and delivering loses
/// nothing and a concurrent run never repeats them).
/// </summary>
public sealed class TrendWatchState
{
    public int SchemaVersion { get; set; } = 1;

    public BrandTrendState Trends { get; set; } = new();

    /// <summary>Observations recorded up to this moment are counted in <see cref="Trends"/>; null before the first run.</summary>
    public DateTimeOffset? ObservedUpTo { get; set; }

    /// <summary>
    /// The observation partitions (UTC hours of recording) before this hour are deleted; the next purge starts here. Null
    /// before the first purge, which starts at the oldest hour a recorded observation could still matter (cursor −
    /// baseline − 2 days).
    /// </summary>
    public DateTimeOffset? PurgedThrough { get; set; }

    /// <summary>When a run took the pending effects on; another run leaves them alone for the lease.</summary>
    public DateTimeOffset? EffectsClaimedAt { get; set; }

    /// <summary>Incidents whose records must be written.</summary>
    public List<string> PendingIncidents { get; set; } = [];

    /// <summary>Alerts to raise.</summary>
    public List<TrendAlertNotice> PendingAlerts { get; set; } = [];

    /// <summary>Cases to note as linked to an incident.</summary>
    public List<IncidentCaseLink> PendingCaseLinks { get; set; } = [];

    [JsonIgnore]
    public bool HasPendingEffects => PendingIncidents.Count > 0 || PendingAlerts.Count > 0 || PendingCaseLinks.Count > 0;
}

/// <summary>A new incident's alert, as kept until raised: no customer text.</summary>
public sealed record TrendAlertNotice(
    string IncidentId,
    TrendSeverity Severity,
    IReadOnlyList<string> Terms,
    string Summary,
    IReadOnlyList<string> ExampleMentionIds,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd)
{
    public static TrendAlertNotice From(TrendAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new TrendAlertNotice(alert.Incident.Id, alert.Severity, alert.Terms, alert.Summary, alert.ExampleMentionIds, alert.WindowStart, alert.WindowEnd);
    }
}

/// <summary>A case that joined an incident.</summary>
public sealed record IncidentCaseLink(string IncidentId, string CaseId);

/// <summary>A stored state and the version (ETag) it was read at.</summary>
public sealed record VersionedTrendWatchState(TrendWatchState State, string Version);

/// <summary>Where <see cref="TrendWatchState"/> lives: a blob per brand in Azure, memory in tests.</summary>
public interface ITrendWatchStateStore
{
    /// <summary>The brand's state and its version, or null when none was saved yet.</summary>
    Task<VersionedTrendWatchState?> LoadAsync(string brandId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves if the stored version is still <paramref name="expectedVersion"/> (null: only if nothing is stored yet).
    /// Returns the new version, or null when another writer saved first.
    /// </summary>
    Task<string?> TrySaveAsync(string brandId, TrendWatchState state, string? expectedVersion, CancellationToken cancellationToken);
}

/// <summary>States as JSON in memory with a version counter, so callers never share a live object (as with real storage).</summary>
public sealed class InMemoryTrendWatchStateStore : ITrendWatchStateStore
{
    private readonly ConcurrentDictionary<string, (string Json, string Version)> _states = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _next;

    public int Saves { get; private set; }

    public Task<VersionedTrendWatchState?> LoadAsync(string brandId, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(brandId, out var s)
            ? new VersionedTrendWatchState(JsonSerializer.Deserialize<TrendWatchState>(s.Json)!, s.Version)
            : null);

    public Task<string?> TrySaveAsync(string brandId, TrendWatchState state, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            var current = _states.TryGetValue(brandId, out var s) ? s.Version : null;
            if (current != expectedVersion)
            {
                return Task.FromResult<string?>(null);
            }

            var version = "v" + (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _states[brandId] = (JsonSerializer.Serialize(state), version);
            Saves++;
            return Task.FromResult<string?>(version);
        }
    }
}
