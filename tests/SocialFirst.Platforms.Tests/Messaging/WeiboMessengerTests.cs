using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Weibo.Messaging;
using static SocialFirst.Platforms.Tests.Messaging.MessagingTestHost;

namespace SocialFirst.Platforms.Tests.Messaging;

public class WeiboMessengerTests
{
    private const string Brand = "1902538057";
    private const string Token = "2.00weibo-token-secret";

    private static ServiceProvider CreateSut(FakePlatformApi api, string saveSenderBox = "true") => Create(new()
    {
        ["Messaging:Weibo:ReplyUrl"] = api.BaseUrl + "/2/messages/reply.json",
        ["Messaging:Weibo:MentionReplyUrl"] = api.BaseUrl + "/2/messages/reply/biz.json",
        ["Messaging:Weibo:AccessTokens:" + Brand] = Token,
        ["Messaging:Weibo:SaveSenderBox"] = saveSenderBox,
    });

    private static Task<SendOutcome> SendAsync(ServiceProvider sp, MentionKind kind = MentionKind.DirectMessage, string author = "2489518277", string text = "您好，工单 K3F9 & 100%") =>
        sp.GetRequiredService<WeiboMessenger>().SendAsync(Target(Platform.Weibo, kind, Brand, author: author), text, "c1:a", CancellationToken.None);

    [Fact]
    public async Task SendAsync_DirectMessage_PostsTheDocumentedForm()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, """{"id":"4012345678","type":"text","receiver_id":2489518277}"""));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp);

        Assert.Equal((SendOutcomeKind.Sent, "4012345678"), (outcome.Kind, outcome.PlatformMessageId));
        var request = api.Single;
        Assert.Equal(("POST", "/2/messages/reply.json", string.Empty), (request.Method, request.Path, request.Query));
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Body);
        Assert.Equal(Token, form["access_token"].ToString());
        Assert.Equal("text", form["type"].ToString());
        Assert.Equal("2489518277", form["receiver_id"].ToString());
        Assert.Equal("1", form["save_sender_box"].ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"text":"您好，工单 K3F9 & 100%"}"""), JsonNode.Parse(form["data"].ToString())), form["data"].ToString());
        // data is the JSON URL-encoded once by the form encoding (not twice).
        Assert.Contains("data=%7B%22text%22%3A%22", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Mention_UsesTheMentionReplyEndpoint()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, """{"result":true}"""));
        using var sp = CreateSut(api, saveSenderBox: "false");

        var outcome = await SendAsync(sp, MentionKind.Mention);

        Assert.Equal(SendOutcomeKind.Sent, outcome.Kind);
        Assert.Equal("/2/messages/reply/biz.json", api.Single.Path);
        Assert.Equal("0", Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(api.Single.Body)["save_sender_box"].ToString());
    }

    public static TheoryData<int, string, SendOutcomeKind, string?> Errors => new()
    {
        { 400, """{"error":"expired_token","error_code":21327,"request":"/2/messages/reply.json"}""", SendOutcomeKind.Failed, "21327" },
        { 403, """{"error":"User requests out of rate limit!","error_code":"10023","request":"/2/messages/reply.json"}""", SendOutcomeKind.Failed, "10023" },
        { 200, """{"error":"unknown","error_code":20003,"request":"/2/messages/reply.json"}""", SendOutcomeKind.Failed, "20003" },
        { 503, "<html>busy</html>", SendOutcomeKind.RetryLater, null },
        { 500, """{"error":"system error","error_code":10001}""", SendOutcomeKind.RetryLater, "10001" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task SendAsync_Error_IsFailedWithTheCode_Or5xxRetryLater(int status, string body, SendOutcomeKind expected, string? code)
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(status, body));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp);

        Assert.Equal((expected, code), (outcome.Kind, outcome.ErrorCode));
        Assert.DoesNotContain(Token, outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ReceiverNotAUid_FailsWithoutCalling()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(200, "{}"));
        using var sp = CreateSut(api);

        var outcome = await SendAsync(sp, author: "abc");

        Assert.Equal(SendOutcomeKind.Failed, outcome.Kind);
        Assert.Empty(api.Requests);
    }
}
