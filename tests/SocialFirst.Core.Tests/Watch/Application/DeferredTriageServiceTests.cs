using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Tests.Triage;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Core.Tests.Watch.Application;

public class DeferredTriageServiceTests
{
    /// <summary>Monday 2 March 2026, 23:00 UTC: inside the 22:00–07:00 quiet hours.</summary>
    private static readonly DateTimeOffset Night = new(2026, 3, 2, 23, 0, 0, TimeSpan.Zero);

    private static readonly UrgencyPolicy Quiet = UrgencyPolicy.Default with
    {
        Threshold = 0.3,
        QuietHours = new QuietHours(TimeZoneInfo.Utc, new TimeOnly(22, 0), new TimeOnly(7, 0)),
    };

    private readonly InMemoryCaseStore _store = new();
    private readonly RecordingSink _triageSink = new();
    private readonly RecordingSink _sink = new();
    private readonly FakeTimeProvider _time = new(Night);
    private readonly BrandOptions _brands = new();
    private readonly DeferredTriageOptions _options = new();

    public DeferredTriageServiceTests()
    {
        _brands.Items["acme"] = new BrandDefinition();
        _brands.Items["acme"].Accounts.Add("x:2244994945");
    }

    private TriageService CreateTriage() => new(
        new FakeClassifier(),
        new BrandResolver(new TestOptionsMonitor<BrandOptions>(_brands), NullLogger<BrandResolver>.Instance),
        _store,
        _triageSink,
        new RegexPiiRedactor(),
        Quiet,
        _time,
        new TestOptionsMonitor<TriageOptions>(new TriageOptions()),
        NullLogger<TriageService>.Instance);

    private DeferredTriageService CreateSut() => new(
        _store,
        _sink,
        new StaticUrgencyPolicyProvider(Quiet),
        new TestOptionsMonitor<BrandOptions>(_brands),
        new TestOptionsMonitor<DeferredTriageOptions>(_options),
        _time,
        NullLogger<DeferredTriageService>.Instance);

    private async Task<Case> TriageAsync(string author, string text)
    {
        var outcome = await CreateTriage().TriageAsync(new MentionBuilder().From(author).Saying(text).At(_time.GetUtcNow()).Build(), CancellationToken.None);
        return (await _store.GetCaseAsync(outcome.CaseId, CancellationToken.None))!;
    }

    [Fact]
    public async Task RunAsync_DeferredCase_EscalatedOnceAfterTheWindowNotBefore()
    {
        var deferred = await TriageAsync("u1", "I am angry, my order never came");
        Assert.StartsWith(DeferredTriageService.DeferredPrefix, deferred.UrgencyDecision, StringComparison.Ordinal);
        Assert.Empty(_triageSink.Sent);
        var sut = CreateSut();

        _time.Advance(TimeSpan.FromHours(7) + TimeSpan.FromMinutes(59)); // 06:59: still quiet
        var during = await sut.RunAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2)); // 07:01
        var after = await sut.RunAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        var again = await sut.RunAsync(CancellationToken.None);

        Assert.Equal((2, 0), (during.QuietBrands, during.Escalated)); // acme and default
        Assert.Equal(1, after.Escalated);
        Assert.Equal(0, again.Escalated);
        var sent = Assert.Single(_sink.Sent);
        Assert.Equal(deferred.Id + "-L1", sent.MessageId);
        Assert.Equal(1, sent.Level);
        var stored = await _store.GetCaseAsync(deferred.Id, CancellationToken.None);
        Assert.Equal((CaseStatus.Escalated, 1, true), (stored!.Status, stored.EscalationLevel, stored.Urgent));
        Assert.Equal(DeferredTriageService.Actor, stored.History[^1].Actor);
        var listed = await _store.ListCasesAsync(new CaseQuery { BrandId = "acme", Urgent = true, Order = CaseOrder.MostUrgent }, null, CancellationToken.None);
        Assert.Equal(deferred.Id, Assert.Single(listed.Items).Id);
    }

    [Fact]
    public async Task RunAsync_CasesThatWereNotDeferred_AreLeftAlone()
    {
        _time.SetUtcNow(Night.AddHours(10)); // 09:00, outside quiet hours
        var calm = await TriageAsync("u2", "where is my parcel?");
        var urgentNow = await TriageAsync("u3", "I am angry, my order never came");
        Assert.DoesNotContain("deferred", calm.UrgencyDecision, StringComparison.Ordinal);
        Assert.Equal(1, urgentNow.EscalationLevel);

        var report = await CreateSut().RunAsync(CancellationToken.None);

        Assert.Equal(0, report.Escalated);
        Assert.Empty(_sink.Sent);
    }

    [Fact]
    public async Task RunAsync_DeferredCaseWithAClaimInFlightOrTooOld_IsSkipped()
    {
        var claimed = await TriageAsync("u4", "I am angry, my order never came");
        await _store.TryUpdateCaseAsync(claimed with { PendingEscalation = new PendingEscalation(1, "other", Night) }, CancellationToken.None);
        var old = await TriageAsync("u5", "I am angry about the refund");
        _options.MaxCaseAgeDays = 1;
        _time.Advance(TimeSpan.FromHours(8));
        await CreateSut().RunAsync(CancellationToken.None);
        Assert.Single(_sink.Sent); // the unclaimed one, within a day

        _time.Advance(TimeSpan.FromDays(2));
        await _store.TryUpdateCaseAsync((await _store.GetCaseAsync(claimed.Id, CancellationToken.None))! with { PendingEscalation = null }, CancellationToken.None);
        var report = await CreateSut().RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (report.Escalated, report.Skipped));
        Assert.Equal(old.Id + "-L1", Assert.Single(_sink.Sent).MessageId);
    }
}
