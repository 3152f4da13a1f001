using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.IntegrationTests.Escalation;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Api;

/// <summary>
/// <c>POST /api/cases/{id}/reply</c> on Azurite, standalone: a signed Meta comment opens a case through the real
/// pipeline, then an agent answers it through the escalation outbox and a real MetaMessenger that posts to a fake Graph
/// API on 127.0.0.1. Whatever the client repeats with the same Idempotency-Key, Meta gets one message.
/// </summary>
public sealed class CaseReplyTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string ApiKey = "case-reply-test-key";
    private const string PageToken = "page-token-for-reply-tests";
    private const string ReplyText = "Hi Dana, yes: our olive oil dressing is sold at Marché Central in Lyon.";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private readonly AzuriteFixture _azurite;
    private FakeGraphApi _graph = null!;

    public CaseReplyTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    public async Task InitializeAsync() => _graph = await FakeGraphApi.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private SocialFirstAppFactory CreateFactory(bool sending)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Api:Key"] = ApiKey,
            ["Brands:acme:DisplayName"] = "Acme Foods",
            ["Brands:acme:Accounts:0"] = "facebook:" + MetaDeliveries.PageId,
            ["Messaging:Meta:GraphBaseUrl"] = _graph.BaseUrl,
            ["Messaging:Meta:PageTokens:" + MetaDeliveries.PageId] = PageToken,
        };
        if (sending)
        {
            settings["Escalation:DryRun"] = "false";
            settings["Escalation:Platforms:Facebook:Enabled"] = "true";
        }

        return new SocialFirstAppFactory(_azurite, triggers: true, settings);
    }

    /// <summary>Posts a signed, calm comment (not urgent, so no escalation uses the comment's one private reply) and waits for its case.</summary>
    private static async Task<Case> OpenCaseAsync(SocialFirstAppFactory factory, HttpClient client, string commentId, string authorId)
    {
        var body = MetaDeliveries.Comment(commentId, authorId, "Dana", "Do you sell the olive oil dressing in Lyon?", TimeProvider.System.GetUtcNow().AddMinutes(-5).ToUnixTimeSeconds());
        using var webhook = await client.SendAsync(MetaDeliveries.Signed(body));
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        var store = factory.Services.GetRequiredService<ICaseStore>();
        return await Eventually.GetAsync(
            async () => await store.FindMentionAsync(Platform.Facebook, "555_" + commentId, CancellationToken.None) is { } at
                && await store.GetCaseAsync(at.CaseId, CancellationToken.None) is { Status: CaseStatus.Triaged } c ? c : null,
            Timeout,
            "the comment's case to be triaged");
    }

    private static HttpRequestMessage Reply(string caseId, string? key, string body = $$"""{"text":"{{ReplyText}}","actor":"agent-ana"}""", string? apiKey = ApiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/reply")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return request;
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task Reply_SameKeyRepeatedAndConcurrent_ExactlyOnePostReachesGraph_AndCaseAwaitsCustomer()
    {
        await using var factory = CreateFactory(sending: true);
        using var client = factory.CreateClient();
        const string commentId = "770001";
        var c = await OpenCaseAsync(factory, client, commentId, "6610001");

        // Three at once while Meta is slow: one sends, the others find it in flight (409) or finished (replayed 200).
        _graph.Latency = TimeSpan.FromMilliseconds(400);
        var racing = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.SendAsync(Reply(c.Id, "reply-770001"))));
        _graph.Latency = TimeSpan.Zero;
        using var again = await client.SendAsync(Reply(c.Id, "reply-770001"));
        using var viaBody = await client.SendAsync(Reply(c.Id, key: null, $$"""{"text":"{{ReplyText}}","actor":"agent-ana","requestId":"reply-770001"}"""));

        var first = Assert.Single(racing, r => r.StatusCode == HttpStatusCode.OK && !r.Headers.Contains("Idempotent-Replayed"));
        Assert.All(racing.Where(r => r != first), r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.All(racing.Where(r => r.StatusCode == HttpStatusCode.Conflict), r => Assert.NotNull(r.Headers.RetryAfter));
        var answer = await JsonOf(first);
        Assert.Equal("sent", answer.GetProperty("reply").GetProperty("status").GetString());
        Assert.Equal("CommentPrivateReply", answer.GetProperty("reply").GetProperty("channel").GetString());
        Assert.Equal("awaitingCustomer", answer.GetProperty("case").GetProperty("status").GetString());
        foreach (var repeat in new[] { again, viaBody })
        {
            Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
            Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
            var replayed = await JsonOf(repeat);
            Assert.Equal(answer.GetProperty("reply").GetProperty("platformMessageId").GetString(), replayed.GetProperty("reply").GetProperty("platformMessageId").GetString());
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        var call = Assert.Single(_graph.CallsFor("555_" + commentId));
        Assert.Equal(200, call.Status);
        Assert.Equal(ReplyText, call.Text);
        Assert.Equal("Bearer " + PageToken, call.Authorization);

        var stored = (await factory.Services.GetRequiredService<ICaseStore>().GetCaseAsync(c.Id, CancellationToken.None))!;
        Assert.Equal(CaseStatus.AwaitingCustomer, stored.Status);
        Assert.NotNull(stored.FirstResponseAt);
        var sent = Assert.Single(stored.History, h => h.To == CaseStatus.AwaitingCustomer);
        Assert.Equal("agent-ana", sent.Actor);
        var entries = await factory.Services.GetRequiredService<IEscalationOutbox>().ListAsync(c.Id, CancellationToken.None);
        var entry = Assert.Single(entries, e => e.Action.StartsWith(CaseReplyService.ActionPrefix, StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Sent, entry.Status);
        Assert.Equal(1, entry.Attempts);
        foreach (var r in racing)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task Reply_SecondKeyOnTheSameComment_422AndMetaNotCalledAgain()
    {
        await using var factory = CreateFactory(sending: true);
        using var client = factory.CreateClient();
        const string commentId = "770002";
        var c = await OpenCaseAsync(factory, client, commentId, "6610002");
        using var first = await client.SendAsync(Reply(c.Id, "reply-a"));

        using var second = await client.SendAsync(Reply(c.Id, "reply-b", """{"text":"One more thing","actor":"agent-bo"}"""));
        using var reused = await client.SendAsync(Reply(c.Id, "reply-a", """{"text":"Different text, same key","actor":"agent-ana"}"""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)422, second.StatusCode);
        Assert.Contains("already sent", (await JsonOf(second)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        Assert.Single(_graph.CallsFor("555_" + commentId));
    }

    [Fact]
    public async Task Reply_WithoutIdempotencyKeyOrApiKey_Rejected_NothingSent()
    {
        await using var factory = CreateFactory(sending: true);
        using var client = factory.CreateClient();
        const string commentId = "770003";
        var c = await OpenCaseAsync(factory, client, commentId, "6610003");

        using var noKey = await client.SendAsync(Reply(c.Id, key: null));
        using var noApiKey = await client.SendAsync(Reply(c.Id, "reply-x", apiKey: null));
        using var wrongApiKey = await client.SendAsync(Reply(c.Id, "reply-x", apiKey: "wrong"));
        using var badChannel = await client.SendAsync(Reply(c.Id, "reply-x", """{"text":"hi","actor":"agent-ana","channel":"carrier-pigeon"}"""));
        using var tooLong = await client.SendAsync(Reply(c.Id, "reply-x", $$"""{"text":"{{new string('a', 2_001)}}","actor":"agent-ana"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("idempotency key", (await JsonOf(noKey)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, noApiKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongApiKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badChannel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Empty(_graph.CallsFor("555_" + commentId));
        Assert.Empty(await factory.Services.GetRequiredService<IEscalationOutbox>().ListAsync(c.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Reply_DefaultSettings_DryRun202_TextRecordedNotSent()
    {
        await using var factory = CreateFactory(sending: false);
        using var client = factory.CreateClient();
        const string commentId = "770004";
        var c = await OpenCaseAsync(factory, client, commentId, "6610004");

        using var response = await client.SendAsync(Reply(c.Id, "reply-dry"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("dryRun", (await JsonOf(response)).GetProperty("reply").GetProperty("status").GetString());
        Assert.Empty(_graph.CallsFor("555_" + commentId));
        using var get = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{c.Id}") { Headers = { { "X-Api-Key", ApiKey } } });
        var read = await JsonOf(get);
        Assert.Equal("triaged", read.GetProperty("case").GetProperty("status").GetString());
        var action = Assert.Single(read.GetProperty("actions").EnumerateArray(), a => a.GetProperty("action").GetString()!.StartsWith(CaseReplyService.ActionPrefix, StringComparison.Ordinal));
        Assert.Equal(ReplyText, action.GetProperty("text").GetString());
        Assert.Equal("dryRun", action.GetProperty("status").GetString());
    }
}
