using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Tests.Cases;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Testing;

namespace SocialFirst.Azure.Tests.Watch;

/// <summary>The SLA watch against the Table case store on Azurite: the level lands in the case row and the brand index.</summary>
public class SlaWatchOnTablesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Opened = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_BreachedCase_EscalatesOnceAndUpdatesCaseAndIndex()
    {
        var store = await CaseTestSupport.CreateStoreAsync(azurite);
        var c = Case.Open(CaseId.Create("sla:1"), "acme", Platform.Facebook, "u1", "@u1", Opened, "sla:1", Opened, "triage") with { Urgency = 0.5 };
        var created = await store.TryCreateCaseAsync(c, CancellationToken.None);
        var triaged = await store.TryUpdateCaseAsync(created!.TransitionTo(CaseStatus.Triaged, "triage", "classified", Opened), CancellationToken.None);
        await store.IndexCaseAsync(triaged!, CancellationToken.None);
        var sink = new RecordingEscalationSink();
        var time = new FakeTimeProvider(Opened.AddHours(2).AddMinutes(1));
        var brands = new BrandOptions();
        brands.Items["acme"] = new BrandDefinition();
        var options = new WatchOptions();
        var sut = new SlaWatchService(
            store,
            sink,
            new ConfiguredSlaPolicyProvider(new StaticOptionsMonitor<WatchOptions>(options)),
            new StaticOptionsMonitor<BrandOptions>(brands),
            Options.Create(options),
            time,
            NullLogger<SlaWatchService>.Instance);

        var first = await sut.RunAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var second = await sut.RunAsync(CancellationToken.None);

        Assert.Equal(1, first.Escalated);
        Assert.Equal(0, second.Escalated);
        Assert.Equal(c.Id + "-L1", Assert.Single(sink.Sent).MessageId);
        var stored = await store.GetCaseAsync(c.Id, CancellationToken.None);
        Assert.Equal(1, stored!.EscalationLevel);
        Assert.Equal(CaseStatus.Escalated, stored.Status);
        var listed = await store.ListCasesAsync(new CaseQuery { BrandId = "acme", Order = CaseOrder.MostUrgent }, null, CancellationToken.None);
        var row = Assert.Single(listed.Items);
        Assert.Equal(1, row.EscalationLevel);
        Assert.Equal(CaseStatus.Escalated, row.Status);
    }
}
