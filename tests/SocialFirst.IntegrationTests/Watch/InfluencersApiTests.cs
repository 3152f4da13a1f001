using System.Net;
using System.Text.Json;
using SocialFirst.Cli.Commands;
using SocialFirst.Core.Watch.Application;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Watch;

/// <summary>
/// Key opinion leaders end to end on Azurite: signed generic-webhook deliveries (X mentions relayed by a listening tool,
/// with follower counts) from four authors go through the real pipeline (webhook → queue → triage with the embedded
/// classifier), and <c>GET /api/influencers</c> must put the high-reach angry author first among the critics and the
/// praising one among the advocates; <c>socialfirst influencers</c> prints the same ranking.
/// </summary>
public sealed class InfluencersApiTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ApiKey = "influencers-test-key";
    private const string XAccount = "2244994945";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly SocialFirstAppFactory _factory;
    private readonly HttpClient _client;

    public InfluencersApiTests(AzuriteFixture azurite)
    {
        _factory = new SocialFirstAppFactory(azurite, triggers: true, new Dictionary<string, string?>
        {
            ["Api:Key"] = ApiKey,
            ["Brands:acme:DisplayName"] = "Acme Foods",
            ["Brands:acme:Accounts:0"] = "x:" + XAccount,
        });
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static Uri InfluencersUri(string query) => new("/api/influencers?" + query, UriKind.Relative);

    private static string Mention(string id, string authorId, long followers, string text, DateTimeOffset at) =>
        GenericDeliveries.XMention(id, authorId, text, at, followers);

    private async Task DeliverAsync(params string[] mentions)
    {
        using var request = GenericDeliveries.Signed(XAccount, mentions);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The list once all <paramref name="total"/> mentions are triaged and every author in it has <paramref name="mentions"/>.</summary>
    private async Task<JsonElement> ListWhenTriagedAsync(string role, int authors, int mentions, int total = 7)
    {
        return await Eventually.GetAsync<object>(
            async () =>
            {
                using var response = await _client.GetAsync(InfluencersUri("brand=acme&role=" + role));
                response.EnsureSuccessStatusCode();
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var root = doc.RootElement.Clone();
                var list = root.GetProperty("authors");
                return root.GetProperty("mentionsCounted").GetInt32() == total
                    && list.GetArrayLength() == authors
                    && list.EnumerateArray().All(a => a.GetProperty("mentions").GetInt32() == mentions) ? root : null;
            },
            Timeout,
            $"{authors} {role}s with {mentions} triaged mentions each") is JsonElement e ? e : default;
    }

    [Fact]
    public async Task Influencers_AuthorsThroughThePipeline_CriticsAndAdvocatesRankedByReach()
    {
        var now = TimeProvider.System.GetUtcNow();
        await DeliverAsync(
            Mention("1700000000000000001", "angrysmall", 40, "Your app charged me twice and nobody answers, this is terrible service", now.AddHours(-3)),
            Mention("1700000000000000002", "angrybig", 250_000, "Still waiting for my refund, awful and useless support", now.AddHours(-3)),
            Mention("1700000000000000003", "fan", 12_000, "Thanks, we love the new flavour, great job!", now.AddHours(-3)),
            Mention("1700000000000000004", "onceangry", 2_000_000, "Your app charged me twice and nobody answers, this is terrible service", now.AddHours(-3)));
        await DeliverAsync(
            Mention("1700000000000000011", "angrysmall", 40, "Still waiting for my refund, awful and useless support", now.AddHours(-1)),
            Mention("1700000000000000012", "angrybig", 250_000, "Your app charged me twice and nobody answers, this is terrible service", now.AddHours(-1)),
            Mention("1700000000000000013", "fan", 12_000, "Amazing product, best snacks ever, thank you", now.AddHours(-1)));

        var critics = await ListWhenTriagedAsync("critic", authors: 2, mentions: 2);
        var advocates = await ListWhenTriagedAsync("advocate", authors: 1, mentions: 2);

        // Same activity, same anger: reach decides. log10(250,001)/6 = 0.8997 against log10(41)/6 = 0.2688.
        var first = critics.GetProperty("authors")[0];
        Assert.Equal(["angrybig", "angrysmall"], critics.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("authorId").GetString()));
        Assert.Equal("x", first.GetProperty("platform").GetString());
        Assert.Equal("@angrybig", first.GetProperty("handle").GetString());
        Assert.Equal(250_000, first.GetProperty("followers").GetInt64());
        Assert.Equal("critic", first.GetProperty("role").GetString());
        Assert.Equal(0.8997, first.GetProperty("reach").GetDouble());
        Assert.Equal(-1, first.GetProperty("sentiment").GetDouble());
        Assert.True(first.GetProperty("score").GetDouble() > critics.GetProperty("authors")[1].GetProperty("score").GetDouble());
        Assert.Equal(["reach", "engagement"], first.GetProperty("factors").EnumerateArray().Select(f => f.GetProperty("factor").GetString()));
        Assert.StartsWith("critic: score ", first.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, critics.GetProperty("authorsRanked").GetInt32()); // onceangry: one mention, no role yet
        Assert.Equal(7, critics.GetProperty("mentionsCounted").GetInt32());
        Assert.DoesNotContain("refund", critics.GetRawText(), StringComparison.OrdinalIgnoreCase); // no texts

        var fan = Assert.Single(advocates.GetProperty("authors").EnumerateArray());
        Assert.Equal("fan", fan.GetProperty("authorId").GetString());
        Assert.Equal("advocate", fan.GetProperty("role").GetString());
        Assert.Equal(1, fan.GetProperty("sentiment").GetDouble());

        // The CLI prints the same ranking.
        using var output = new StringWriter();
        var exit = await new InfluencersCommand(output).RunAsync(_client, _client.BaseAddress!, "acme", InfluenceList.Critic, 10, null, ApiKey, CancellationToken.None);
        var table = output.ToString();
        Assert.Equal(0, exit);
        Assert.StartsWith("Top critic authors of acme as of ", table, StringComparison.Ordinal);
        Assert.Matches(@"\n1\s+x\s+@angrybig\s+250,000\s+critic\s", table);
        Assert.Matches(@"\n2\s+x\s+@angrysmall\s+40\s+critic\s", table);
    }

    [Fact]
    public async Task Influencers_WithoutKey_Is401_AndBadQueries_Are400()
    {
        using var anonymous = _factory.CreateClient();
        using var unauthorized = await anonymous.GetAsync(InfluencersUri("brand=acme&role=critic"));
        using var noBrand = await _client.GetAsync(InfluencersUri("role=critic"));
        using var badRole = await _client.GetAsync(InfluencersUri("brand=acme&role=fans"));
        using var numericRole = await _client.GetAsync(InfluencersUri("brand=acme&role=1"));
        using var noRole = await _client.GetAsync(InfluencersUri("brand=acme"));
        using var tooMany = await _client.GetAsync(InfluencersUri("brand=acme&role=critic&top=101"));
        using var future = await _client.GetAsync(InfluencersUri("brand=acme&role=critic&asOf=2999-01-01T00:00:00Z"));
        using var empty = await _client.GetAsync(InfluencersUri("brand=nobody&role=Rising&top=100&asOf=2026-01-01T00:00:00Z"));
        using var cliOutput = new StringWriter();
        var cliExit = await new InfluencersCommand(cliOutput).RunAsync(anonymous, anonymous.BaseAddress!, "acme", InfluenceList.Advocate, 10, null, apiKey: null, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBrand.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, numericRole.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noRole.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        using var doc = JsonDocument.Parse(await empty.Content.ReadAsStringAsync());
        Assert.Equal("rising", doc.RootElement.GetProperty("list").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("authors").GetArrayLength());
        Assert.Equal(1, cliExit);
        Assert.Contains("401", cliOutput.ToString(), StringComparison.Ordinal);
    }
}
