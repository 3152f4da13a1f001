using System.Text;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Tests.TestSupport;
using SocialFirst.Platforms.WeChat;

namespace SocialFirst.Platforms.Tests.WeChat;

public class WeChatWebhookAdapterTests
{
    private const string Token = "wechat-token";
    private const string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string AppId = "wx1234567890abcdef";

    /// <summary>SHA-1 of sorted ["wechat-token", "1700000000", "123456"], computed with Python hashlib.</summary>
    private const string PlainSignature = "609db367c6e053dc92d88484bba73c71adf6aed6";

    private static WeChatWebhookAdapter CreateSut(string token = Token, string key = "", string appId = "") =>
        new(TestOptions.Of(new WeChatWebhookOptions { Token = token, EncodingAesKey = key, AppId = appId }));

    private static WeChatWebhookAdapter CreateSafeModeSut() => CreateSut(key: Key, appId: AppId);

    private static Dictionary<string, string> PlainQuery(string signature = PlainSignature) => new()
    {
        ["signature"] = signature,
        ["timestamp"] = "1700000000",
        ["nonce"] = "123456",
        ["openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
    };

    /// <summary>A safe-mode delivery: the fixture encrypted, msg_signature computed independently of the adapter.</summary>
    private static WebhookRequest SafeModeRequest(string xml, string appId = AppId, string? msgSignature = null)
    {
        var encrypted = new WeChatMessageCrypto(Token, Key, appId).Encrypt(xml);
        var body = $"<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>";
        var query = new Dictionary<string, string>
        {
            ["signature"] = PlainSignature,
            ["timestamp"] = "1700000000",
            ["nonce"] = "123456",
            ["openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
            ["encrypt_type"] = "aes",
            ["msg_signature"] = msgSignature ?? Sign.SortedSha1(Token, "1700000000", "123456", encrypted),
        };
        return Requests.Post(body, query: query);
    }

    [Fact]
    public void TryHandshake_ValidSignature_EchoesEchostr()
    {
        var response = CreateSut().TryHandshake(Requests.Get(("signature", PlainSignature), ("timestamp", "1700000000"), ("nonce", "123456"), ("echostr", "5837397520665436492")));

        Assert.NotNull(response);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("5837397520665436492", response.Body);
        Assert.StartsWith("text/plain", response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public void TryHandshake_WrongToken_Returns403()
    {
        var response = CreateSut(token: "other").TryHandshake(Requests.Get(("signature", PlainSignature), ("timestamp", "1700000000"), ("nonce", "123456"), ("echostr", "e")));

        Assert.Equal(403, response!.StatusCode);
    }

    [Fact]
    public void TryHandshake_NoToken_RefusesEvenASignatureMadeWithAnEmptyToken()
    {
        var emptyTokenSignature = Sign.SortedSha1("", "1700000000", "123456");

        var response = CreateSut(token: "").TryHandshake(Requests.Get(("signature", emptyTokenSignature), ("timestamp", "1700000000"), ("nonce", "123456"), ("echostr", "e")));

        Assert.Equal(403, response!.StatusCode);
    }

    [Fact]
    public void TryHandshake_MissingParameters_Returns403AndNotAHandshakeReturnsNull()
    {
        Assert.Equal(403, CreateSut().TryHandshake(Requests.Get(("echostr", "e")))!.StatusCode);
        Assert.Null(CreateSut().TryHandshake(Requests.Get(("signature", PlainSignature))));
        Assert.Null(CreateSut().TryHandshake(Requests.Post("<xml/>", query: PlainQuery())));
    }

    [Fact]
    public void Verify_PlainMode_ChecksTheQuerySignature()
    {
        var body = Fixtures.Bytes("wechat/text.xml");

        Assert.True(CreateSut().Verify(Requests.Post(body, query: PlainQuery())).IsValid);
        Assert.Equal("signature does not match", CreateSut().Verify(Requests.Post(body, query: PlainQuery(new string('a', 40)))).Reason);
        Assert.Equal("signature does not match", CreateSut().Verify(Requests.Post(body, query: PlainQuery("abc"))).Reason);
        Assert.False(CreateSut(token: "").Verify(Requests.Post(body, query: PlainQuery())).IsValid);
        Assert.Equal("missing timestamp or nonce", CreateSut().Verify(Requests.Post(body)).Reason);
    }

    [Fact]
    public void Verify_PlainDeliveryWhileSafeModeIsConfigured_IsRefused()
    {
        var check = CreateSafeModeSut().Verify(Requests.Post(Fixtures.Bytes("wechat/text.xml"), query: PlainQuery()));

        Assert.False(check.IsValid);
        Assert.Contains("safe mode is configured", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SafeMode_ValidMsgSignatureAndAppId_IsValid()
    {
        var request = SafeModeRequest(Encoding.UTF8.GetString(Fixtures.Bytes("wechat/text.xml")));

        var check = CreateSafeModeSut().Verify(request);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_SafeMode_WrongMsgSignature_IsInvalid()
    {
        var check = CreateSafeModeSut().Verify(SafeModeRequest("<xml/>", msgSignature: new string('0', 40)));

        Assert.Equal("msg_signature does not match", check.Reason);
    }

    [Fact]
    public void Verify_SafeMode_MessageForAnotherAppId_IsInvalid()
    {
        var check = CreateSafeModeSut().Verify(SafeModeRequest("<xml/>", appId: "wxffffffffffffffff"));

        Assert.False(check.IsValid);
        Assert.Equal("Encrypt was made for another AppID", check.Reason);
    }

    [Fact]
    public void Verify_SafeModeDeliveryWithoutKeyConfigured_IsInvalid()
    {
        var check = CreateSut().Verify(SafeModeRequest("<xml/>"));

        Assert.Equal("not configured for safe mode", check.Reason);
    }

    [Fact]
    public void Verify_SafeModeBodyWithDtd_IsInvalidNotThrown()
    {
        var query = new Dictionary<string, string> { ["timestamp"] = "1", ["nonce"] = "2", ["encrypt_type"] = "aes", ["msg_signature"] = new string('0', 40) };
        var body = """<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Encrypt>&x;</Encrypt></xml>""";

        var check = CreateSafeModeSut().Verify(Requests.Post(body, query: query));

        Assert.False(check.IsValid);
    }

    [Fact]
    public void Parse_Text_IsADirectMessage()
    {
        var parsed = CreateSut().Parse(Requests.Post(Fixtures.Bytes("wechat/text.xml"), query: PlainQuery()), "raw-wx");

        Assert.Equal("success", parsed.AcknowledgementBody);
        var m = Assert.Single(parsed.Mentions);
        Assert.Equal(Platform.WeChat, m.Platform);
        Assert.Equal("gh_0123456789ab", m.BrandAccountId);
        Assert.Equal(MentionKind.DirectMessage, m.Kind);
        Assert.Equal("1234567890123456", m.EventId);
        Assert.Equal("1234567890123456", m.ObjectId);
        Assert.Equal("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", m.ThreadId);
        Assert.Equal(new MentionAuthor("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), m.Author);
        Assert.Equal("你好，我买的咖啡机坏了 ☕ <需要退货>", m.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1348831860), m.CreatedAt);
        Assert.Equal("raw-wx", m.RawDeliveryRef);
    }

    [Fact]
    public void Parse_SafeMode_DecryptsThenParses()
    {
        var request = SafeModeRequest(Encoding.UTF8.GetString(Fixtures.Bytes("wechat/text.xml")));

        var m = Assert.Single(CreateSafeModeSut().Parse(request, "raw").Mentions);

        Assert.Equal("你好，我买的咖啡机坏了 ☕ <需要退货>", m.Text);
        Assert.Equal("1234567890123456", m.EventId);
    }

    [Fact]
    public void Parse_SubscribeEvent_IsSkippedWithItsDedupKey()
    {
        var parsed = CreateSut().Parse(Requests.Post(Fixtures.Bytes("wechat/event-subscribe.xml")), "raw");

        Assert.Empty(parsed.Mentions);
        Assert.Equal("success", parsed.AcknowledgementBody);
        Assert.Contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o:1348831861:subscribe", Assert.Single(parsed.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ImageAndVoice_AreDirectMessagesWithWhatTextTheyHave()
    {
        var image = Assert.Single(CreateSut().Parse(Requests.Post(Fixtures.Bytes("wechat/image.xml")), "raw").Mentions);
        var voice = Assert.Single(CreateSut().Parse(Requests.Post(Fixtures.Bytes("wechat/voice.xml")), "raw").Mentions);

        Assert.Equal(MentionKind.DirectMessage, image.Kind);
        Assert.Equal(string.Empty, image.Text);
        Assert.Equal("1234567890123457", image.EventId);
        Assert.Equal("我要投诉", voice.Text);
    }

    [Fact]
    public void Parse_UnknownMsgTypeAndMissingMsgId()
    {
        var unknown = CreateSut().Parse(Requests.Post("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>hologram</MsgType></xml>"), "raw");
        var noMsgId = CreateSut().Parse(Requests.Post("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>7</CreateTime><MsgType>text</MsgType><Content>hi</Content></xml>"), "raw");

        Assert.Contains("hologram", Assert.Single(unknown.Unknown), StringComparison.Ordinal);
        Assert.Equal("o1:7:text", Assert.Single(noMsgId.Mentions).EventId);
    }

    [Theory]
    [InlineData("not xml")]
    [InlineData("<root><MsgType>text</MsgType></root>")]
    [InlineData("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><MsgType>text</MsgType></xml>")]
    [InlineData("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType></xml>")]
    [InlineData("<xml><ToUserName>a</ToUserName><ToUserName>b</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>")]
    [InlineData("""<!DOCTYPE xml [<!ENTITY lol "lol">]><xml><ToUserName>&lol;</ToUserName></xml>""")]
    public void Parse_MalformedOrDtd_Throws(string body)
    {
        Assert.Throws<MalformedPayloadException>(() => CreateSut().Parse(Requests.Post(body), "raw"));
    }

    [Fact]
    public void BuildEncryptedReply_CanBeReadBackWithTheSameSettings()
    {
        var envelope = System.Xml.Linq.XElement.Parse(CreateSafeModeSut().BuildEncryptedReply("<xml><Content>ok</Content></xml>", "1700000000", "abc"));

        Assert.True(new WeChatMessageCrypto(Token, Key, AppId).TryDecrypt(envelope.Element("Encrypt")!.Value, out var xml, out _));
        Assert.Equal("<xml><Content>ok</Content></xml>", xml);
        Assert.Throws<InvalidOperationException>(() => CreateSut().BuildEncryptedReply("<xml/>", "1", "2"));
    }
}
