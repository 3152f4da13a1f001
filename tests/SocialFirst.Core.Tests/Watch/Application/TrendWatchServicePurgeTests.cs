using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;
using static SocialFirst.Core.Tests.Watch.Application.WatchCases;

namespace SocialFirst.Core.Tests.Watch.Application;

/// <summary>
/// Purging consumed observations: whole hours ending <see cref="TrendWatchOptions.PurgeMarginHours"/> before the saved
/// cursor go, at most <see cref="TrendWatchOptions.MaxPurgedHoursPerRun"/> per run, progress saved with the state.
/// </summary>
public class TrendWatchServicePurgeTests
{
    private static readonly DateTimeOffset Start = Monday.AddDays(20).AddHours(8);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly RecorderClock _recorder = new();
    private readonly SpyLog _log;
    private readonly InMemoryTrendWatchStateStore _states = new();
    private readonly TrendWatchOptions _options = new();
    private int _n;

    public TrendWatchServicePurgeTests() => _log = new SpyLog(new InMemoryTrendObservationLog(_recorder));

    private TrendWatchService CreateSut()
    {
        var brands = new BrandOptions();
        brands.Items["acme"] = new BrandDefinition();
        return new TrendWatchService(
            _log,
            _states,
            new InMemoryIncidentStore(),
            new InMemoryCaseStore(),
            [],
            new StaticMonitor<BrandOptions>(brands),
            Options.Create(_options),
            _time,
            NullLogger<TrendWatchService>.Instance);
    }

    /// <summary>Records an observation at <paramref name="recordedAt"/> (by the recorder's own clock); returns its mention id.</summary>
    private async Task<string> RecordAsync(DateTimeOffset recordedAt)
    {
        _recorder.Now = recordedAt;
        var id = "facebook:created:evt-" + ++_n;
        await _log.RecordAsync(new TrendObservation("acme", recordedAt, id, ["order"], [CareCategory.Question], Sentiment.Neutral), CancellationToken.None);
        return id;
    }

    /// <summary>A saved state as a run at <paramref name="cursor"/> would have left it.</summary>
    private async Task SeedStateAsync(DateTimeOffset cursor, DateTimeOffset? purgedThrough)
    {
        var state = new TrendWatchState { ObservedUpTo = cursor, PurgedThrough = purgedThrough, Trends = new BrandTrendState { BrandId = "acme" } };
        Assert.NotNull(await _states.TrySaveAsync("acme", state, null, CancellationToken.None));
    }

    private async Task<TrendWatchState> StateAsync() => (await _states.LoadAsync("acme", CancellationToken.None))!.State;

    private async Task<HashSet<string>> StoredIdsAsync() =>
        (await _log.ReadAsync("acme", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None)).Select(r => r.Observation.MentionId).ToHashSet();

    private static DateTimeOffset Hour(DateTimeOffset at) => TrendObservationHours.Floor(at);

    [Fact]
    public async Task RunAsync_FirstPurgeWithoutProgress_StartsAtCursorLessBaselineAndTwoDaysAndIsBounded()
    {
        var cursor = Start.AddMinutes(-1);
        await SeedStateAsync(cursor, purgedThrough: null);
        var first = Hour(cursor - TimeSpan.FromDays(_options.Policy.BaselineDays + 2));
        var older = await RecordAsync(first.AddMinutes(-30));
        var inFirst = await RecordAsync(first.AddMinutes(10));
        var inLast = await RecordAsync(first.AddHours(47).AddMinutes(59));
        var next = await RecordAsync(first.AddHours(48).AddMinutes(1));
        await RecordAsync(Start.AddMinutes(1)); // something new, so the run saves
        _time.SetUtcNow(Start.AddMinutes(5));

        var report = await CreateSut().RunAsync(CancellationToken.None);

        Assert.Equal([(first, first.AddHours(48))], _log.Purges);
        Assert.Equal((48, 2), (report.PurgedHours, report.PurgedObservations));
        Assert.Equal(first.AddHours(48), (await StateAsync()).PurgedThrough);
        var stored = await StoredIdsAsync();
        Assert.DoesNotContain(inFirst, stored);
        Assert.DoesNotContain(inLast, stored);
        Assert.Contains(older, stored); // before the oldest hour that could matter: not looked for
        Assert.Contains(next, stored); // beyond this run's bound
    }

    [Fact]
    public async Task RunAsync_ManyRuns_ResumeWhereTheLastStoppedAndStopAtTheMarginBeforeTheCursor()
    {
        _options.MaxPurgedHoursPerRun = 5;
        var cursor = Start.AddMinutes(-1);
        await SeedStateAsync(cursor, purgedThrough: Hour(Start).AddHours(-12));
        var consumedOld = await RecordAsync(Hour(Start).AddHours(-11).AddMinutes(20));
        var consumedLate = await RecordAsync(Hour(Start).AddHours(-3).AddMinutes(59)); // 04:59, ends before cursor − 2 h
        var inMargin = await RecordAsync(Hour(Start).AddHours(-2).AddMinutes(30)); // 06:30, within the margin
        var sut = CreateSut();

        // A run every 5 minutes for half an hour, each with something new (so each saves).
        for (var i = 1; i <= 6; i++)
        {
            await RecordAsync(Start.AddMinutes((5 * i) - 4));
            _time.SetUtcNow(Start.AddMinutes(5 * i));
            await sut.RunAsync(CancellationToken.None);
        }

        // Consecutive ranges of at most 5 hours, each starting where the last ended, never past the saved cursor − 2 h
        // (05:00 for the first run, whose saved cursor is 07:59; 06:00 from the second on).
        var limit = Hour(Start).AddHours(-2);
        Assert.Equal([(Hour(Start).AddHours(-12), Hour(Start).AddHours(-7)), (Hour(Start).AddHours(-7), Hour(Start).AddHours(-2))], _log.Purges);
        Assert.Equal(limit, (await StateAsync()).PurgedThrough);
        var stored = await StoredIdsAsync();
        Assert.DoesNotContain(consumedOld, stored);
        Assert.DoesNotContain(consumedLate, stored);
        Assert.Contains(inMargin, stored);
        Assert.Equal(7, stored.Count); // the margin hour and the six new ones
    }

    [Fact]
    public async Task RunAsync_WatchWasBehind_PurgesOnlyHoursBeforeTheSavedCursorLessTheMargin()
    {
        var cursor = Start.AddHours(-5); // 03:00: the watch was down for five hours
        await SeedStateAsync(cursor, purgedThrough: Hour(Start).AddHours(-10));
        var consumed = await RecordAsync(Hour(Start).AddHours(-8).AddMinutes(30)); // 00:30
        var margin = await RecordAsync(Hour(Start).AddHours(-7).AddMinutes(30)); // 01:30: within 2 h of the cursor
        var unconsumed = await RecordAsync(Hour(Start).AddHours(-4).AddMinutes(30)); // 04:30: after the cursor
        _time.SetUtcNow(Start.AddMinutes(5));

        var report = await CreateSut().RunAsync(CancellationToken.None);

        Assert.Equal(1, report.Observed); // the unconsumed one is counted by this run...
        var stored = await StoredIdsAsync();
        Assert.DoesNotContain(consumed, stored);
        Assert.Contains(margin, stored);
        Assert.Contains(unconsumed, stored); // ...and kept: the purge follows the saved cursor, not this run's
        Assert.Equal(Hour(Start).AddHours(-7), (await StateAsync()).PurgedThrough); // floor(03:00 − 2 h) = 01:00
    }

    [Fact]
    public async Task RunAsync_PurgeFails_WatchSucceedsAndTheNextRunRetriesTheSameHours()
    {
        var cursor = Start.AddMinutes(-1);
        var from = Hour(Start).AddHours(-6);
        await SeedStateAsync(cursor, purgedThrough: from);
        var old = await RecordAsync(from.AddMinutes(30));
        await RecordAsync(Start.AddMinutes(1));
        _time.SetUtcNow(Start.AddMinutes(5));
        _log.Fail = true;
        var sut = CreateSut();

        var failed = await sut.RunAsync(CancellationToken.None);
        var afterFailure = await StateAsync();
        _log.Fail = false;
        await RecordAsync(Start.AddMinutes(6));
        _time.SetUtcNow(Start.AddMinutes(10));
        var retried = await sut.RunAsync(CancellationToken.None);

        Assert.Equal((0, 1, 0), (failed.Failed, failed.Observed, failed.PurgedHours));
        Assert.Equal(Start.AddMinutes(4), afterFailure.ObservedUpTo); // the watch itself went on
        Assert.Equal(from, afterFailure.PurgedThrough);
        Assert.Equal((from, Hour(Start).AddHours(-2)), _log.Purges[^1]);
        Assert.Equal(4, retried.PurgedHours);
        Assert.DoesNotContain(old, await StoredIdsAsync());
        Assert.Equal(Hour(Start).AddHours(-2), (await StateAsync()).PurgedThrough);
    }

    [Fact]
    public async Task RunAsync_NothingNew_WritesAndPurgesNothing()
    {
        await SeedStateAsync(Start.AddMinutes(-1), purgedThrough: Hour(Start).AddHours(-6));
        var saves = _states.Saves;
        _time.SetUtcNow(Start.AddMinutes(5));

        await CreateSut().RunAsync(CancellationToken.None);

        Assert.Empty(_log.Purges);
        Assert.Equal(saves, _states.Saves);
    }

    [Fact]
    public async Task RunAsync_PurgeDisabled_KeepsEverything()
    {
        _options.MaxPurgedHoursPerRun = 0;
        await SeedStateAsync(Start.AddMinutes(-1), purgedThrough: null);
        var old = await RecordAsync(Start.AddDays(-3));
        await RecordAsync(Start.AddMinutes(1));
        _time.SetUtcNow(Start.AddMinutes(5));

        await CreateSut().RunAsync(CancellationToken.None);

        Assert.Empty(_log.Purges);
        Assert.Contains(old, await StoredIdsAsync());
        Assert.Null((await StateAsync()).PurgedThrough);
    }

    /// <summary>The recording side's clock, set freely (observations of the past are recorded in any order).</summary>
    private sealed class RecorderClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The in-memory log, recording purge ranges and failing them on demand.</summary>
    private sealed class SpyLog(InMemoryTrendObservationLog inner) : ITrendObservationLog
    {
        public List<(DateTimeOffset From, DateTimeOffset To)> Purges { get; } = [];

        public bool Fail { get; set; }

        public Task RecordAsync(TrendObservation observation, CancellationToken cancellationToken) => inner.RecordAsync(observation, cancellationToken);

        public Task<IReadOnlyList<RecordedTrendObservation>> ReadAsync(string brandId, DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken) =>
            inner.ReadAsync(brandId, after, upTo, cancellationToken);

        public Task<int> PurgeAsync(string brandId, DateTimeOffset fromHour, DateTimeOffset toHourExclusive, CancellationToken cancellationToken)
        {
            Purges.Add((fromHour, toHourExclusive));
            return Fail ? throw new InvalidOperationException("storage down") : inner.PurgeAsync(brandId, fromHour, toHourExclusive, cancellationToken);
        }
    }
}
