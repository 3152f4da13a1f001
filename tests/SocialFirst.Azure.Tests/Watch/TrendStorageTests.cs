using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Azure.Storage;
using SocialFirst.Azure.Watch;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;
using SocialFirst.Testing;

namespace SocialFirst.Azure.Tests.Watch;

/// <summary>The trend adapters against Azurite: observations, incident records and the ETag-guarded state blob.</summary>
public class TrendStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 50, 0, TimeSpan.Zero);

    private StorageClients NewClients() =>
        new(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12] }));

    private static TrendObservation Observation(string mentionId, DateTimeOffset at, string? caseId = "CASE1") =>
        new("acme", at, mentionId, ["Cap", "blood"], [CareCategory.Safety], Sentiment.Negative, caseId);

    [Fact]
    public async Task ObservationLog_RecordTwiceAndAcrossHours_ReadsEachOnceInRange()
    {
        var time = new FakeTimeProvider(T0);
        var log = new TableTrendObservationLog(NewClients(), time);
        await log.EnsureTableAsync(CancellationToken.None);

        await log.RecordAsync(Observation("facebook:created:e1", T0.AddMinutes(-3)), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        await log.RecordAsync(Observation("facebook:created:e1", T0.AddMinutes(-3)), CancellationToken.None); // a retry: kept once
        time.Advance(TimeSpan.FromMinutes(15)); // 10:05, the next hour's partition
        await log.RecordAsync(Observation("x/created#e2?", T0.AddMinutes(14), caseId: null), CancellationToken.None);
        await log.RecordAsync(new TrendObservation("other", T0, "facebook:created:e3", [], [], Sentiment.Neutral), CancellationToken.None);

        var all = await log.ReadAsync("acme", T0.AddMinutes(-1), time.GetUtcNow(), CancellationToken.None);
        var later = await log.ReadAsync("acme", T0.AddMinutes(1), time.GetUtcNow(), CancellationToken.None);
        var none = await log.ReadAsync("acme", time.GetUtcNow(), time.GetUtcNow().AddHours(1), CancellationToken.None);

        Assert.Equal(["facebook:created:e1", "x/created#e2?"], all.Select(r => r.Observation.MentionId));
        var first = all[0];
        Assert.Equal(T0, first.RecordedAt);
        Assert.Equal(T0.AddMinutes(-3), first.Observation.At);
        Assert.Equal(["Cap", "blood"], first.Observation.Terms);
        Assert.Equal([CareCategory.Safety], first.Observation.Categories);
        Assert.Equal((Sentiment.Negative, "CASE1"), (first.Observation.Sentiment, first.Observation.CaseId));
        Assert.Null(all[1].Observation.CaseId);
        Assert.Equal(["x/created#e2?"], later.Select(r => r.Observation.MentionId));
        Assert.Empty(none);
    }

    [Fact]
    public async Task IncidentStore_UpsertKeepsSummary_ListsByStatus()
    {
        var store = new TableIncidentStore(NewClients());
        await store.EnsureTableAsync(CancellationToken.None);
        var open = new Incident
        {
            Id = "inc-202601050945-1",
            BrandId = "acme",
            Terms = ["cap", "cut", "blood", "category:safety"],
            Kinds = [TrendSignalKind.CoOccurrence],
            Severity = TrendSeverity.High,
            OpenedAt = T0.AddMinutes(-5),
            LastSignalAt = T0.AddMinutes(10),
        }.Link("m1", "CASE1", 200).Link("m2", "CASE2", 200);
        var closed = open with { Id = "inc-202601040945-1", OpenedAt = T0.AddDays(-1), ClosedAt = T0.AddDays(-1).AddHours(2) };

        await store.UpsertAsync(new IncidentRecord(open, "High: cap + cut + blood"), CancellationToken.None);
        await store.UpsertAsync(new IncidentRecord(open.Link("m3", "CASE3", 200)), CancellationToken.None);
        await store.UpsertAsync(new IncidentRecord(closed, "old"), CancellationToken.None);

        var got = await store.GetAsync("acme", open.Id, CancellationToken.None);
        Assert.NotNull(got);
        Assert.Equal("High: cap + cut + blood", got.Summary);
        Assert.Equal(["CASE1", "CASE2", "CASE3"], got.Incident.CaseIds);
        Assert.Equal(3, got.Incident.LinkedMentionCount);
        Assert.Equal(open.Terms, got.Incident.Terms);
        Assert.Equal(TrendSeverity.High, got.Incident.Severity);
        Assert.Equal(open.OpenedAt, got.Incident.OpenedAt);
        Assert.Equal([open.Id], (await store.ListAsync("acme", IncidentStatusFilter.Open, 10, CancellationToken.None)).Select(r => r.Incident.Id));
        Assert.Equal([closed.Id], (await store.ListAsync("acme", IncidentStatusFilter.Closed, 10, CancellationToken.None)).Select(r => r.Incident.Id));
        Assert.Equal([open.Id, closed.Id], (await store.ListAsync("acme", IncidentStatusFilter.All, 10, CancellationToken.None)).Select(r => r.Incident.Id));
        Assert.Null(await store.GetAsync("acme", "inc-none", CancellationToken.None));
        Assert.Null(await store.GetAsync("other", open.Id, CancellationToken.None));
    }

    [Fact]
    public async Task StateStore_SaveIsGuardedByETag_AndRoundTripsTheState()
    {
        var store = new BlobTrendStateStore(NewClients());
        var detector = new TrendDetector(TrendPolicy.Default);
        var state = new TrendWatchState { ObservedUpTo = T0 };
        detector.Observe(state.Trends, Observation("m1", T0));
        state.PendingAlerts.Add(new TrendAlertNotice("inc-1", TrendSeverity.Critical, ["cap"], "summary", ["m1"], T0, T0.AddMinutes(15)));

        Assert.Null(await store.LoadAsync("acme", CancellationToken.None));
        var v1 = await store.TrySaveAsync("acme", state, null, CancellationToken.None);
        var createAgain = await store.TrySaveAsync("acme", state, null, CancellationToken.None);
        var loaded = await store.LoadAsync("acme", CancellationToken.None);
        var v2 = await store.TrySaveAsync("acme", loaded!.State, loaded.Version, CancellationToken.None);
        var stale = await store.TrySaveAsync("acme", loaded.State, v1, CancellationToken.None);

        Assert.NotNull(v1);
        Assert.Null(createAgain);
        Assert.Equal(v1, loaded.Version);
        Assert.NotNull(v2);
        Assert.NotEqual(v1, v2);
        Assert.Null(stale);
        var s = loaded.State;
        Assert.Equal(T0, s.ObservedUpTo);
        Assert.Equal("acme", s.Trends.BrandId);
        Assert.Equal(1, s.Trends.Windows[detector.WindowIndex(T0)].Total);
        Assert.Equal(1, s.Trends.Windows[detector.WindowIndex(T0)].Count("blood"));
        Assert.Equal("m1", Assert.Single(s.Trends.Pending).MentionId);
        Assert.Equal(Sentiment.Negative, s.Trends.Pending[0].Sentiment);
        Assert.Equal(TrendSeverity.Critical, Assert.Single(s.PendingAlerts).Severity);
    }
}
