using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Meta.Messaging;
using SocialFirst.Platforms.Messaging;
using SocialFirst.Platforms.WeChat.Messaging;
using static SocialFirst.Platforms.Tests.Messaging.MessagingTestHost;

namespace SocialFirst.Platforms.Tests.Messaging;

public class WeChatMessengerTests
{
    private const string Account = "gh_abc123";
    private const string AccessToken = "wx-ACCESS/TOKEN+secret";

    private static ServiceProvider CreateSut(FakePlatformApi api, CapturingLoggerProvider? logs = null, Action<IServiceCollection>? before = null) => Create(
        new()
        {
            ["Messaging:WeChat:ApiBaseUrl"] = api.BaseUrl,
            ["Messaging:WeChat:AccessTokens:" + Account] = AccessToken,
            ["Messaging:Meta:GraphBaseUrl"] = api.BaseUrl,
            ["Messaging:Meta:PageTokens:p1"] = "meta-token",
        },
        logs,
        before);

    private static Task<SendOutcome> SendAsync(ServiceProvider sp, string text = "您好，工单 K3F9") =>
        sp.GetRequiredService<WeChatMessenger>().SendAsync(Target(Platform.WeChat, MentionKind.DirectMessage, Account, author: "oXyZ_openid"), text, "c1:a", CancellationToken.None);

    [Fact]
    public async Task SendAsync_Text_PostsCustomerServiceMessageWithTokenInQuery()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, """{"errcode":0,"errmsg":"ok"}"""));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp);

        Assert.Equal(SendOutcomeKind.Sent, outcome.Kind);
        var request = api.Single;
        Assert.Equal(("POST", "/cgi-bin/message/custom/send"), (request.Method, request.Path));
        Assert.Equal(AccessToken, request.QueryValues["access_token"].ToString());
        Assert.Null(request.Authorization);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"touser":"oXyZ_openid","msgtype":"text","text":{"content":"您好，工单 K3F9"}}"""), JsonNode.Parse(request.Body)), request.Body);
        Assert.Contains("您好", request.Body, StringComparison.Ordinal);
    }

    public static TheoryData<string, SendOutcomeKind, string> ErrCodes => new()
    {
        { """{"errcode":45015,"errmsg":"response out of time limit or subscription is canceled"}""", SendOutcomeKind.WindowExpired, "45015" },
        { """{"errcode":45047,"errmsg":"out of response count limit"}""", SendOutcomeKind.NotPermitted, "45047" },
        { """{"errcode":40001,"errmsg":"invalid credential, access_token is invalid or not latest"}""", SendOutcomeKind.NotPermitted, "40001" },
        { """{"errcode":42001,"errmsg":"access_token expired"}""", SendOutcomeKind.NotPermitted, "42001" },
        { """{"errcode":-1,"errmsg":"system error"}""", SendOutcomeKind.RetryLater, "-1" },
        { """{"errcode":43004,"errmsg":"require subscribe"}""", SendOutcomeKind.Failed, "43004" },
    };

    [Theory]
    [MemberData(nameof(ErrCodes))]
    public async Task SendAsync_ErrCode_MapsToOutcome(string body, SendOutcomeKind expected, string code)
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, body));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp);

        Assert.Equal((expected, code), (outcome.Kind, outcome.ErrorCode));
        Assert.DoesNotContain(AccessToken, outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ServerError_IsRetryLater()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(503, "<html>busy</html>", ("Retry-After", "30")));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp);

        Assert.Equal((SendOutcomeKind.RetryLater, TimeSpan.FromSeconds(30)), (outcome.Kind, outcome.RetryAfter));
    }

    [Fact]
    public async Task SendAsync_TokenInQuery_NeverReachesTheLogs_WhileOtherClientsLogTheirRequests()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, """{"errcode":0,"errmsg":"ok","recipient_id":"x","message_id":"m"}"""));
        using var sp = CreateSut(api, logs);

        await SendAsync(sp, "customer text here");
        await sp.GetRequiredService<MetaMessenger>().SendAsync(Target(Platform.Facebook, MentionKind.Comment, "p1"), "t", "c1:b", CancellationToken.None);

        // The factory's request logging is on for the Meta client (so the capture works) ...
        Assert.Contains(logs.Messages, m => m.Contains("/v21.0/p1/messages", StringComparison.Ordinal));
        // ... and off for WeChat, whose URL carries the token.
        Assert.DoesNotContain(logs.Messages, m => m.Contains("custom/send", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("ACCESS", StringComparison.Ordinal) || m.Contains("customer text here", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("|4201|", StringComparison.Ordinal) && m.Contains("WeChat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_RegisteredTokenProvider_ReplacesTheStaticTokens()
    {
        var provider = new Moq.Mock<IWeChatAccessTokenProvider>();
        provider.Setup(p => p.GetAccessTokenAsync(Account, Moq.It.IsAny<CancellationToken>())).Returns(ValueTask.FromResult(AccessTokenResult.Of("fresh-token")));
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, """{"errcode":0,"errmsg":"ok"}"""));
        using var sp = CreateSut(api, before: s => s.AddSingleton(provider.Object));

        await SendAsync(sp);

        Assert.Equal("fresh-token", api.Single.QueryValues["access_token"].ToString());
    }

    [Fact]
    public async Task SendAsync_NoToken_IsNotPermittedWithoutCalling()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, """{"errcode":0}"""));
        using var sp = CreateSut(api);

        var outcome = await sp.GetRequiredService<WeChatMessenger>().SendAsync(Target(Platform.WeChat, MentionKind.DirectMessage, "gh_other"), "t", "k", CancellationToken.None);

        Assert.Equal(SendOutcomeKind.NotPermitted, outcome.Kind);
        Assert.Empty(api.Requests);
    }
}
