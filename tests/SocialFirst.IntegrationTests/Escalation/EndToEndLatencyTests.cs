using System.Diagnostics;
using System.Globalization;
using System.Net;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;
using Xunit.Abstractions;

namespace SocialFirst.IntegrationTests.Escalation;

/// <summary>
/// End-to-end latency in standalone mode: from the webhook's 200 (acknowledgement) to the private reply reaching the
/// (fake) Graph API, for signed Meta comments about a cut thumb, sent one every 250 ms. The fake answers at once, so
/// this is our own pipeline: queue → triage → escalation queue → escalation → Send API. N defaults to 12; set
/// SOCIALFIRST_E2E_BENCH_N for the figure in docs/benchmarks.md.
/// </summary>
public sealed class EndToEndLatencyTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task WebhookAckToPrivateReply_EveryCommentAnsweredOnce_ReportsP50P99()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("SOCIALFIRST_E2E_BENCH_N"), CultureInfo.InvariantCulture, out var v) ? v : 12;
        await using var graph = await FakeGraphApi.StartAsync();
        await using var factory = new SocialFirstAppFactory(azurite, triggers: true, new Dictionary<string, string?>
        {
            ["Brands:acme:Accounts:0"] = "facebook:" + MetaDeliveries.PageId,
            ["Escalation:DryRun"] = "false",
            ["Escalation:Platforms:Facebook:Enabled"] = "true",
            ["Messaging:Meta:GraphBaseUrl"] = graph.BaseUrl,
            ["Messaging:Meta:PageTokens:" + MetaDeliveries.PageId] = "token",
        });
        using var client = factory.CreateClient();
        var run = Guid.NewGuid().ToString("N")[..6];
        var acked = new Dictionary<string, long>();
        for (var i = 0; i < n; i++)
        {
            var commentId = run + i.ToString("D4", CultureInfo.InvariantCulture);
            var body = MetaDeliveries.Comment(commentId, "91" + commentId, "Author " + i, "The cap on your salad dressing cut my thumb, there was blood everywhere", TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
            using var response = await client.SendAsync(MetaDeliveries.Signed(body));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            acked["555_" + commentId] = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }

        await Eventually.TrueAsync(() => Task.FromResult(acked.Keys.All(id => graph.CallsFor(id).Count > 0)), TimeSpan.FromSeconds(60 + n), "a private reply for every comment");

        var latencies = acked.Select(a => Stopwatch.GetElapsedTime(a.Value, graph.CallsFor(a.Key)[0].ArrivedAt).TotalMilliseconds).Order().ToArray();
        Assert.All(acked.Keys, id => Assert.Single(graph.CallsFor(id)));
        double P(double p) => latencies[Math.Clamp((int)Math.Ceiling(p * latencies.Length) - 1, 0, latencies.Length - 1)];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} comments: ack → private reply p50 {P(0.5):F0} ms, p90 {P(0.9):F0} ms, p99 {P(0.99):F0} ms, max {latencies[^1]:F0} ms"));
        Assert.True(P(0.5) < 30_000, "median end-to-end latency above 30 s");
    }
}
