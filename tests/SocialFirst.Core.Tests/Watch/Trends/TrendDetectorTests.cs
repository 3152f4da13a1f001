using System.Text.Json;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Tests.Watch.Trends;

public class TrendDetectorTests
{
    private const int Seed = 7;
    private static readonly string[] Cluster = ["cut", "blood", "salad dressing"];

    /// <summary>Day 10 (a Thursday, counting from Monday = day 0) at 14:00 UTC, near the daily peak.</summary>
    private static int PeakWindow(SyntheticTrendStream s, int day = 10) => (day * s.WindowsPerDay) + (14 * 60 / s.WindowMinutes);

    [Fact]
    public void Evaluate_FourteenDaysOfNormalRhythm_RaisesNoAlarm()
    {
        var stream = new SyntheticTrendStream(Seed);

        var (alerts, state) = TrendReplay.Run(stream);

        Assert.Empty(alerts);
        Assert.Empty(state.Incidents);
        Assert.True(state.Windows.Count > 1000, "the stream should have filled most windows");
    }

    [Fact]
    public void Evaluate_InjectedSpikeOfAPhrase_AlarmsInTheFirstOrSecondWindowNamingIt()
    {
        var stream = new SyntheticTrendStream(Seed);
        var from = PeakWindow(stream);
        stream.WithSpike("recall notice", from, windows: 4, perWindow: 9);

        var (alerts, state) = TrendReplay.Run(stream);

        var alert = Assert.Single(alerts);
        Assert.InRange(TrendReplay.WindowOf(stream, alert), from, from + 1);
        Assert.Equal("recall notice", alert.Terms[0]);
        var signal = Assert.Single(alert.Signals, s => s.Term == "recall notice");
        Assert.Equal(TrendSignalKind.TermSpike, signal.Kind);
        Assert.True(signal.Count >= 9 && signal.BaselineMean < 1, $"{signal.Count} vs {signal.BaselineMean}");
        Assert.Equal("seasonal", signal.BaselineSource);
        Assert.InRange(alert.ExampleMentionIds.Count, 1, TrendPolicy.Default.MaxExamples);
        Assert.True(alert.Incident.LinkedMentionCount >= 9);
        Assert.Contains(alert.Incident.Id, state.Incidents.Select(i => i.Id));
    }

    [Fact]
    public void Evaluate_CutBloodSaladDressingRisingTogether_OpensOneIncidentNamingTheCluster()
    {
        var stream = new SyntheticTrendStream(Seed);
        var from = PeakWindow(stream);
        stream.WithCluster(Cluster, from, windows: 3, perWindow: 5);

        var (alerts, state) = TrendReplay.Run(stream);

        // One alert for the whole incident: the single-term spikes, the safety category and the negative share are
        // the same mentions and merge into it.
        var alert = Assert.Single(alerts);
        Assert.InRange(TrendReplay.WindowOf(stream, alert), from, from + 1);
        Assert.NotNull(alert.Cluster);
        Assert.Equal(Cluster.Order(), alert.Cluster.Terms.Order());
        Assert.Equal(Cluster.Order(), alert.Terms.Where(TrendTerms.IsPhrase).Order());
        Assert.True(alert.Cluster.JointCount >= 5);
        Assert.All(alert.Signals.Where(s => s.Kind == TrendSignalKind.CoOccurrence), s => Assert.True(s.Count >= 5));
        Assert.True(alert.Severity >= TrendSeverity.High, alert.Summary);
        Assert.Single(state.Incidents);
    }

    [Fact]
    public void Evaluate_NegativeSurge_AlarmsWithShareAndCountAboveBaseline()
    {
        var stream = new SyntheticTrendStream(Seed);
        var from = PeakWindow(stream);
        stream.WithNegativeSurge(from, windows: 3, perWindow: 16);

        var (alerts, _) = TrendReplay.Run(stream);

        var alert = Assert.Single(alerts);
        Assert.InRange(TrendReplay.WindowOf(stream, alert), from, from + 1);
        var surge = Assert.Single(alert.Signals, s => s.Kind == TrendSignalKind.NegativeSurge);
        Assert.Equal(TrendTerms.NegativeSentiment, surge.Term);
        Assert.True(surge.Share > surge.BaselineShare + 0.15, $"{surge.Share} vs {surge.BaselineShare}");
        Assert.True(surge.Count > 3 * surge.BaselineMean, $"{surge.Count} vs {surge.BaselineMean}");
    }

    [Fact]
    public void Evaluate_TinyCountsOneToThree_RaiseNoAlarm()
    {
        var stream = new SyntheticTrendStream(Seed);
        var from = PeakWindow(stream);
        stream.WithSpike("loyalty card", 0, stream.TotalWindows, perWindow: 1)   // always 1 a window...
            .WithSpike("loyalty card", from, windows: 1, perWindow: 2)           // ...then 3 once
            .WithSpike("brand new phrase", from + 10, windows: 1, perWindow: 3); // and a new phrase 3 times

        var (alerts, _) = TrendReplay.Run(stream);

        Assert.Empty(alerts);
    }

    [Fact]
    public void Evaluate_LongSpike_IsOneIncidentThatContinuesThenClosesAfterTheQuietPeriod()
    {
        var stream = new SyntheticTrendStream(Seed);
        var from = PeakWindow(stream);
        stream.WithSpike("recall notice", from, windows: 8, perWindow: 12);
        var detector = new TrendDetector(TrendPolicy.Default);
        var state = new BrandTrendState();
        var alerts = new List<TrendAlert>();
        var continuing = new List<string>();
        var closed = new List<Incident>();

        foreach (var (_, end, mentions) in stream.Windows())
        {
            mentions.ForEach(m => detector.Observe(state, m));
            var result = detector.Evaluate(state, end);
            alerts.AddRange(result.Alerts);
            continuing.AddRange(result.ContinuingIncidentIds);
            closed.AddRange(result.ClosedIncidents);
        }

        var alert = Assert.Single(alerts);
        Assert.True(continuing.Count(id => id == alert.Incident.Id) >= 5, $"continued {continuing.Count} times");
        var done = Assert.Single(closed);
        Assert.Equal(alert.Incident.Id, done.Id);
        var lastSignal = stream.WindowStart(from + 8);
        Assert.Equal(lastSignal + TimeSpan.FromMinutes(TrendPolicy.Default.IncidentQuietMinutes), done.ClosedAt);
        Assert.True(done.LinkedMentionCount >= 8 * 12, $"linked {done.LinkedMentionCount}");
    }

    [Fact]
    public void Observe_MentionOfAnOpenIncident_IsLinkedToIt()
    {
        var stream = new SyntheticTrendStream(Seed, days: 4);
        var from = (3 * stream.WindowsPerDay) + 56;
        stream.WithCluster(Cluster, from, windows: 1, perWindow: 6);
        var (alerts, state) = TrendReplay.Run(stream);
        var incident = Assert.Single(alerts).Incident;
        var detector = new TrendDetector(TrendPolicy.Default);
        var later = stream.WindowStart(from + 2);

        var linked = detector.Observe(state, new TrendObservation(SyntheticTrendStream.Brand, later, "late-1", ["Salad Dressing", "blood"], [], Sentiment.Negative, "case-late"));
        var unrelated = detector.Observe(state, new TrendObservation(SyntheticTrendStream.Brand, later, "late-2", ["blood"], [], Sentiment.Negative));

        Assert.Equal(incident.Id, linked);
        Assert.Null(unrelated);
        var stored = state.Incidents.Single(i => i.Id == incident.Id);
        Assert.Contains("late-1", stored.MentionIds);
        Assert.Contains("case-late", stored.CaseIds);
        Assert.DoesNotContain("late-2", stored.MentionIds);
    }

    [Fact]
    public void Evaluate_StateSavedAsJsonAndLoadedBetweenRuns_GivesTheSameAlertsAsOneRun()
    {
        var stream = new SyntheticTrendStream(Seed, days: 6);
        var from = (5 * stream.WindowsPerDay) + 56;
        stream.WithCluster(Cluster, from, windows: 2, perWindow: 5);
        var windows = stream.Windows().ToList();
        var detector = new TrendDetector(TrendPolicy.Default);

        var straight = new BrandTrendState();
        var viaJson = new BrandTrendState();
        var straightAlerts = new List<TrendAlert>();
        var jsonAlerts = new List<TrendAlert>();
        foreach (var (_, end, mentions) in windows)
        {
            mentions.ForEach(m => detector.Observe(straight, m));
            straightAlerts.AddRange(detector.Evaluate(straight, end).Alerts);

            // Every timer run reads the state from storage and writes it back.
            mentions.ForEach(m => detector.Observe(viaJson, m));
            jsonAlerts.AddRange(detector.Evaluate(viaJson, end).Alerts);
            viaJson = JsonSerializer.Deserialize<BrandTrendState>(JsonSerializer.Serialize(viaJson))!;
        }

        Assert.NotEmpty(straightAlerts);
        Assert.Equal(straightAlerts.Select(a => a.Summary), jsonAlerts.Select(a => a.Summary));
        Assert.Equal(JsonSerializer.Serialize(straight), JsonSerializer.Serialize(viaJson));
    }

    [Fact]
    public void Evaluate_ShortHistory_UsesRecentWindowsAsBaseline()
    {
        var stream = new SyntheticTrendStream(Seed, days: 1);
        var from = 56;
        stream.WithSpike("recall notice", from, windows: 2, perWindow: 10);

        var (alerts, _) = TrendReplay.Run(stream);

        var alert = Assert.Single(alerts);
        Assert.InRange(TrendReplay.WindowOf(stream, alert), from, from + 1);
        Assert.Equal("recent", alert.Signals[0].BaselineSource);
    }

    [Fact]
    public void Evaluate_RunLateAfterALongGap_SkipsBeyondTheCatchUpLimit()
    {
        var detector = new TrendDetector(TrendPolicy.Default with { MaxCatchUpWindows = 10 });
        var state = new BrandTrendState();
        var t0 = SyntheticTrendStream.Start;
        detector.Observe(state, new TrendObservation("b", t0, "m1", ["x"], [], Sentiment.Neutral));

        var result = detector.Evaluate(state, t0.AddHours(10));

        Assert.Equal(10, result.WindowsEvaluated);
        Assert.Equal(30, result.WindowsSkipped);
        Assert.Equal(detector.WindowIndex(t0.AddHours(10)) - 1, state.LastEvaluatedWindow);
        Assert.Empty(state.Pending);
    }

    [Fact]
    public void Observe_StateOfAnotherBrand_Throws()
    {
        var detector = new TrendDetector(TrendPolicy.Default);
        var state = new BrandTrendState { BrandId = "a" };

        Assert.Throws<ArgumentException>(() => detector.Observe(state, new TrendObservation("b", SyntheticTrendStream.Start, "m", [], [], Sentiment.Neutral)));
    }

    [Fact]
    public void WindowIndex_BucketsByWindowLengthFromTheEpoch()
    {
        var detector = new TrendDetector(TrendPolicy.Default);
        var t = new DateTimeOffset(2025, 3, 3, 10, 14, 59, TimeSpan.Zero);

        Assert.Equal(detector.WindowIndex(t), detector.WindowIndex(new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.FromHours(2))));
        Assert.Equal(detector.WindowIndex(t) + 1, detector.WindowIndex(t.AddSeconds(1)));
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero), detector.WindowStart(detector.WindowIndex(t)));
    }
}
