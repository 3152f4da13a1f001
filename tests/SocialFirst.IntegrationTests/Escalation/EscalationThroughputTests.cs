using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;
using Xunit.Abstractions;

namespace SocialFirst.IntegrationTests.Escalation;

/// <summary>
/// Throughput of one standalone instance: N urgent cases escalated through the stand-in queue against a fake Graph API
/// answering after 200 ms. N defaults to 32; set SOCIALFIRST_ESCALATION_BENCH_N for a longer run (docs/benchmarks.md).
/// </summary>
public sealed class EscalationThroughputTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Escalations_AgainstPlatformWith200msLatency_EachSentOnce_ReportsRate()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("SOCIALFIRST_ESCALATION_BENCH_N"), CultureInfo.InvariantCulture, out var v) ? v : 32;
        await using var graph = await FakeGraphApi.StartAsync();
        graph.Latency = TimeSpan.FromMilliseconds(200);
        await using var factory = new SocialFirstAppFactory(azurite, triggers: true, new Dictionary<string, string?>
        {
            ["Brands:acme:Accounts:0"] = "facebook:" + MetaDeliveries.PageId,
            ["Escalation:DryRun"] = "false",
            ["Escalation:Platforms:Facebook:Enabled"] = "true",
            ["Messaging:Meta:GraphBaseUrl"] = graph.BaseUrl,
            ["Messaging:Meta:PageTokens:" + MetaDeliveries.PageId] = "token",
        });
        factory.CreateClient().Dispose();
        var store = factory.Services.GetRequiredService<ICaseStore>();
        var sink = new StorageQueueEscalationSink(factory.Services.GetRequiredService<StorageClients>());
        var now = TimeProvider.System.GetUtcNow();
        var messages = new List<EscalationMessage>();
        for (var i = 0; i < n; i++)
        {
            var id = "BENCH" + i.ToString("D5", CultureInfo.InvariantCulture);
            var dedup = "facebook:created:bench-" + id;
            var c = Case.Open(id, "acme", Platform.Facebook, "a" + id, null, now.AddMinutes(-5), dedup, now, "bench")
                .TransitionTo(CaseStatus.Escalated, "bench", "urgent", now) with { Categories = ["billing"], Language = "en", EscalationLevel = 1 };
            var created = await store.TryCreateCaseAsync(c, CancellationToken.None);
            await store.TryAppendMentionAsync(created!, new CaseMention
            {
                CaseId = id,
                Key = CaseMention.KeyFor(now.AddMinutes(-5), dedup),
                DedupKey = dedup,
                Platform = Platform.Facebook,
                Kind = MentionKind.Comment,
                EventId = "bench-" + id,
                ObjectId = "555_" + id,
                ThreadId = MetaDeliveries.PageId + "_555",
                AuthorId = "a" + id,
                CreatedAt = now.AddMinutes(-5),
            }, CancellationToken.None);
            messages.Add(new EscalationMessage { CaseId = id, BrandId = "acme", Level = 1, Platform = "Facebook", Reason = "bench", RaisedAt = now, Categories = ["billing"] });
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(messages.Select(m => sink.SendAsync(m, CancellationToken.None)));
        var outbox = factory.Services.GetRequiredService<IEscalationOutbox>();
        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(messages.Select(m => outbox.GetAsync(m.CaseId, "private-reply-L1", CancellationToken.None)))).All(e => e is { Status: OutboxStatus.Sent, CaseRecorded: true }),
            TimeSpan.FromSeconds(30 + (n / 5)),
            "every escalation sent");
        clock.Stop();

        Assert.Equal(n, graph.Calls.Count);
        Assert.Equal(n, graph.Calls.Select(c => c.CommentId).Distinct().Count());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} escalations in {clock.Elapsed.TotalSeconds:F2} s = {n / clock.Elapsed.TotalSeconds:F1}/s (platform latency 200 ms, one instance)"));
    }
}
