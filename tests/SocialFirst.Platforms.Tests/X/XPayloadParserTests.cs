using System.Text;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Tests.TestSupport;
using SocialFirst.Platforms.X;

namespace SocialFirst.Platforms.Tests.X;

public class XPayloadParserTests
{
    private static ParsedDelivery Parse(byte[] body) =>
        new XWebhookAdapter(TestOptions.Of(new XWebhookOptions { ConsumerSecret = "s" })).Parse(Requests.Post(body), "raw-x");

    private static ParsedDelivery ParseFixture(string name) => Parse(Fixtures.Bytes($"x/{name}"));

    [Fact]
    public void Parse_TweetCreateEvents_MentionsAndRepliesWithAuthorDetails()
    {
        var parsed = ParseFixture("tweet-create-events.json");

        Assert.Collection(
            parsed.Mentions,
            m =>
            {
                Assert.Equal(Platform.X, m.Platform);
                Assert.Equal("2244994945", m.BrandAccountId);
                Assert.Equal(MentionKind.Mention, m.Kind);
                Assert.Equal(MentionChange.Created, m.Change);
                Assert.Equal("1050118621198921728", m.EventId);
                Assert.Equal("1050118621198921728", m.ObjectId);
                Assert.Equal("1050118621198921728", m.ThreadId);
                Assert.Null(m.ParentId);
                Assert.Equal(new MentionAuthor("6253282", "lilei", "李雷", 15320), m.Author);
                Assert.Equal("@Acme 你们的客服电话一直打不通，已经三天了……请尽快回复 https://t.co/x", m.Text); // extended_tweet.full_text
                Assert.Equal("zh", m.LanguageHint);
                Assert.Equal(new DateTimeOffset(2018, 10, 10, 20, 19, 24, TimeSpan.Zero), m.CreatedAt);
                Assert.Equal("https://x.com/lilei/status/1050118621198921728", m.Permalink);
                Assert.Equal("raw-x", m.RawDeliveryRef);
            },
            m =>
            {
                Assert.Equal(MentionKind.Reply, m.Kind);
                Assert.Equal("1050118771198921729", m.ObjectId);
                Assert.Equal("1050000000000000000", m.ThreadId);
                Assert.Equal("1050000000000000000", m.ParentId);
                Assert.Equal(new MentionAuthor("783214", "someone", "Someone", 88), m.Author);
                Assert.Equal("@Acme still waiting 🙄", m.Text);
                Assert.Equal("en", m.LanguageHint);
                Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1539202800123), m.CreatedAt); // timestamp_ms wins
            });
        Assert.Equal(2, parsed.Skipped.Count);
        Assert.Contains("the brand's own tweet 1050118771198921730", parsed.Skipped[0], StringComparison.Ordinal);
        Assert.Contains("retweet", parsed.Skipped[1], StringComparison.Ordinal);
        Assert.Empty(parsed.Unknown);
    }

    [Fact]
    public void Parse_DirectMessage_TakesSenderFromUsersMapAndSkipsOwnDm()
    {
        var parsed = ParseFixture("direct-message-events.json");

        var m = Assert.Single(parsed.Mentions);
        Assert.Equal(Platform.X, m.Platform);
        Assert.Equal("4337869213", m.BrandAccountId);
        Assert.Equal(MentionKind.DirectMessage, m.Kind);
        Assert.Equal("954491830116155396", m.EventId);
        Assert.Equal("954491830116155396", m.ObjectId);
        Assert.Equal("3001969357", m.ThreadId);
        Assert.Equal(new MentionAuthor("3001969357", "furiouscamper", "Jordan Brinks", 22), m.Author);
        Assert.Equal("Hello World! Ça ne marche pas 😢", m.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1516403560557), m.CreatedAt);
        Assert.Null(m.Permalink);
        Assert.Contains("sent by the brand", Assert.Single(parsed.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TweetDelete_IsADeleteOfTheSameObject()
    {
        var parsed = ParseFixture("tweet-delete-events.json");

        var m = Assert.Single(parsed.Mentions);
        Assert.Equal(MentionChange.Deleted, m.Change);
        Assert.Equal("1045405559317569537", m.ObjectId);
        Assert.Equal("1045405559317569537", m.EventId);
        Assert.Equal("930524282358325249", m.Author.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1432228155593), m.CreatedAt);
        Assert.Contains("deleted its own tweet", Assert.Single(parsed.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FavoritesFollowsTypingAndReads_AreAllSkipped()
    {
        var parsed = ParseFixture("non-mention-events.json");

        Assert.Empty(parsed.Mentions);
        Assert.Empty(parsed.Unknown);
        Assert.Equal(
            ["favorite_events[0]", "follow_events[0]", "direct_message_indicate_typing_events[0]", "direct_message_mark_read_events[0]"],
            parsed.Skipped.Select(s => s[..s.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public void Parse_NumericIdsAbove2Pow53_KeepEveryDigit()
    {
        var body = """{"for_user_id":2244994945,"tweet_create_events":[{"id":1050118621198921729,"created_at":"Wed Oct 10 20:19:24 +0000 2018","text":"@Acme hi","user":{"id":9007199254740993,"screen_name":"big"}}]}""";

        var m = Assert.Single(Parse(Encoding.UTF8.GetBytes(body)).Mentions);

        Assert.Equal("2244994945", m.BrandAccountId);
        Assert.Equal("1050118621198921729", m.ObjectId);
        Assert.Equal("9007199254740993", m.Author.Id);
    }

    [Fact]
    public void Parse_UnknownEventTypeAndUndLanguage()
    {
        var body = """{"for_user_id":"1","brand_new_events":[{}],"tweet_create_events":[{"id_str":"5","text":"x","lang":"und","timestamp_ms":"1700000000000","user":{"id_str":"2"}}]}""";

        var parsed = Parse(Encoding.UTF8.GetBytes(body));

        Assert.Contains("brand_new_events", Assert.Single(parsed.Unknown), StringComparison.Ordinal);
        var m = Assert.Single(parsed.Mentions);
        Assert.Null(m.LanguageHint);
        Assert.Equal("https://x.com/i/web/status/5", m.Permalink);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"tweet_create_events":[]}""")]
    public void Parse_MalformedOrNoForUserId_Throws(string body)
    {
        Assert.Throws<MalformedPayloadException>(() => Parse(Encoding.UTF8.GetBytes(body)));
    }
}
