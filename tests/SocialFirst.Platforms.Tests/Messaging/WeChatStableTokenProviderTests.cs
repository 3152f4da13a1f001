using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.WeChat.Messaging;
using static SocialFirst.Platforms.Tests.Messaging.MessagingTestHost;

namespace SocialFirst.Platforms.Tests.Messaging;

/// <summary>Tokens fetched from the stable-token endpoint of a local fake WeChat, cached, renewed and never logged.</summary>
public class WeChatStableTokenProviderTests
{
    private const string Account = "gh_abc123";
    private const string AppId = "wx0123456789abcdef";
    private const string AppSecret = "s3cr3t-APP-secret";

    private static ServiceProvider CreateSut(FakePlatformApi api, CapturingLoggerProvider? logs = null, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:WeChat:ApiBaseUrl"] = api.BaseUrl,
            [$"Messaging:WeChat:Apps:{Account}:AppId"] = AppId,
            [$"Messaging:WeChat:Apps:{Account}:AppSecret"] = AppSecret,
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return Create(settings, logs);
    }

    private static Task<SendOutcome> SendAsync(ServiceProvider sp) =>
        sp.GetRequiredService<WeChatMessenger>().SendAsync(Target(Platform.WeChat, MentionKind.DirectMessage, Account, author: "oXyZ_openid"), "您好", "c1:a", CancellationToken.None);

    private static FakeResponse Token(string token, int expiresIn = 7200) =>
        FakeResponse.Json(200, $$"""{"access_token":"{{token}}","expires_in":{{expiresIn}}}""");

    private static readonly FakeResponse Ok = FakeResponse.Json(200, """{"errcode":0,"errmsg":"ok"}""");

    [Fact]
    public async Task SendAsync_AppCredentials_FetchesStableTokenOnceAndUsesIt()
    {
        await using var api = await FakePlatformApi.StartAsync(r => r.Path == "/cgi-bin/stable_token" ? Token("T1") : Ok);
        using var sp = CreateSut(api);

        var first = await SendAsync(sp);
        var second = await SendAsync(sp);

        Assert.Equal((SendOutcomeKind.Sent, SendOutcomeKind.Sent), (first.Kind, second.Kind));
        var requests = api.Requests.ToList();
        Assert.Equal(["/cgi-bin/stable_token", "/cgi-bin/message/custom/send", "/cgi-bin/message/custom/send"], requests.Select(r => r.Path));
        var tokenCall = requests[0];
        Assert.Equal("POST", tokenCall.Method);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$"""{"grant_type":"client_credential","appid":"{{AppId}}","secret":"{{AppSecret}}","force_refresh":false}"""),
            JsonNode.Parse(tokenCall.Body)), tokenCall.Body);
        Assert.All(requests.Skip(1), r => Assert.Equal("T1", r.QueryValues["access_token"].ToString()));
    }

    [Fact]
    public async Task GetAccessTokenAsync_FiveMinutesBeforeExpiry_FetchesAgain()
    {
        var issued = 0;
        await using var api = await FakePlatformApi.StartAsync(_ => Token("T" + Interlocked.Increment(ref issued), expiresIn: 7200));
        using var sp = CreateSut(api);
        var sut = sp.GetRequiredService<IWeChatAccessTokenProvider>();
        var time = (FakeTimeProvider)sp.GetRequiredService<TimeProvider>();

        var first = await sut.GetAccessTokenAsync(Account, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(7200) - WeChatStableTokenProvider.RenewMargin - TimeSpan.FromSeconds(1));
        var stillCached = await sut.GetAccessTokenAsync(Account, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        var renewed = await sut.GetAccessTokenAsync(Account, CancellationToken.None);

        Assert.Equal(("T1", "T1", "T2"), (first.Token, stillCached.Token, renewed.Token));
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task GetAccessTokenAsync_ManyCallersAtOnce_OneTokenCall()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => Token("T1") with { Delay = TimeSpan.FromMilliseconds(100) });
        using var sp = CreateSut(api);
        var sut = sp.GetRequiredService<IWeChatAccessTokenProvider>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sut.GetAccessTokenAsync(Account, CancellationToken.None).AsTask()));

        Assert.All(results, r => Assert.Equal("T1", r.Token));
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task SendAsync_TokenRejected_RenewsAndRetriesOnce()
    {
        var issued = 0;
        await using var api = await FakePlatformApi.StartAsync(r => r.Path == "/cgi-bin/stable_token"
            ? Token("T" + Interlocked.Increment(ref issued))
            : r.QueryValues["access_token"] == "T1" ? FakeResponse.Json(200, """{"errcode":40001,"errmsg":"invalid credential"}""") : Ok);
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp);

        Assert.Equal(SendOutcomeKind.Sent, outcome.Kind);
        var sends = api.Requests.Where(r => r.Path == "/cgi-bin/message/custom/send").Select(r => r.QueryValues["access_token"].ToString()).ToList();
        Assert.Equal(["T1", "T2"], sends);
    }

    [Fact]
    public async Task SendAsync_EndpointKeepsHandingOutTheRejectedToken_NotPermittedWithoutForcingRefresh()
    {
        await using var api = await FakePlatformApi.StartAsync(r => r.Path == "/cgi-bin/stable_token"
            ? Token("T1")
            : FakeResponse.Json(200, """{"errcode":42001,"errmsg":"access_token expired"}"""));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp);

        Assert.Equal((SendOutcomeKind.NotPermitted, "42001"), (outcome.Kind, outcome.ErrorCode));
        Assert.Single(api.Requests, r => r.Path == "/cgi-bin/message/custom/send");
        Assert.All(api.Requests.Where(r => r.Path == "/cgi-bin/stable_token"), r => Assert.DoesNotContain("\"force_refresh\":true", r.Body, StringComparison.Ordinal));
    }

    public static TheoryData<int, string, SendOutcomeKind, string?> TokenFailures => new()
    {
        { 200, """{"errcode":40164,"errmsg":"invalid ip 1.2.3.4, not in whitelist"}""", SendOutcomeKind.NotPermitted, "40164" },
        { 200, """{"errcode":40125,"errmsg":"invalid appsecret"}""", SendOutcomeKind.NotPermitted, "40125" },
        { 200, """{"errcode":-1,"errmsg":"system error"}""", SendOutcomeKind.RetryLater, "-1" },
        { 503, "busy", SendOutcomeKind.RetryLater, null },
    };

    [Theory]
    [MemberData(nameof(TokenFailures))]
    public async Task SendAsync_TokenEndpointFails_NothingSentAndOutcomeByKind(int status, string body, SendOutcomeKind expected, string? code)
    {
        var tokenAnswer = FakeResponse.Json(status, body);
        await using var api = await FakePlatformApi.StartAsync(r => r.Path == "/cgi-bin/stable_token" ? tokenAnswer : Ok);
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp);

        Assert.Equal((expected, code), (outcome.Kind, outcome.ErrorCode));
        Assert.DoesNotContain(api.Requests, r => r.Path == "/cgi-bin/message/custom/send");
    }

    [Fact]
    public async Task SendAsync_SecretAndToken_NeverReachTheLogs()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakePlatformApi.StartAsync(r => r.Path == "/cgi-bin/stable_token" ? Token("TOKEN-VALUE-xyz") : Ok);
        using var sp = CreateSut(api, logs);

        await SendAsync(sp);

        Assert.NotEmpty(logs.Messages);
        Assert.Contains(logs.Messages, m => m.Contains("|4211|", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(AppSecret, StringComparison.Ordinal) || m.Contains("TOKEN-VALUE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAccessTokenAsync_AccountWithoutAppCredentials_UsesStaticToken()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => Ok);
        using var sp = CreateSut(api, extra: new() { ["Messaging:WeChat:AccessTokens:gh_static"] = "static-token" });
        var sut = sp.GetRequiredService<IWeChatAccessTokenProvider>();

        var token = await sut.GetAccessTokenAsync("gh_static", CancellationToken.None);
        var renewed = await sut.RenewAsync("gh_static", "static-token", CancellationToken.None);
        var missing = await sut.GetAccessTokenAsync("gh_nobody", CancellationToken.None);

        Assert.Equal("static-token", token.Token);
        Assert.Equal(SendOutcomeKind.NotPermitted, renewed.Failure?.Kind);
        Assert.Contains("Messaging:WeChat:Apps:gh_nobody", missing.Failure?.Detail, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void Options_AppWithoutSecret_FailsValidationNamingTheSetting()
    {
        using var sp = Create(new() { [$"Messaging:WeChat:Apps:{Account}:AppId"] = AppId });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<WeChatMessagingOptions>>().Value);

        Assert.Contains($"Messaging:WeChat:Apps:{Account}", ex.Message, StringComparison.Ordinal);
    }
}
