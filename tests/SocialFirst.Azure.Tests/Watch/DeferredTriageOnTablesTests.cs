using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Azure.Tests.Cases;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Testing;

namespace SocialFirst.Azure.Tests.Watch;

/// <summary>The quiet-hours re-check against the Table case store on Azurite: found through the brand index, escalated once.</summary>
public class DeferredTriageOnTablesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Night = new(2026, 1, 5, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_DeferredCase_EscalatesOnceAfterQuietHoursAndUpdatesTheIndex()
    {
        var store = await CaseTestSupport.CreateStoreAsync(azurite);
        var policy = UrgencyPolicy.Default with { QuietHours = new QuietHours(TimeZoneInfo.Utc, new TimeOnly(22, 0), new TimeOnly(7, 0)) };
        var deferred = await OpenAsync(store, "q:1", 0.72, "deferred until 07:00 UTC (quiet hours 22:00–07:00 UTC): score 0.72 vs threshold 0.6");
        var calm = await OpenAsync(store, "q:2", 0.65, "not urgent: never mind");
        await OpenAsync(store, "q:3", 0.2, "not urgent: score 0.2 vs threshold 0.6");
        var sink = new RecordingEscalationSink();
        var time = new FakeTimeProvider(Night.AddMinutes(30));
        var brands = new BrandOptions();
        brands.Items["acme"] = new BrandDefinition();
        var sut = new DeferredTriageService(
            store,
            sink,
            new StaticUrgencyPolicyProvider(policy),
            new StaticOptionsMonitor<BrandOptions>(brands),
            new StaticOptionsMonitor<DeferredTriageOptions>(new DeferredTriageOptions()),
            time,
            NullLogger<DeferredTriageService>.Instance);

        var during = await sut.RunAsync(CancellationToken.None);
        time.SetUtcNow(Night.AddHours(8).AddMinutes(5));
        var after = await sut.RunAsync(CancellationToken.None);
        var again = await sut.RunAsync(CancellationToken.None);

        Assert.Equal(0, during.Escalated);
        Assert.Equal((1, 2), (after.Escalated, after.Checked)); // the case under the threshold is not even read
        Assert.Equal(0, again.Escalated);
        Assert.Equal(deferred.Id + "-L1", Assert.Single(sink.Sent).MessageId);
        var listed = await store.ListCasesAsync(new CaseQuery { BrandId = "acme", Order = CaseOrder.MostUrgent, Urgent = true }, null, CancellationToken.None);
        var row = Assert.Single(listed.Items);
        Assert.Equal((deferred.Id, 1, CaseStatus.Escalated), (row.Id, row.EscalationLevel, row.Status));
        Assert.Equal(0, (await store.GetCaseAsync(calm.Id, CancellationToken.None))!.EscalationLevel);
    }

    private static async Task<Case> OpenAsync(Core.Cases.ICaseStore store, string key, double urgency, string decision)
    {
        var c = Case.Open(CaseId.Create(key), "acme", Platform.Facebook, "u-" + key, "@u", Night, key, Night, "triage");
        var created = await store.TryCreateCaseAsync(c, CancellationToken.None);
        var triaged = await store.TryUpdateCaseAsync(
            created!.TransitionTo(CaseStatus.Triaged, "triage", "classified", Night) with { Urgency = urgency, UrgencyDecision = decision },
            CancellationToken.None);
        await store.IndexCaseAsync(triaged!, CancellationToken.None);
        return triaged!;
    }
}
