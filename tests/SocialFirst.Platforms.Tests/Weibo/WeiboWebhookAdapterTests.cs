using System.Text;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Tests.TestSupport;
using SocialFirst.Platforms.Weibo;

namespace SocialFirst.Platforms.Tests.Weibo;

public class WeiboWebhookAdapterTests
{
    private const string AppSecret = "weibo-secret";

    /// <summary>SHA-1 of sorted ["weibo-secret", "1700000000123", "998877"], computed with Python hashlib.</summary>
    private const string Signature = "0198fe4027d3e3db713b32485c0c3c5f1857fda4";

    private static WeiboWebhookAdapter CreateSut(string secret = AppSecret) =>
        new(TestOptions.Of(new WeiboWebhookOptions { AppSecret = secret }));

    private static Dictionary<string, string> Query(string signature = Signature) => new()
    {
        ["signature"] = signature,
        ["timestamp"] = "1700000000123",
        ["nonce"] = "998877",
    };

    private static ParsedDelivery ParseFixture(string name) =>
        CreateSut().Parse(Requests.Post(Fixtures.Bytes($"weibo/{name}"), query: Query()), "raw-wb");

    [Fact]
    public void ComputeSignature_DocumentedExample()
    {
        // open.weibo.com/wiki/Messages_api_start: appsecret xyz123xyz, timestamp 1397022061823, nonce 57155157.
        Assert.Equal("90e4c22c90a58f26526c2dd5b6c56c8822edeaa1", WeiboWebhookAdapter.ComputeSignature("xyz123xyz", "1397022061823", "57155157"));
    }

    [Fact]
    public void TryHandshake_DocumentedExample_EchoesEchostr()
    {
        var sut = CreateSut(secret: "xyz123xyz");

        var response = sut.TryHandshake(Requests.Get(("signature", "90e4c22c90a58f26526c2dd5b6c56c8822edeaa1"), ("timestamp", "1397022061823"), ("nonce", "57155157"), ("echostr", "weibo-echo")));

        Assert.Equal(200, response!.StatusCode);
        Assert.Equal("weibo-echo", response.Body);
    }

    [Fact]
    public void TryHandshake_WrongSecretOrNoSecret_Returns403()
    {
        var request = Requests.Get(("signature", "90e4c22c90a58f26526c2dd5b6c56c8822edeaa1"), ("timestamp", "1397022061823"), ("nonce", "57155157"), ("echostr", "e"));
        var emptySecretRequest = Requests.Get(("signature", Sign.SortedSha1("", "1", "2")), ("timestamp", "1"), ("nonce", "2"), ("echostr", "e"));

        Assert.Equal(403, CreateSut().TryHandshake(request)!.StatusCode);
        Assert.Equal(403, CreateSut(secret: "").TryHandshake(emptySecretRequest)!.StatusCode);
        Assert.Null(CreateSut().TryHandshake(Requests.Get(("signature", "x"))));
    }

    [Fact]
    public void Verify_QuerySignature()
    {
        var body = Fixtures.Bytes("weibo/text.json");

        Assert.True(CreateSut().Verify(Requests.Post(body, query: Query())).IsValid);
        Assert.Equal("signature does not match", CreateSut().Verify(Requests.Post(body, query: Query(new string('f', 40)))).Reason);
        Assert.Equal("signature does not match", CreateSut().Verify(Requests.Post(body, query: Query(Signature[..38]))).Reason);
        Assert.Equal("missing signature", CreateSut().Verify(Requests.Post(body)).Reason);
        Assert.Equal("not configured", CreateSut(secret: "").Verify(Requests.Post(body, query: Query())).Reason);
    }

    [Fact]
    public void Parse_Text_IsADirectMessageWithNumericIdsAsStrings()
    {
        var parsed = ParseFixture("text.json");

        Assert.Equal(string.Empty, parsed.AcknowledgementBody);
        var m = Assert.Single(parsed.Mentions);
        Assert.Equal(Platform.Weibo, m.Platform);
        Assert.Equal("1902538057", m.BrandAccountId);
        Assert.Equal(MentionKind.DirectMessage, m.Kind);
        Assert.Equal("2489518277:Mon Jul 16 18:09:20 +0800 2012:text", m.EventId);
        Assert.Equal(m.EventId, m.ObjectId);
        Assert.Equal("2489518277", m.ThreadId);
        Assert.Equal(new MentionAuthor("2489518277"), m.Author);
        Assert.Equal("我的快递三天没更新了，怎么回事？", m.Text);
        Assert.Equal(new DateTimeOffset(2012, 7, 16, 10, 9, 20, TimeSpan.Zero), m.CreatedAt);
        Assert.Equal(TimeSpan.Zero, m.CreatedAt.Offset);
        Assert.Equal("raw-wb", m.RawDeliveryRef);
    }

    [Fact]
    public void Parse_Mention_IsAMention()
    {
        var m = Assert.Single(ParseFixture("mention.json").Mentions);

        Assert.Equal(MentionKind.Mention, m.Kind);
        Assert.Equal("@某品牌 客服电话打不通 😠", m.Text);
        Assert.Equal("2489518278:Tue Jul 17 09:00:01 +0800 2012:mention", m.EventId);
    }

    [Fact]
    public void Parse_FollowEvent_IsSkipped()
    {
        var parsed = ParseFixture("event-follow.json");

        Assert.Empty(parsed.Mentions);
        Assert.Contains("follow", Assert.Single(parsed.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Position_IsADirectMessageWithWeibosDefaultText()
    {
        var m = Assert.Single(ParseFixture("position.json").Mentions);

        Assert.Equal(MentionKind.DirectMessage, m.Kind);
        Assert.Equal("发送了一个位置", m.Text);
    }

    [Fact]
    public void Parse_IdsBeyond2Pow53AndUnknownType()
    {
        var big = CreateSut().Parse(Requests.Post("""{"type":"text","receiver_id":9007199254740993,"sender_id":"12","created_at":"Mon Jul 16 18:09:20 +0800 2012","text":"hi"}"""), "r");
        var unknown = CreateSut().Parse(Requests.Post("""{"type":"hologram","receiver_id":1,"sender_id":2,"created_at":"Mon Jul 16 18:09:20 +0800 2012"}"""), "r");

        Assert.Equal("9007199254740993", Assert.Single(big.Mentions).BrandAccountId);
        Assert.Contains("hologram", Assert.Single(unknown.Unknown), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("<xml><MsgType>text</MsgType></xml>")]
    [InlineData("""{"receiver_id":1,"sender_id":2,"created_at":"Mon Jul 16 18:09:20 +0800 2012"}""")]
    [InlineData("""{"type":"text","receiver_id":1,"sender_id":2}""")]
    [InlineData("""{"type":"text","receiver_id":1,"sender_id":2,"created_at":"yesterday"}""")]
    public void Parse_Malformed_Throws(string body)
    {
        Assert.Throws<MalformedPayloadException>(() => CreateSut().Parse(Requests.Post(Encoding.UTF8.GetBytes(body)), "r"));
    }
}
