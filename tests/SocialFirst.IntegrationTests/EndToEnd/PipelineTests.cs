using System.Net;
using System.Text.Json;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.EndToEnd;

/// <summary>
/// The whole pipeline on Azurite, standalone: signed webhook → mentions queue → Triage (embedded classifier, case,
/// urgency) → escalations stand-in queue → Escalate → outbox (dry run) — read back through the API.
/// </summary>
public sealed class PipelineTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ApiKey = "pipeline-test-key";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private readonly SocialFirstAppFactory _factory;
    private readonly HttpClient _client;

    public PipelineTests(AzuriteFixture azurite)
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

    private async Task<JsonElement?> FindCaseAsync(string authorId)
    {
        using var list = await _client.GetAsync(new Uri("/api/cases?brand=acme&pageSize=100", UriKind.Relative));
        list.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("authorId").GetString() == authorId)
            {
                return item.Clone();
            }
        }

        return null;
    }

    private async Task<JsonElement> GetCaseAsync(string id)
    {
        using var one = await _client.GetAsync(new Uri($"/api/cases/{id}", UriKind.Relative));
        one.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task CutThumbComment_DeliveredTwice_OneUrgentCaseAndOneDryRunPrivateReply()
    {
        var body = MetaDeliveries.Comment("880001", "5500001", "Dana", "The cap on your salad dressing cut my thumb open, there was blood everywhere");

        using var first = await _client.SendAsync(MetaDeliveries.Signed(body));
        using var second = await _client.SendAsync(MetaDeliveries.Signed(body));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var summary = await Eventually.GetAsync(async () => await FindCaseAsync("5500001") is { } c && c.GetProperty("status").GetString() == "escalated" ? (object)c : null, Timeout, "an escalated case");
        var caseId = ((JsonElement)summary).GetProperty("id").GetString()!;
        var detail = await Eventually.GetAsync(
            async () => await GetCaseAsync(caseId) is var d && d.GetProperty("actions").GetArrayLength() > 0 ? (object)d : null,
            Timeout,
            "the outbox entry");
        var json = (JsonElement)detail;

        Assert.True(json.GetProperty("case").GetProperty("urgent").GetBoolean());
        Assert.Contains(json.GetProperty("case").GetProperty("categories").EnumerateArray(), c => c.GetString() == "safety");
        Assert.Equal(1, json.GetProperty("mentions").GetArrayLength());
        var action = Assert.Single(json.GetProperty("actions").EnumerateArray().ToList());
        Assert.Equal("dryRun", action.GetProperty("status").GetString());
        Assert.True(json.GetProperty("case").GetProperty("urgencyFactors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task SameDelivery_FiveTimesConcurrently_OneCaseWithOneMention()
    {
        var body = MetaDeliveries.Comment("880201", "5500201", "Gus", "Your app charged me twice for one order");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _client.SendAsync(MetaDeliveries.Signed(body))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var summary = await Eventually.GetAsync(async () => await FindCaseAsync("5500201") is { } c ? (object)c : null, Timeout, "the case");
        // Let any duplicate that slipped past the ingest ledger reach triage too, then check nothing doubled.
        await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System);
        var detail = await GetCaseAsync(((JsonElement)summary).GetProperty("id").GetString()!);
        Assert.Equal(1, detail.GetProperty("mentions").GetArrayLength());
        Assert.Equal(1, detail.GetProperty("case").GetProperty("mentionCount").GetInt32());
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task TwoCommentsFromOneAuthor_JoinOneCase()
    {
        using var a = await _client.SendAsync(MetaDeliveries.Signed(MetaDeliveries.Comment("880101", "5500101", "Eve", "My order never arrived")));
        using var b = await _client.SendAsync(MetaDeliveries.Signed(MetaDeliveries.Comment("880102", "5500101", "Eve", "Still nothing, two weeks now")));

        var summary = await Eventually.GetAsync(
            async () => await FindCaseAsync("5500101") is { } c && c.GetProperty("mentionCount").GetInt32() == 2 ? (object)c : null,
            Timeout,
            "one case with both mentions");

        Assert.Equal(2, ((JsonElement)summary).GetProperty("mentionCount").GetInt32());
    }

    [Fact]
    public async Task CasesApi_WithoutKey_Is401()
    {
        using var anonymous = _factory.CreateClient();

        using var list = await anonymous.GetAsync(new Uri("/api/cases", UriKind.Relative));
        using var one = await anonymous.GetAsync(new Uri("/api/cases/ABC", UriKind.Relative));
        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "wrong");
        using var wrong = await anonymous.GetAsync(new Uri("/api/cases", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, one.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task CasesApi_UnknownCase_Is404_AndBadFilter_Is400()
    {
        using var missing = await _client.GetAsync(new Uri("/api/cases/NOSUCHCASE", UriKind.Relative));
        using var bad = await _client.GetAsync(new Uri("/api/cases?status=sleeping", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
