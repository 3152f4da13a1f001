using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Watch.Application;
using static SocialFirst.Core.Tests.Watch.Application.WatchCases;

namespace SocialFirst.Core.Tests.Watch.Application;

/// <summary>
/// The SLA watch under the default policy (UTC, Mon–Fri 09–18; normal band: first response 2 h of business time, warn at
/// 80 % = 96 min, escalate again every further 2 h, up to level 3). Time moves with a FakeTimeProvider.
/// </summary>
public class SlaWatchServiceTests
{
    private static readonly DateTimeOffset Opened = Monday.AddHours(9);

    private readonly InMemoryCaseStore _store = new();
    private readonly RecordingSink _sink = new();
    private readonly FakeTimeProvider _time = new(Opened);

    private SlaWatchService CreateSut(ICaseStore? store = null, WatchOptions? options = null)
    {
        var brands = new BrandOptions();
        brands.Items["acme"] = new BrandDefinition();
        var o = options ?? new WatchOptions();
        return new SlaWatchService(
            store ?? _store,
            _sink,
            new ConfiguredSlaPolicyProvider(new StaticMonitor<WatchOptions>(o)),
            new StaticMonitor<BrandOptions>(brands),
            Options.Create(o),
            _time,
            NullLogger<SlaWatchService>.Instance);
    }

    private Case SeedNormal(string key = "n1", DateTimeOffset? opened = null, string brand = "acme") =>
        _store.Seed(Open(key, opened ?? Opened, brand).Then(CaseStatus.Triaged, (opened ?? Opened).AddMinutes(1), "triage"));

    private Case Stored(Case c) => _store.Cases.Single(x => x.Id == c.Id);

    [Fact]
    public async Task RunAsync_WithinTarget_DoesNothing()
    {
        var c = SeedNormal();
        _time.SetUtcNow(Opened.AddMinutes(60));

        var report = await CreateSut().RunAsync(CancellationToken.None);

        Assert.Empty(_sink.Sent);
        Assert.Equal(1, report.Checked);
        Assert.Equal(0, report.Breached);
        Assert.Equal(Opened.AddMinutes(96), report.NextCheckAt);
        Assert.Equal(c.Version, Stored(c).Version);
    }

    [Fact]
    public async Task RunAsync_AboutToBreach_WarnsOnceWithAHistoryNote()
    {
        var c = SeedNormal();
        _time.SetUtcNow(Opened.AddMinutes(100));
        var sut = CreateSut();

        var first = await sut.RunAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await sut.RunAsync(CancellationToken.None);

        Assert.Empty(_sink.Sent);
        Assert.Equal(1, first.Warned);
        Assert.Equal(0, second.Warned);
        Assert.Equal(1, second.AboutToBreach);
        var note = Assert.Single(Stored(c).History, h => h.Actor == CaseTimelineMapper.SlaWatchActor);
        Assert.StartsWith(SlaWatchReasons.WarningPrefix, note.Reason, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Triaged, Stored(c).Status);
    }

    [Fact]
    public async Task RunAsync_Breached_SendsLevelOneOnceAndRecordsIt()
    {
        var c = SeedNormal();
        _time.SetUtcNow(Opened.AddHours(2).AddMinutes(1));
        var sut = CreateSut();

        var report = await sut.RunAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var again = await sut.RunAsync(CancellationToken.None);

        var sent = Assert.Single(_sink.Sent);
        Assert.Equal(c.Id + "-L1", sent.MessageId);
        Assert.Equal("acme", sent.BrandId);
        Assert.Contains("first response", sent.Reason, StringComparison.Ordinal);
        Assert.Equal(1, report.Escalated);
        Assert.Equal(0, again.Escalated);
        Assert.Equal(1, again.Breached);
        var stored = Stored(c);
        Assert.Equal(1, stored.EscalationLevel);
        Assert.Equal(CaseStatus.Escalated, stored.Status);
        Assert.Equal(CaseTimelineMapper.SlaWatchActor, stored.History[^1].Actor);
    }

    [Fact]
    public async Task RunAsync_StillOverdue_ReEscalatesEveryTargetLengthUpToTheTopLevel()
    {
        var c = SeedNormal();
        var sut = CreateSut();

        foreach (var hours in new[] { 2, 3, 4, 5, 6, 7, 8 })
        {
            _time.SetUtcNow(Opened.AddHours(hours).AddMinutes(1));
            await sut.RunAsync(CancellationToken.None);
        }

        // Breach at 11:00 → L1, 13:00 → L2, 15:00 → L3, then nothing more (the top level).
        Assert.Equal([c.Id + "-L1", c.Id + "-L2", c.Id + "-L3"], _sink.Sent.Select(m => m.MessageId));
        Assert.Equal(3, Stored(c).EscalationLevel);
    }

    [Fact]
    public async Task RunAsync_EscalatedByTriageBeforeTheBreach_RaisesToLevelTwo()
    {
        var c = _store.Seed(Open("t1", Opened, urgency: 0.7, urgent: true)
            .Then(CaseStatus.Triaged, Opened, "triage")
            .Then(CaseStatus.Escalated, Opened.AddMinutes(1), "triage", "escalated at level 1: urgent") with { EscalationLevel = 1 });
        _time.SetUtcNow(Opened.AddMinutes(30));
        await CreateSut().RunAsync(CancellationToken.None);
        Assert.Empty(_sink.Sent);

        _time.SetUtcNow(Opened.AddHours(1).AddMinutes(1)); // high band: first response within 1 h
        await CreateSut().RunAsync(CancellationToken.None);

        Assert.Equal(c.Id + "-L2", Assert.Single(_sink.Sent).MessageId);
        Assert.Equal(2, Stored(c).EscalationLevel);
        Assert.Equal(CaseStatus.Escalated, Stored(c).Status);
    }

    [Fact]
    public async Task RunAsync_AnsweredInTime_DoesNotEscalateTheFirstResponse()
    {
        var c = _store.Seed(Open("ans", Opened).Then(CaseStatus.Triaged, Opened, "triage").Then(CaseStatus.AwaitingCustomer, Opened.AddMinutes(20)));
        _time.SetUtcNow(Opened.AddHours(3));

        await CreateSut().RunAsync(CancellationToken.None);

        Assert.Empty(_sink.Sent);
        Assert.Equal(c.Version, Stored(c).Version);
    }

    [Fact]
    public async Task RunAsync_FreshTriageClaim_IsLeftToTriage_StaleClaimIsSent()
    {
        var c = _store.Seed(Open("claim", Opened, urgency: 0.7, urgent: true).Then(CaseStatus.Triaged, Opened, "triage") with
        {
            PendingEscalation = new PendingEscalation(1, "dedup-1", Opened),
        });
        _time.SetUtcNow(Opened.AddMinutes(5));
        var fresh = await CreateSut().RunAsync(CancellationToken.None);
        Assert.Empty(_sink.Sent);
        Assert.Equal(1, fresh.Skipped);

        _time.SetUtcNow(Opened.AddMinutes(16));
        var stale = await CreateSut().RunAsync(CancellationToken.None);

        Assert.Equal(c.Id + "-L1", Assert.Single(_sink.Sent).MessageId);
        Assert.Equal(1, stale.Escalated);
        var stored = Stored(c);
        Assert.Null(stored.PendingEscalation);
        Assert.Equal(1, stored.EscalationLevel);
        Assert.Equal(CaseStatus.Escalated, stored.Status);
    }

    [Fact]
    public async Task RunAsync_CaseOpenedLongAgo_IsNotEvaluated()
    {
        var c = SeedNormal("old", Opened.AddDays(-40));
        _time.SetUtcNow(Opened.AddHours(1));

        var report = await CreateSut().RunAsync(CancellationToken.None);

        Assert.Empty(_sink.Sent);
        Assert.Equal(1, report.TooOld);
        Assert.Equal(0, report.Checked);
        Assert.Equal(c.Version, Stored(c).Version);
    }

    [Fact]
    public async Task RunAsync_ResolvedCasesAndOtherBrandsDefaults_AreHandled()
    {
        _store.Seed(Open("done", Opened).Then(CaseStatus.Triaged, Opened).Then(CaseStatus.Resolved, Opened.AddMinutes(5)));
        var unmapped = SeedNormal("dflt", brand: BrandOptions.DefaultBrandId);
        _time.SetUtcNow(Opened.AddHours(2).AddMinutes(1));

        var report = await CreateSut().RunAsync(CancellationToken.None);

        Assert.Equal(2, report.Brands);
        Assert.Equal(1, report.Checked);
        Assert.Equal(unmapped.Id + "-L1", Assert.Single(_sink.Sent).MessageId);
    }

    [Fact]
    public async Task RunAsync_RecordConflicts_RetriesAndSendsTheSameMessageId()
    {
        var c = SeedNormal();
        _time.SetUtcNow(Opened.AddHours(2).AddMinutes(1));
        var store = new ConflictingStore(_store, conflicts: 2);

        var report = await CreateSut(store).RunAsync(CancellationToken.None);

        Assert.Equal(3, _sink.Sent.Count);
        Assert.Single(_sink.Distinct);
        Assert.Equal(1, report.Escalated);
        Assert.Equal(1, Stored(c).EscalationLevel);
    }

    [Fact]
    public async Task RunAsync_AlwaysConflicting_LeavesTheCaseForTheNextRun()
    {
        SeedNormal();
        _time.SetUtcNow(Opened.AddHours(2).AddMinutes(1));
        var options = new WatchOptions { SlaWatch = new SlaWatchOptions { MaxUpdateAttempts = 3 } };

        var report = await CreateSut(new ConflictingStore(_store, conflicts: 100), options).RunAsync(CancellationToken.None);

        Assert.Equal(1, report.Skipped);
        Assert.Single(_sink.Distinct);
    }

    private sealed class ConflictingStore(ICaseStore inner, int conflicts) : DelegatingCaseStore(inner)
    {
        private int _left = conflicts;

        public override Task<Case?> TryUpdateCaseAsync(Case updated, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref _left) >= 0 ? Task.FromResult<Case?>(null) : base.TryUpdateCaseAsync(updated, cancellationToken);
    }
}
