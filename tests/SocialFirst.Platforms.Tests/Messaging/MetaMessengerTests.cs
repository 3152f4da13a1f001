using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Meta.Messaging;
using static SocialFirst.Platforms.Tests.Messaging.MessagingTestHost;

namespace SocialFirst.Platforms.Tests.Messaging;

public class MetaMessengerTests
{
    private const string PageToken = "EAAG-page-token-secret";
    private const string Page = "1122334455";

    private static ServiceProvider CreateSut(FakePlatformApi api, Dictionary<string, string?>? extra = null, CapturingLoggerProvider? logs = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:Meta:GraphBaseUrl"] = api.BaseUrl,
            ["Messaging:Meta:PageTokens:" + Page] = PageToken,
            ["Messaging:Meta:TimeoutSeconds"] = "1",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return Create(settings, logs);
    }

    private static Task<SendOutcome> SendAsync(ServiceProvider sp, PrivateMessageTarget target, string text = "We're sorry. Case K3F9.") =>
        sp.GetRequiredService<MetaMessenger>().SendAsync(target, text, "case1:private-reply-L1", CancellationToken.None);

    [Fact]
    public async Task SendAsync_Comment_PostsPrivateReplyWithCommentRecipient()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, """{"recipient_id":"psid-1","message_id":"m_AbC123"}"""));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp, Target(Platform.Facebook, MentionKind.Comment, Page, replyTo: "111_222"), "Ça va? 你好");

        Assert.Equal((SendOutcomeKind.Sent, "m_AbC123"), (outcome.Kind, outcome.PlatformMessageId));
        var request = api.Single;
        Assert.Equal(("POST", $"/v21.0/{Page}/messages", string.Empty), (request.Method, request.Path, request.Query));
        Assert.Equal($"Bearer {PageToken}", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"recipient":{"comment_id":"111_222"},"message":{"text":"Ça va? 你好"}}"""), JsonNode.Parse(request.Body)), request.Body);
        Assert.Contains("你好", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_VisitorPost_UsesPostIdRecipient()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, """{"recipient_id":"1","message_id":"m_2"}"""));
        using var sp = CreateSut(api);

        await SendAsync(sp, Target(Platform.Facebook, MentionKind.Post, Page, replyTo: "111_333"));

        Assert.Equal("111_333", JsonNode.Parse(api.Single.Body)!["recipient"]!["post_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false, """{"recipient":{"id":"psid-77"},"messaging_type":"RESPONSE","message":{"text":"Hi"}}""")]
    [InlineData(true, """{"recipient":{"id":"psid-77"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{"text":"Hi"}}""")]
    public async Task SendAsync_DirectMessage_SendsToThePsid(bool human, string expectedBody)
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, """{"recipient_id":"psid-77","message_id":"m_3"}"""));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp, Target(Platform.Facebook, MentionKind.DirectMessage, Page, author: "psid-77") with { SentByHumanAgent = human }, "Hi");

        Assert.Equal(SendOutcomeKind.Sent, outcome.Kind);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedBody), JsonNode.Parse(api.Single.Body)), api.Single.Body);
    }

    [Fact]
    public async Task SendAsync_InstagramWithInstagramLoginRoot_UsesThatRoot()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, """{"recipient_id":"igsid","message_id":"ig_m"}"""));
        using var sp = CreateSut(api, new() { ["Messaging:Meta:InstagramGraphBaseUrl"] = api.BaseUrl + "/ig", ["Messaging:Meta:PageTokens:17841400000"] = "ig-token" });

        var outcome = await SendAsync(sp, Target(Platform.Instagram, MentionKind.Comment, "17841400000", replyTo: "1799"));

        Assert.Equal("ig_m", outcome.PlatformMessageId);
        Assert.Equal(("/ig/v21.0/17841400000/messages", "Bearer ig-token"), (api.Single.Path, api.Single.Authorization));
    }

    public static TheoryData<int, string, SendOutcomeKind, string?> GraphErrors => new()
    {
        { 400, """{"error":{"message":"(#10900) Activity already replied to","type":"OAuthException","code":10900,"fbtrace_id":"A1"}}""", SendOutcomeKind.AlreadyDone, "10900" },
        { 400, """{"error":{"message":"(#10903) This user can't reply to this activity","type":"OAuthException","code":10903}}""", SendOutcomeKind.NotPermitted, "10903" },
        { 400, """{"error":{"message":"(#10) This message is sent outside of allowed window.","type":"OAuthException","code":10,"error_subcode":2018278}}""", SendOutcomeKind.WindowExpired, "10/2018278" },
        { 400, """{"error":{"message":"(#10) Message sent outside of allowed window","type":"OAuthException","code":10}}""", SendOutcomeKind.WindowExpired, "10" },
        { 403, """{"error":{"message":"(#10) Application does not have permission for this action","type":"OAuthException","code":10}}""", SendOutcomeKind.NotPermitted, "10" },
        { 400, """{"error":{"message":"(#551) This person isn't available right now.","type":"OAuthException","code":551,"error_subcode":1545041}}""", SendOutcomeKind.NotPermitted, "551/1545041" },
        { 401, """{"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463}}""", SendOutcomeKind.NotPermitted, "190/463" },
        { 400, """{"error":{"message":"(#230) Requires pages_messaging permission","type":"OAuthException","code":230}}""", SendOutcomeKind.NotPermitted, "230" },
        { 400, """{"error":{"message":"Unsupported post request. Object with ID '1_2' does not exist","type":"GraphMethodException","code":100,"error_subcode":33}}""", SendOutcomeKind.NotPermitted, "100/33" },
        { 400, """{"error":{"message":"(#613) Calls to this api have exceeded the rate limit.","type":"OAuthException","code":613}}""", SendOutcomeKind.RetryLater, "613" },
        { 403, """{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4}}""", SendOutcomeKind.RetryLater, "4" },
        { 400, """{"error":{"message":"(#32) Page request limit reached","type":"OAuthException","code":32}}""", SendOutcomeKind.RetryLater, "32" },
        { 500, """{"error":{"message":"An unexpected error has occurred. Please retry your request later.","type":"OAuthException","code":2}}""", SendOutcomeKind.RetryLater, "2" },
        { 502, "<html>Bad Gateway</html>", SendOutcomeKind.RetryLater, null },
        { 400, """{"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100}}""", SendOutcomeKind.Failed, "100" },
    };

    [Theory]
    [MemberData(nameof(GraphErrors))]
    public async Task SendAsync_GraphError_MapsToOutcome_WithoutTheToken(int status, string body, SendOutcomeKind expected, string? code)
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(status, body));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp, Target(Platform.Facebook, MentionKind.Comment, Page));

        Assert.Equal((expected, code), (outcome.Kind, outcome.ErrorCode));
        Assert.DoesNotContain(PageToken, outcome.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Facebook:", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RateLimitedWithRetryAfter_CarriesTheDelay()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(429, """{"error":{"message":"(#4) limit","code":4}}""", ("Retry-After", "120")));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp, Target(Platform.Facebook, MentionKind.Comment, Page));

        Assert.Equal((SendOutcomeKind.RetryLater, TimeSpan.FromSeconds(120)), (outcome.Kind, outcome.RetryAfter));
    }

    [Fact]
    public async Task SendAsync_NoTokenForThePage_IsNotPermittedAndCallsNothing()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, "{}"));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp, Target(Platform.Facebook, MentionKind.Comment, "999"));

        Assert.Equal(SendOutcomeKind.NotPermitted, outcome.Kind);
        Assert.Contains("Messaging:Meta:PageTokens:999", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task SendAsync_PlatformTooSlow_IsRetryLater()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => new FakeResponse(200, "{}", Delay: TimeSpan.FromSeconds(5)));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp, Target(Platform.Facebook, MentionKind.Comment, Page));

        Assert.Equal(SendOutcomeKind.RetryLater, outcome.Kind);
        Assert.Contains("timeout", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_PlatformUnreachable_IsRetryLater()
    {
        var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, "{}"));
        using var sp = CreateSut(api);
        await api.DisposeAsync();

        var outcome = await SendAsync(sp, Target(Platform.Facebook, MentionKind.Comment, Page));

        Assert.Equal(SendOutcomeKind.RetryLater, outcome.Kind);
        Assert.DoesNotContain(PageToken, outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Logs_CarryNeitherTokenNorText()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, """{"recipient_id":"1","message_id":"m_9"}"""));
        using var sp = CreateSut(api, logs: logs);

        await SendAsync(sp, Target(Platform.Facebook, MentionKind.Comment, Page), "secret customer words");

        Assert.Contains(logs.Messages, m => m.Contains("|4201|", StringComparison.Ordinal) && m.Contains("case1:private-reply-L1", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(PageToken, StringComparison.Ordinal) || m.Contains("secret customer words", StringComparison.Ordinal));
    }
}
