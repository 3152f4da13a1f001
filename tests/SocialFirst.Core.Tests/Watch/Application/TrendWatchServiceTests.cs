using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;
using static SocialFirst.Core.Tests.Watch.Application.WatchCases;

namespace SocialFirst.Core.Tests.Watch.Application;

/// <summary>
/// The trend timer over in-memory ports: observations are recorded at their own time (the fake clock follows them) and
/// the watch runs every 5 minutes, as its timer does. Default policy: 15-minute windows, a recent baseline from the
/// fourth window on.
/// </summary>
public class TrendWatchServiceTests
{
    private static readonly DateTimeOffset Start = Monday.AddHours(8);
    private static readonly string[] Burst = ["cap", "cut", "blood"];

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryTrendObservationLog _log;
    private readonly InMemoryTrendWatchStateStore _states = new();
    private readonly InMemoryIncidentStore _incidents = new();
    private readonly InMemoryCaseStore _cases = new();
    private readonly RecordingAlertSink _alerts = new();
    private readonly TrendWatchOptions _options = new();
    private int _n;

    public TrendWatchServiceTests() => _log = new InMemoryTrendObservationLog(_time);

    private TrendWatchService CreateSut(ITrendWatchStateStore? states = null, IAlertSink? alerts = null)
    {
        var brands = new BrandOptions();
        brands.Items["acme"] = new BrandDefinition();
        return new TrendWatchService(
            _log,
            states ?? _states,
            _incidents,
            _cases,
            [alerts ?? _alerts],
            new StaticMonitor<BrandOptions>(brands),
            Options.Create(_options),
            _time,
            NullLogger<TrendWatchService>.Instance);
    }

    /// <summary>Three ordinary mentions a window from <see cref="Start"/> for <paramref name="windows"/> windows.</summary>
    private List<TrendObservation> Baseline(int windows)
    {
        var list = new List<TrendObservation>();
        for (var w = 0; w < windows; w++)
        {
            list.Add(Observation(Start.AddMinutes((w * 15) + 2), ["order", "delivery"], Sentiment.Neutral, CareCategory.Question));
            list.Add(Observation(Start.AddMinutes((w * 15) + 7), ["new flavour"], Sentiment.Positive, CareCategory.Praise));
            list.Add(Observation(Start.AddMinutes((w * 15) + 12), ["refund"], Sentiment.Negative, CareCategory.ServiceFailure));
        }

        return list;
    }

    /// <summary><paramref name="count"/> safety mentions with the burst terms in window <paramref name="window"/>, each in its own case.</summary>
    private List<TrendObservation> Spike(int window, int count) =>
        Enumerable.Range(0, count)
            .Select(i => Observation(Start.AddMinutes((window * 15) + 1 + i), Burst, Sentiment.Negative, CareCategory.Safety, withCase: true))
            .ToList();

    private TrendObservation Observation(DateTimeOffset at, string[] terms, Sentiment sentiment, string category, bool withCase = false)
    {
        var n = ++_n;
        var mentionId = $"facebook:created:evt-{n}";
        string? caseId = null;
        if (withCase)
        {
            caseId = _cases.Seed(Open(mentionId, at, author: "a" + n).Then(CaseStatus.Triaged, at.AddSeconds(5), "triage")).Id;
        }

        return new TrendObservation("acme", at, mentionId, terms, [category], sentiment, caseId);
    }

    /// <summary>Records each observation at its time and runs the watch every 5 minutes until <paramref name="until"/>.</summary>
    private async Task<List<TrendWatchReport>> PlayAsync(IEnumerable<TrendObservation> stream, DateTimeOffset until, TrendWatchService? sut = null)
    {
        sut ??= CreateSut();
        var reports = new List<TrendWatchReport>();
        var queue = new Queue<TrendObservation>(stream.OrderBy(o => o.At));
        for (var tick = _time.GetUtcNow() + TimeSpan.FromMinutes(5); tick <= until; tick += TimeSpan.FromMinutes(5))
        {
            while (queue.Count > 0 && queue.Peek().At <= tick)
            {
                var o = queue.Dequeue();
                _time.SetUtcNow(o.At);
                await _log.RecordAsync(o, CancellationToken.None);
            }

            _time.SetUtcNow(tick);
            reports.Add(await sut.RunAsync(CancellationToken.None));
        }

        return reports;
    }

    [Fact]
    public async Task RunAsync_SpikeOfCoOccurringTerms_OpensOneIncidentLinksItsCasesAndAlertsOnce()
    {
        var spike = Spike(window: 8, count: 8);

        var reports = await PlayAsync(Baseline(12).Concat(spike), Start.AddHours(3));

        var record = Assert.Single(await _incidents.ListAsync("acme", IncidentStatusFilter.All, 100, CancellationToken.None));
        var incident = record.Incident;
        Assert.True(incident.IsOpen);
        Assert.Equal(Start.AddHours(2), incident.OpenedAt);
        Assert.Subset(incident.Terms.ToHashSet(), Burst.ToHashSet());
        Assert.Equal(spike.Select(o => o.CaseId!).Order(), incident.CaseIds.Order());
        Assert.Equal(8, incident.LinkedMentionCount);
        Assert.Contains("cap", record.Summary, StringComparison.Ordinal);

        var alert = Assert.Single(_alerts.Alerts);
        Assert.Equal(AlertKind.Trend, alert.Kind);
        Assert.Equal($"trend:acme:{incident.Id}", alert.IdempotencyKey);
        Assert.Contains(incident.Id, alert.Reason, StringComparison.Ordinal);
        Assert.Contains(spike[0].MentionId, alert.Reason, StringComparison.Ordinal);
        Assert.Equal(1, reports.Sum(r => r.Alerts));
        Assert.Equal(8, reports.Sum(r => r.CasesLinked));
        Assert.Equal(44, reports.Sum(r => r.Observed));

        foreach (var o in spike)
        {
            var c = _cases.Cases.Single(x => x.Id == o.CaseId);
            Assert.Single(c.History, h => h.Actor == TrendWatchService.Actor && h.Reason == TrendWatchService.LinkReason(incident.Id));
        }

        var state = (await _states.LoadAsync("acme", CancellationToken.None))!.State;
        Assert.False(state.HasPendingEffects);
        Assert.Equal(_time.GetUtcNow().AddSeconds(-_options.SettleSeconds), state.ObservedUpTo);
    }

    [Fact]
    public async Task RunAsync_QuietStream_OpensNoIncident()
    {
        var reports = await PlayAsync(Baseline(16), Start.AddHours(4).AddMinutes(10));

        Assert.Empty(await _incidents.ListAsync("acme", IncidentStatusFilter.All, 100, CancellationToken.None));
        Assert.Empty(_alerts.Alerts);
        Assert.Equal(48, reports.Sum(r => r.Observed));
        Assert.True(reports.Sum(r => r.WindowsEvaluated) >= 15, "the windows should have been evaluated");
    }

    [Fact]
    public async Task RunAsync_AgainAtTheSameTimeAndLater_NoDuplicateIncidentAlertOrNote()
    {
        var sut = CreateSut();
        await PlayAsync(Baseline(12).Concat(Spike(window: 8, count: 8)), Start.AddHours(2).AddMinutes(20), sut);
        var writes = _incidents.Writes;
        var caseWrites = _cases.Writes;

        var again = await sut.RunAsync(CancellationToken.None);
        var later = await PlayAsync([], Start.AddHours(3), sut);

        Assert.Single(_alerts.Alerts);
        Assert.Single(await _incidents.ListAsync("acme", IncidentStatusFilter.All, 100, CancellationToken.None));
        Assert.Equal((0, 0, 0), (again.Observed, again.Alerts, again.CasesLinked));
        Assert.Equal(writes, _incidents.Writes);
        Assert.Equal(0, later.Sum(r => r.Alerts + r.CasesLinked));
        Assert.Equal(caseWrites, _cases.Writes);
    }

    [Fact]
    public async Task RunAsync_AnotherRunSavesFirst_ReloadsAndDoesNotRepeatTheAlert()
    {
        // The first save of run A is preceded by a whole run B (as if B ran concurrently and won the race).
        var racing = new RacingStateStore(_states);
        var a = CreateSut(racing);
        racing.BeforeFirstSave = () => CreateSut().RunAsync(CancellationToken.None);
        foreach (var o in Baseline(12).Concat(Spike(window: 8, count: 8)).OrderBy(o => o.At))
        {
            _time.SetUtcNow(o.At);
            await _log.RecordAsync(o, CancellationToken.None);
        }

        _time.SetUtcNow(Start.AddHours(3));
        var report = await a.RunAsync(CancellationToken.None);

        Assert.True(racing.Raced);
        Assert.True(report.Conflicts >= 1, "run A must have lost its first save");
        Assert.Equal(0, report.Alerts);
        Assert.Single(_alerts.Alerts);
        Assert.Single(await _incidents.ListAsync("acme", IncidentStatusFilter.All, 100, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_AlertFailed_KeepsItPendingAndRaisesItOnceAfterTheLease()
    {
        var flaky = new FlakyAlertSink(_alerts, failures: 1);
        var sut = CreateSut(alerts: flaky);

        await PlayAsync(Baseline(12).Concat(Spike(window: 8, count: 8)), Start.AddHours(2).AddMinutes(20), sut);
        var pending = (await _states.LoadAsync("acme", CancellationToken.None))!.State;
        _time.Advance(TimeSpan.FromSeconds(30));
        await sut.RunAsync(CancellationToken.None); // within the lease: left alone
        var stillPending = _alerts.Alerts.Count;
        _time.Advance(TimeSpan.FromSeconds(_options.EffectsLeaseSeconds));
        await sut.RunAsync(CancellationToken.None);
        await sut.RunAsync(CancellationToken.None);

        Assert.Single(pending.PendingAlerts);
        Assert.Equal(0, stillPending);
        Assert.Single(_alerts.Alerts);
        Assert.False((await _states.LoadAsync("acme", CancellationToken.None))!.State.HasPendingEffects);
        Assert.Single(await _incidents.ListAsync("acme", IncidentStatusFilter.Open, 100, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_BrandWithoutObservations_WritesNoState()
    {
        await CreateSut().RunAsync(CancellationToken.None);

        Assert.Equal(0, _states.Saves);
        Assert.Null(await _states.LoadAsync("acme", CancellationToken.None));
    }

    private sealed class RecordingAlertSink : IAlertSink
    {
        public List<EscalationAlert> Alerts { get; } = [];

        public Task AlertAsync(EscalationAlert alert, CancellationToken cancellationToken)
        {
            Alerts.Add(alert);
            return Task.CompletedTask;
        }
    }

    private sealed class FlakyAlertSink(IAlertSink inner, int failures) : IAlertSink
    {
        private int _left = failures;

        public Task AlertAsync(EscalationAlert alert, CancellationToken cancellationToken) =>
            _left-- > 0 ? throw new InvalidOperationException("webhook down") : inner.AlertAsync(alert, cancellationToken);
    }

    private sealed class RacingStateStore(ITrendWatchStateStore inner) : ITrendWatchStateStore
    {
        public Func<Task>? BeforeFirstSave { get; set; }

        public bool Raced { get; private set; }

        public Task<VersionedTrendWatchState?> LoadAsync(string brandId, CancellationToken cancellationToken) => inner.LoadAsync(brandId, cancellationToken);

        public async Task<string?> TrySaveAsync(string brandId, TrendWatchState state, string? expectedVersion, CancellationToken cancellationToken)
        {
            if (!Raced && BeforeFirstSave is { } race)
            {
                Raced = true;
                await race();
            }

            return await inner.TrySaveAsync(brandId, state, expectedVersion, cancellationToken);
        }
    }
}
