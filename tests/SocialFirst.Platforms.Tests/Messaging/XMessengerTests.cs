using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.X.Messaging;
using static SocialFirst.Platforms.Tests.Messaging.MessagingTestHost;

namespace SocialFirst.Platforms.Tests.Messaging;

public class XMessengerTests
{
    private const string Brand = "2244994945";
    private const string UserToken = "x-user-context-token-secret";

    private static ServiceProvider CreateSut(FakePlatformApi api) => Create(new()
    {
        ["Messaging:X:ApiBaseUrl"] = api.BaseUrl,
        ["Messaging:X:UserAccessTokens:" + Brand] = UserToken,
    });

    private static PrivateMessageTarget Mention(string author = "987654321") =>
        Target(Platform.X, MentionKind.Mention, Brand, replyTo: "1790000000000000001", author: author);

    [Fact]
    public async Task SendAsync_Dm_PostsToTheConversationWithTheAuthor()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(201, """{"data":{"dm_conversation_id":"987654321-2244994945","dm_event_id":"1580705921830768643"}}"""));
        using var sp = CreateSut(api);

        var outcome = await sp.GetRequiredService<XMessenger>().SendAsync(Mention(), "Hello, case K3F9.", "c1:a", CancellationToken.None);

        Assert.Equal((SendOutcomeKind.Sent, "1580705921830768643"), (outcome.Kind, outcome.PlatformMessageId));
        var request = api.Single;
        Assert.Equal(("POST", "/2/dm_conversations/with/987654321/messages"), (request.Method, request.Path));
        Assert.Equal($"Bearer {UserToken}", request.Authorization);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"text":"Hello, case K3F9."}"""), JsonNode.Parse(request.Body)), request.Body);
    }

    [Fact]
    public async Task ReplyPubliclyAsync_PostsAReplyToTheTweet()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(201, """{"data":{"id":"1790000000000000999","text":"Please DM us"}}"""));
        using var sp = CreateSut(api);

        var outcome = await sp.GetRequiredService<XMessenger>().ReplyPubliclyAsync(Mention(), "Please DM us", "c1:public", CancellationToken.None);

        Assert.Equal("1790000000000000999", outcome.PlatformMessageId);
        Assert.Equal("/2/tweets", api.Single.Path);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"text":"Please DM us","reply":{"in_reply_to_tweet_id":"1790000000000000001"}}"""), JsonNode.Parse(api.Single.Body)), api.Single.Body);
    }

    public static TheoryData<int, string, SendOutcomeKind> Errors => new()
    {
        { 403, """{"detail":"You are not allowed to send a message to this user.","type":"about:blank","title":"Forbidden","status":403}""", SendOutcomeKind.NotPermitted },
        { 403, """{"errors":[{"message":"You cannot send messages to users who are not following you."}],"title":"Forbidden"}""", SendOutcomeKind.NotPermitted },
        { 401, """{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}""", SendOutcomeKind.NotPermitted },
        { 503, """{"title":"Service Unavailable","status":503}""", SendOutcomeKind.RetryLater },
        { 500, "<html>oops</html>", SendOutcomeKind.RetryLater },
        { 400, """{"errors":[{"parameters":{"text":[""]},"message":"The `text` field is empty"}],"title":"Invalid Request","status":400}""", SendOutcomeKind.Failed },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task SendAsync_Error_MapsToOutcome(int status, string body, SendOutcomeKind expected)
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(status, body));
        using var sp = CreateSut(api);

        var outcome = await sp.GetRequiredService<XMessenger>().SendAsync(Mention(), "x", "k", CancellationToken.None);

        Assert.Equal(expected, outcome.Kind);
        Assert.DoesNotContain(UserToken, outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RateLimited_RetriesAfterTheResetTime()
    {
        var reset = Now.AddMinutes(5).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(429, """{"title":"Too Many Requests","status":429}""", ("x-rate-limit-reset", reset), ("x-rate-limit-remaining", "0")));
        using var sp = CreateSut(api);

        var outcome = await sp.GetRequiredService<XMessenger>().SendAsync(Mention(), "x", "k", CancellationToken.None);

        Assert.Equal((SendOutcomeKind.RetryLater, TimeSpan.FromMinutes(5)), (outcome.Kind, outcome.RetryAfter));
    }

    [Fact]
    public async Task ReplyPubliclyAsync_DuplicateContent_IsAlreadyDone()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(403, """{"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}"""));
        using var sp = CreateSut(api);

        var outcome = await sp.GetRequiredService<XMessenger>().ReplyPubliclyAsync(Mention(), "Please DM us", "k", CancellationToken.None);

        Assert.Equal(SendOutcomeKind.AlreadyDone, outcome.Kind);
    }

    [Fact]
    public async Task SendAsync_AuthorIdNotNumeric_FailsWithoutCalling()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(201, """{"data":{}}"""));
        using var sp = CreateSut(api);

        var outcome = await sp.GetRequiredService<XMessenger>().SendAsync(Mention(author: "../2/tweets"), "x", "k", CancellationToken.None);

        Assert.Equal(SendOutcomeKind.Failed, outcome.Kind);
        Assert.Empty(api.Requests);
    }
}
