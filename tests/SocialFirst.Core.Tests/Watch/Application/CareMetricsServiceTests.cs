using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Metrics;
using static SocialFirst.Core.Tests.Watch.Application.WatchCases;

namespace SocialFirst.Core.Tests.Watch.Application;

public class CareMetricsServiceTests
{
    private static readonly DateTimeOffset From = Monday;
    private static readonly DateTimeOffset To = Monday.AddDays(7);

    private readonly InMemoryCaseStore _store = new();
    private readonly ListOutbox _outbox = new();
    private FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero));

    private CareMetricsService CreateSut(WatchOptions? options = null) =>
        new(_store, _outbox, new ConfiguredSlaPolicyProvider(new StaticMonitor<WatchOptions>(options ?? new())), Options.Create(options ?? new WatchOptions()), _time, NullLogger<CareMetricsService>.Instance);

    /// <summary>
    /// Four cases in the week (default policy, UTC business hours Mon–Fri 09–18), one after it, one of another brand:
    /// A Mon 10:00 normal, negative: answered 10:30, resolved 12:00 — its author comes back Thursday (case D).
    /// B Tue 09:00 critical (safety): escalated, private reply sent 09:10, resolved 15:00 off-channel (6 h &gt; 4 h).
    /// C Wed 11:00 low, positive, never answered (both clocks breached by 20 January).
    /// D Thu 09:00 normal, billing, same author as A: a person had to act 09:20, resolved 13:00 (4 business hours &gt; 2).
    /// </summary>
    private void SeedWeek()
    {
        var mon = Monday;
        _store.Seed(Open("A", mon.AddHours(10), author: "alice", sentiment: Sentiment.Negative)
            .Then(CaseStatus.Triaged, mon.AddHours(10).AddMinutes(1), "triage")
            .Then(CaseStatus.AwaitingCustomer, mon.AddHours(10).AddMinutes(30))
            .Then(CaseStatus.Resolved, mon.AddHours(12)));
        var b = _store.Seed(Open("B", mon.AddDays(1).AddHours(9), author: "bob", urgency: 0.7, urgent: true, sentiment: Sentiment.Negative, categories: CareCategory.Safety)
            .Then(CaseStatus.Triaged, mon.AddDays(1).AddHours(9), "triage")
            .Then(CaseStatus.Escalated, mon.AddDays(1).AddHours(9).AddMinutes(1), "triage", "escalated at level 1")
            .Then(CaseStatus.AwaitingCustomer, mon.AddDays(1).AddHours(9).AddMinutes(10), EscalationService.Actor, "private reply sent on Facebook [k]")
            .Then(CaseStatus.Resolved, mon.AddDays(1).AddHours(15), reason: "off-channel: called the customer") with { EscalationLevel = 1 });
        _outbox.Add(new OutboxEntry(b.Id, "private-reply-L1", "Facebook", OutboxStatus.Sent, "sent", mon.AddDays(1).AddHours(9).AddMinutes(9)) { Channel = "CommentPrivateReply" });
        _store.Seed(Open("C", mon.AddDays(2).AddHours(11), author: "carol", urgency: 0.1, sentiment: Sentiment.Positive)
            .Then(CaseStatus.Triaged, mon.AddDays(2).AddHours(11), "triage"));
        _store.Seed(Open("D", mon.AddDays(3).AddHours(9), author: "alice", categories: CareCategory.Billing)
            .Then(CaseStatus.Triaged, mon.AddDays(3).AddHours(9), "triage")
            .Then(CaseStatus.NeedsHuman, mon.AddDays(3).AddHours(9).AddMinutes(20), EscalationService.Actor, "a person must act")
            .Then(CaseStatus.Resolved, mon.AddDays(3).AddHours(13)));
        _store.Seed(Open("E-after", To.AddHours(10), author: "erin").Then(CaseStatus.Triaged, To.AddHours(10)));
        _store.Seed(Open("F-other-brand", mon.AddHours(10), brand: "globex", author: "fred").Then(CaseStatus.Triaged, mon.AddHours(10)));
    }

    [Fact]
    public async Task ComputeAsync_AWeekOfCases_MatchesTheHandComputation()
    {
        SeedWeek();

        var card = await CreateSut().ComputeAsync("acme", From, To, CancellationToken.None);
        var all = card.Overall;

        Assert.Equal(_time.GetUtcNow(), card.AsOf);
        Assert.Equal(4, all.Cases);
        Assert.Equal(3, all.Responded);
        Assert.Equal(30, all.FirstResponseMedianMinutes);          // [10, 30, 240]
        Assert.Equal(198, all.FirstResponseP90Minutes);            // 30 + 0.8 × 210
        Assert.Equal(3, all.Resolved);
        Assert.Equal(240, all.ResolutionMedianMinutes);            // [120, 240, 360]
        Assert.Equal(336, all.ResolutionP90Minutes);               // 240 + 0.8 × 120
        Assert.Equal(3, all.Complaints);                           // A negative, B safety, D billing
        Assert.Equal(0.3333, all.ComplaintsMovedToPrivateShare);   // B
        Assert.Equal(0.6667, all.ResolvedInChannelShare);          // A, D (B off-channel)
        Assert.Equal(0.3333, all.ReContactRate);                   // A (alice came back with D)
        Assert.Equal(0.5, all.FirstResponseSlaAdherence);          // A, B met; C, D breached
        Assert.Equal(0.5, all.ResolutionSlaAdherence);             // A, D met; B over 4 h, C running and breached
        Assert.Equal(2, all.Escalated);                            // B (level 1), D (needs human)
        Assert.Equal(0.5, all.HumanEscalationShare);
        Assert.Equal(["critical", "normal", "low"], card.ByUrgency.Select(r => r.Key));
        Assert.Equal(2, _outbox.Reads);                            // only B and D were touched by the escalation step
    }

    [Fact]
    public async Task ComputeAsync_AsOfDuringTheWeek_CountsOnlyWhatWasKnown()
    {
        SeedWeek();
        _time = new FakeTimeProvider(Monday.AddHours(11));

        var card = await CreateSut().ComputeAsync("acme", From, To, CancellationToken.None);

        Assert.Equal(1, card.Overall.Cases);
        Assert.Equal(1, card.Overall.Responded);
        Assert.Equal(0, card.Overall.Resolved);
        Assert.Null(card.Overall.ReContactRate);
    }

    [Fact]
    public async Task ComputeAsync_MoreCasesThanAllowed_Throws()
    {
        SeedWeek();
        var options = new WatchOptions { Metrics = new CareMetricsOptions { MaxCases = 3 } };

        await Assert.ThrowsAsync<CareMetricsLimitException>(() => CreateSut(options).ComputeAsync("acme", From, To, CancellationToken.None));
    }

    [Fact]
    public async Task ComputeAsync_ManyPages_ReadsThemAll()
    {
        for (var i = 0; i < 1_203; i++)
        {
            _store.Seed(Open("bulk" + i, Monday.AddMinutes(i), author: "u" + i).Then(CaseStatus.Triaged, Monday.AddMinutes(i)).Then(CaseStatus.Resolved, Monday.AddMinutes(i + 45)));
        }

        var card = await CreateSut().ComputeAsync("acme", From, To, CancellationToken.None);

        Assert.Equal(1_203, card.Overall.Cases);
        Assert.Equal(45, card.Overall.ResolutionMedianMinutes);
    }

    [Fact]
    public async Task ComputeAsync_EmptyPeriod_IsAnEmptyScorecard()
    {
        var card = await CreateSut().ComputeAsync("acme", From, To, CancellationToken.None);

        Assert.Equal(0, card.Overall.Cases);
        Assert.Null(card.Overall.FirstResponseMedianMinutes);
        Assert.Contains("acme", card.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComputeAsync_BrandPolicyFromOptions_IsUsed()
    {
        SeedWeek();
        var options = new WatchOptions();
        options.Sla["acme"] = new SlaPolicyOptions { Version = "acme-strict" };
        options.Sla["acme"].Targets["Normal"] = new SlaTargetOptions { FirstResponseMinutes = 20 };

        var card = await CreateSut(options).ComputeAsync("acme", From, To, CancellationToken.None);

        Assert.Equal("acme-strict", card.SlaPolicyVersion);
        Assert.Equal(0.25, card.Overall.FirstResponseSlaAdherence); // A now misses too (30 > 20 min): only B met
    }
}

internal sealed class StaticMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
