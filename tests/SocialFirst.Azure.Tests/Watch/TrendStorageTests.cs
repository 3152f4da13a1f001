using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Azure.Storage;
using SocialFirst.Azure.Watch;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;
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

    [Fact]
    public async Task ObservationLog_Purge_DeletesWholeHoursOfTheBrandInBatchesAndIsIdempotent()
    {
        var hour = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(hour.AddMinutes(-10));
        var log = new TableTrendObservationLog(NewClients(), time);
        await log.EnsureTableAsync(CancellationToken.None);
        await log.RecordAsync(Observation("before", hour.AddMinutes(-10)), CancellationToken.None);
        time.SetUtcNow(hour.AddMinutes(1));
        for (var i = 0; i < 230; i++) // three transactions' worth
        {
            await log.RecordAsync(Observation("m" + i, hour), CancellationToken.None);
        }

        await log.RecordAsync(new TrendObservation("other", hour, "m0", [], [], Sentiment.Neutral), CancellationToken.None);
        time.SetUtcNow(hour.AddMinutes(61));
        await log.RecordAsync(Observation("after", hour.AddMinutes(61)), CancellationToken.None);

        var deleted = await log.PurgeAsync("acme", hour, hour.AddHours(1), CancellationToken.None);
        var again = await log.PurgeAsync("acme", hour, hour.AddHours(1), CancellationToken.None);

        Assert.Equal((230, 0), (deleted, again));
        var left = await log.ReadAsync("acme", hour.AddHours(-2), hour.AddHours(2), CancellationToken.None);
        Assert.Equal(["before", "after"], left.Select(r => r.Observation.MentionId));
        Assert.Single(await log.ReadAsync("other", hour.AddHours(-2), hour.AddHours(2), CancellationToken.None));
        Assert.Equal(0, await log.PurgeAsync("acme", hour, hour, CancellationToken.None));
    }

    [Fact]
    public async Task IncidentStore_StripMentionIds_OnlyClosedBeforeTheCutoffAndOnce()
    {
        var store = new TableIncidentStore(NewClients());
        await store.EnsureTableAsync(CancellationToken.None);
        Incident Closed(string id, DateTimeOffset? closedAt) =>
            new Incident { Id = id, BrandId = "acme", Terms = ["cap"], OpenedAt = T0.AddDays(-40), LastSignalAt = T0.AddDays(-40), ClosedAt = closedAt }
                .Link("m-" + id, "CASE-" + id, 200);
        await store.UpsertAsync(new IncidentRecord(Closed("inc-old", T0.AddDays(-31)), "cap 9 vs 1"), CancellationToken.None);
        await store.UpsertAsync(new IncidentRecord(Closed("inc-recent", T0.AddDays(-29))), CancellationToken.None);
        await store.UpsertAsync(new IncidentRecord(Closed("inc-open", null)), CancellationToken.None);

        var first = await store.StripMentionIdsAsync("acme", T0.AddDays(-30), 10, CancellationToken.None);
        var second = await store.StripMentionIdsAsync("acme", T0.AddDays(-30), 10, CancellationToken.None);

        Assert.Equal((1, 0), (first, second));
        var old = (await store.GetAsync("acme", "inc-old", CancellationToken.None))!;
        Assert.Empty(old.Incident.MentionIds);
        Assert.Equal(["CASE-inc-old"], old.Incident.CaseIds);
        Assert.Equal((1, "cap 9 vs 1", T0.AddDays(-31)), (old.Incident.LinkedMentionCount, old.Summary, old.Incident.ClosedAt));
        Assert.Single((await store.GetAsync("acme", "inc-recent", CancellationToken.None))!.Incident.MentionIds);
        Assert.Single((await store.GetAsync("acme", "inc-open", CancellationToken.None))!.Incident.MentionIds);
    }

    [Fact]
    public async Task TrendDataEraser_RemovesTheAuthorFromObservationsIncidentsAndStates()
    {
        var clients = NewClients();
        var time = new FakeTimeProvider(T0);
        var log = new TableTrendObservationLog(clients, time);
        var incidents = new TableIncidentStore(clients);
        var states = new BlobTrendStateStore(clients);
        await log.EnsureTableAsync(CancellationToken.None);
        await incidents.EnsureTableAsync(CancellationToken.None);
        const string Weibo = "weibo:created:1234567:mon jan 05 09:45:00 +0000 2026:dm"; // the sender id, embedded
        await log.RecordAsync(new TrendObservation("acme", T0, Weibo, ["cap"], [], Sentiment.Negative, "DANACASE"), CancellationToken.None);
        await log.RecordAsync(new TrendObservation("acme", T0, "weibo:created:999:t:dm", ["cap", "dana erasmus"], [], Sentiment.Negative, "DANACASE"), CancellationToken.None);
        await log.RecordAsync(new TrendObservation("acme", T0, "weibo:created:888:t:dm", ["cap"], [], Sentiment.Negative, "GUSCASE"), CancellationToken.None);
        var incident = new Incident { Id = "inc-1", BrandId = "acme", Terms = ["cap"], OpenedAt = T0, LastSignalAt = T0 }
            .Link(Weibo, "DANACASE", 200).Link("weibo:created:888:t:dm", "GUSCASE", 200);
        await incidents.UpsertAsync(new IncidentRecord(incident, "cap: 2 vs 0.1"), CancellationToken.None);
        var state = new TrendWatchState { Trends = new BrandTrendState { BrandId = "acme" } };
        state.Trends.Incidents.Add(incident);
        Assert.NotNull(await states.TrySaveAsync("acme", state, null, CancellationToken.None));
        var keys = new AuthorTrendKeys(Platform.Weibo, "1234567", [], ["DANACASE"], ["Dana Erasmus"], "erased-0123456789abcdef");
        var sut = new TrendDataEraser(log, incidents, states);

        var erased = await sut.EraseAsync(keys, CancellationToken.None);
        var repeat = await sut.EraseAsync(keys, CancellationToken.None);

        Assert.Equal(new TrendDataErasure(2, 1, 1), erased);
        Assert.Equal(new TrendDataErasure(0, 0, 0), repeat);
        var rows = await log.ReadAsync("acme", T0.AddHours(-1), T0.AddHours(1), CancellationToken.None);
        Assert.Equal(["weibo:created:888:t:dm", "weibo:created:999:t:dm"], rows.Select(r => r.Observation.MentionId));
        var other = rows.Single(r => r.Observation.MentionId == "weibo:created:999:t:dm").Observation;
        Assert.Null(other.CaseId);
        Assert.Equal(["cap", keys.Token], other.Terms);
        var record = (await incidents.GetAsync("acme", "inc-1", CancellationToken.None))!;
        Assert.Equal(["weibo:created:888:t:dm"], record.Incident.MentionIds);
        Assert.Equal(["GUSCASE"], record.Incident.CaseIds);
        Assert.Equal((2, "cap: 2 vs 0.1"), (record.Incident.LinkedMentionCount, record.Summary));
        var saved = (await states.LoadAsync("acme", CancellationToken.None))!.State.Trends.Incidents.Single();
        Assert.Equal(["weibo:created:888:t:dm"], saved.MentionIds);
        Assert.Equal(["GUSCASE"], saved.CaseIds);
    }
}
