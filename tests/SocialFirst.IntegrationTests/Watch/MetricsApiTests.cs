using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Cli.Commands;
using SocialFirst.Core.Cases;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Watch;

/// <summary>
/// Care metrics end to end on Azurite: three comments go through the real pipeline (webhook → triage → escalation dry
/// run), an agent answers and resolves two of them (written through the case store, as an agent tool would), and
/// <c>GET /api/metrics</c> and <c>socialfirst metrics</c> must agree with a hand computation.
/// </summary>
public sealed class MetricsApiTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ApiKey = "metrics-test-key";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private readonly SocialFirstAppFactory _factory;
    private readonly HttpClient _client;

    public MetricsApiTests(AzuriteFixture azurite)
    {
        _factory = new SocialFirstAppFactory(azurite, triggers: true, new Dictionary<string, string?>
        {
            ["Api:Key"] = ApiKey,
            ["Brands:acme:DisplayName"] = "Acme Foods",
            ["Brands:acme:Accounts:0"] = "facebook:" + MetaDeliveries.PageId,
        });
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static Uri MetricsUri(string query) => new("/api/metrics?" + query, UriKind.Relative);

    private async Task<string> DeliverAsync(string commentId, string authorId, string text, DateTimeOffset at)
    {
        using var response = await _client.SendAsync(MetaDeliveries.Signed(MetaDeliveries.Comment(commentId, authorId, "Customer" + authorId, text, at.ToUnixTimeSeconds())));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var store = _factory.Services.GetRequiredService<ICaseStore>();
        var pointer = await Eventually.GetAsync(
            async () => await store.GetAuthorPointerAsync("acme", Core.Mentions.Platform.Facebook, authorId, CancellationToken.None) is { } p
                && await store.GetCaseAsync(p.CaseId, CancellationToken.None) is { Status: not CaseStatus.New } ? p : null,
            Timeout,
            "the triaged case of " + authorId);
        return pointer.CaseId;
    }

    /// <summary>What an agent tool does: read, change, write if unchanged (retrying on conflicts), index.</summary>
    private async Task AsAgentAsync(string caseId, Func<Case, Case> change)
    {
        var store = _factory.Services.GetRequiredService<ICaseStore>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var c = await store.GetCaseAsync(caseId, CancellationToken.None);
            if (await store.TryUpdateCaseAsync(change(c!), CancellationToken.None) is { } stored)
            {
                await store.IndexCaseAsync(stored, CancellationToken.None);
                return;
            }
        }

        Assert.Fail("the case kept changing");
    }

    [Fact]
    public async Task Metrics_ThreeCasesThroughThePipeline_MatchTheHandComputation()
    {
        // A (Mon 10:00) a question about an order; B (Tue 09:00) a safety complaint (critical); C (Wed 11:00) praise.
        var a = await DeliverAsync("990001", "5700001", "Where is my order? It still has not arrived and nobody answers", Monday.AddHours(10));
        var b = await DeliverAsync("990002", "5700002", "The cap on your salad dressing cut my thumb open, there was blood everywhere", Monday.AddDays(1).AddHours(9));
        var c = await DeliverAsync("990003", "5700003", "Thanks, we love the new flavour!", Monday.AddDays(2).AddHours(11));
        var outbox = _factory.Services.GetRequiredService<Core.Escalation.IEscalationOutbox>();
        // Triage scores A urgent too (it has waited since January): both are escalated, as dry runs.
        await Eventually.TrueAsync(async () => (await outbox.ListAsync(a, CancellationToken.None)).Count > 0, Timeout, "the dry-run escalation of A");
        await Eventually.TrueAsync(async () => (await outbox.ListAsync(b, CancellationToken.None)).Count > 0, Timeout, "the dry-run escalation of B");

        // The agent answers A after 30 min and resolves it after 2 h; answers B after 20 min, resolves it by phone after 6 h.
        await AsAgentAsync(a, x => x.TransitionTo(CaseStatus.AwaitingCustomer, "agent-7", "answered", Monday.AddHours(10).AddMinutes(30)));
        await AsAgentAsync(a, x => x.TransitionTo(CaseStatus.Resolved, "agent-7", "replacement sent", Monday.AddHours(12)));
        await AsAgentAsync(b, x => x.TransitionTo(CaseStatus.AwaitingCustomer, "agent-7", "answered", Monday.AddDays(1).AddHours(9).AddMinutes(20)));
        await AsAgentAsync(b, x => x.TransitionTo(CaseStatus.Resolved, "agent-7", "off-channel: called the customer", Monday.AddDays(1).AddHours(15)));

        using var response = await _client.GetAsync(MetricsUri($"brand=acme&from={Uri.EscapeDataString(Monday.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}&to=2026-01-12T00:00:00Z"));
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        var all = root.GetProperty("overall");
        double? D(string name) => all.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

        Assert.Equal("acme", root.GetProperty("brandId").GetString());
        Assert.Equal(3, all.GetProperty("cases").GetInt32());
        Assert.Equal(2, all.GetProperty("responded").GetInt32());
        Assert.Equal(25, D("firstResponseMedianMinutes"));     // [20, 30]
        Assert.Equal(29, D("firstResponseP90Minutes"));        // 20 + 0.9 × 10
        Assert.Equal(2, all.GetProperty("resolved").GetInt32());
        Assert.Equal(240, D("resolutionMedianMinutes"));       // [120, 360]
        Assert.Equal(336, D("resolutionP90Minutes"));          // 120 + 0.9 × 240
        Assert.Equal(0.5, D("resolvedInChannelShare"));        // A; B was solved by phone
        Assert.Equal(0, D("complaintsMovedToPrivateShare"));   // a dry run reaches nobody
        Assert.Equal(0, D("reContactRate"));
        // First response: A (high) met (30 min), B critical missed (20 > 15 min), C never answered → 1 of 3.
        Assert.Equal(0.3333, D("firstResponseSlaAdherence"));
        // Resolution: A met (2 h), B critical missed (6 h > 4 h), C still open long past any target → 1 of 3.
        Assert.Equal(0.3333, D("resolutionSlaAdherence"));
        Assert.Equal(2, all.GetProperty("escalated").GetInt32()); // A and B (urgent: they have waited for months)
        Assert.Equal(0, D("humanEscalationShare"));
        Assert.Equal(3, Assert.Single(root.GetProperty("byPlatform").EnumerateArray()).GetProperty("cases").GetInt32());
        Assert.Contains(root.GetProperty("byUrgency").EnumerateArray(), r => r.GetProperty("key").GetString() == "critical" && r.GetProperty("cases").GetInt32() == 1);
        Assert.NotNull(c);

        // The CLI prints the same scorecard as a table.
        using var output = new StringWriter();
        var exit = await new MetricsCommand(output).RunAsync(_client, _client.BaseAddress!, "acme", Monday, Monday.AddDays(7), ApiKey, CancellationToken.None);
        var table = output.ToString();
        Assert.Equal(0, exit);
        Assert.StartsWith("Care scorecard acme 2026-01-05 00:00", table, StringComparison.Ordinal);
        Assert.Contains("platform:facebook", table, StringComparison.Ordinal);
        Assert.Matches(@"\nall\s+3\s+2\s+25m\s+29m\s+2\s+4h 00m\s+5h 36m\s+33\.3%\s+33\.3%", table);
    }

    [Fact]
    public async Task Metrics_WithoutKey_Is401_AndBadPeriod_Is400()
    {
        using var anonymous = _factory.CreateClient();
        using var unauthorized = await anonymous.GetAsync(MetricsUri("brand=acme&from=2026-01-01&to=2026-02-01"));
        using var missing = await _client.GetAsync(MetricsUri("brand=acme&from=2026-01-01"));
        using var backwards = await _client.GetAsync(MetricsUri("brand=acme&from=2026-02-01&to=2026-01-01"));
        using var cliOutput = new StringWriter();
        var cliExit = await new MetricsCommand(cliOutput).RunAsync(anonymous, anonymous.BaseAddress!, "acme", Monday, Monday.AddDays(1), apiKey: null, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(1, cliExit);
        Assert.Contains("401", cliOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_EmptyBrand_IsAnEmptyScorecard()
    {
        using var response = await _client.GetAsync(MetricsUri("brand=nobody&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z"));

        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, doc.RootElement.GetProperty("overall").GetProperty("cases").GetInt32());
    }
}
