using System.Collections.Concurrent;

namespace SocialFirst.Core.Watch.Trends;

/// <summary>
/// Where triage records what trend detection needs of each filed mention (<see cref="TrendObservation"/>: key phrases,
/// categories, sentiment, ids and time; never the customer's text). Recording is idempotent by brand and mention id.
/// </summary>
public interface ITrendObservationSink
{
    Task RecordAsync(TrendObservation observation, CancellationToken cancellationToken);
}

/// <summary>An observation and when it was recorded (the clock of the recorder, which the trend watch's cursor follows).</summary>
public sealed record RecordedTrendObservation(TrendObservation Observation, DateTimeOffset RecordedAt);

/// <summary>The recorded observations, read back by the trend watch in order of recording.</summary>
public interface ITrendObservationLog : ITrendObservationSink
{
    /// <summary>Observations of <paramref name="brandId"/> recorded after <paramref name="after"/> and at or before <paramref name="upTo"/>.</summary>
    Task<IReadOnlyList<RecordedTrendObservation>> ReadAsync(string brandId, DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the observations of <paramref name="brandId"/> recorded in the UTC hours from <paramref name="fromHour"/>
    /// up to <paramref name="toHourExclusive"/> (whole hours; both are hour starts). Idempotent; returns the rows deleted.
    /// </summary>
    Task<int> PurgeAsync(string brandId, DateTimeOffset fromHour, DateTimeOffset toHourExclusive, CancellationToken cancellationToken);
}

/// <summary>Hours as the observation log partitions them.</summary>
public static class TrendObservationHours
{
    /// <summary>The start of the UTC hour <paramref name="at"/> falls in.</summary>
    public static DateTimeOffset Floor(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}

/// <summary>Records nothing: the default when trend detection is not wired.</summary>
public sealed class NullTrendObservationSink : ITrendObservationSink
{
    public static NullTrendObservationSink Instance { get; } = new();

    public Task RecordAsync(TrendObservation observation, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Observations in memory (tests and local runs without storage); insert-if-absent by brand and mention id.</summary>
public sealed class InMemoryTrendObservationLog(TimeProvider time) : ITrendObservationLog
{
    private readonly ConcurrentDictionary<(string Brand, string Mention), RecordedTrendObservation> _rows = new();

    public int Count => _rows.Count;

    public Task RecordAsync(TrendObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        _rows.TryAdd((observation.BrandId, observation.MentionId), new RecordedTrendObservation(observation, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RecordedTrendObservation>> ReadAsync(string brandId, DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        IReadOnlyList<RecordedTrendObservation> found = _rows
            .Where(kv => kv.Key.Brand == brandId && kv.Value.RecordedAt > after && kv.Value.RecordedAt <= upTo)
            .Select(kv => kv.Value)
            .OrderBy(r => r.RecordedAt)
            .ThenBy(r => r.Observation.MentionId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(found);
    }

    public Task<int> PurgeAsync(string brandId, DateTimeOffset fromHour, DateTimeOffset toHourExclusive, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var (key, row) in _rows)
        {
            var hour = TrendObservationHours.Floor(row.RecordedAt);
            if (key.Brand == brandId && hour >= fromHour && hour < toHourExclusive && _rows.TryRemove(key, out _))
            {
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }
}
