using System.Text;
using System.Text.Json.Nodes;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms.Meta;
using SocialFirst.Platforms.Tests.TestSupport;

namespace SocialFirst.Platforms.Tests.Meta;

/// <summary>
/// Handshake and signature. Expected signatures were computed outside .NET (Python hmac/hashlib) over the exact bytes.
/// </summary>
public class MetaWebhookAdapterTests
{
    private const string AppSecret = "meta-app-secret";
    private const string InstagramSecret = "instagram-app-secret";
    private const string VerifyToken = "verify-me-7f3a";

    /// <summary>A body in Meta's escaped form: ü, é, 😀 (surrogate pair), 你好 and "\/".</summary>
    private const string EscapedBody =
        """{"object":"page","entry":[{"id":"1","time":1700000000,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","comment_id":"1_2_3","post_id":"1_2","parent_id":"1_2","from":{"id":"9","name":"J\u00fcrgen"},"created_time":1700000000,"message":"caf\u00e9 \ud83d\ude00 \u4f60\u597d http:\/\/x.y"}}]}]}""";

    private const string EscapedBodySignature = "sha256=94c231625175e0522e6233f573f02e9174b8fbf8e5ac197da731777a9d1c3d8b";

    /// <summary>The same content as raw UTF-8 (what a proxy that decoded the body would forward).</summary>
    private const string RawUtf8Body =
        """{"object":"page","entry":[{"id":"1","time":1700000000,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","comment_id":"1_2_3","post_id":"1_2","parent_id":"1_2","from":{"id":"9","name":"Jürgen"},"created_time":1700000000,"message":"café 😀 你好 http://x.y"}}]}]}""";

    private const string RawUtf8BodySignature = "sha256=4076f53af413df234cca79d40b19d560208668a12427ad2e4cca1b5421eb909a";

    private static MetaWebhookAdapter CreateSut(string appSecret = AppSecret, string instagramSecret = "", string verifyToken = VerifyToken) =>
        new(TestOptions.Of(new MetaWebhookOptions { AppSecret = appSecret, InstagramAppSecret = instagramSecret, VerifyToken = verifyToken }));

    private static WebhookRequest Signed(byte[] body, string header) =>
        Requests.Post(body, Requests.Header("X-Hub-Signature-256", header));

    [Fact]
    public void Name_IsRouteSegment() => Assert.Equal("meta", CreateSut().Name);

    [Fact]
    public void TryHandshake_MatchingToken_EchoesChallengeAsPlainText()
    {
        var response = CreateSut().TryHandshake(Requests.Get(("hub.mode", "subscribe"), ("hub.verify_token", VerifyToken), ("hub.challenge", "1158201444")));

        Assert.NotNull(response);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("1158201444", response.Body);
        Assert.StartsWith("text/plain", response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public void TryHandshake_WrongToken_Returns403WithoutEchoing()
    {
        var response = CreateSut().TryHandshake(Requests.Get(("hub.mode", "subscribe"), ("hub.verify_token", "guess"), ("hub.challenge", "1158201444")));

        Assert.Equal(403, response!.StatusCode);
        Assert.DoesNotContain("1158201444", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(VerifyToken, response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("anything")]
    public void TryHandshake_NoConfiguredToken_RefusesEvenAnEmptyToken(string presented)
    {
        var response = CreateSut(verifyToken: "").TryHandshake(Requests.Get(("hub.mode", "subscribe"), ("hub.verify_token", presented), ("hub.challenge", "42")));

        Assert.Equal(403, response!.StatusCode);
    }

    [Fact]
    public void TryHandshake_ModeOtherThanSubscribe_Returns400()
    {
        var response = CreateSut().TryHandshake(Requests.Get(("hub.mode", "unsubscribe"), ("hub.verify_token", VerifyToken), ("hub.challenge", "42")));

        Assert.Equal(400, response!.StatusCode);
    }

    [Fact]
    public void TryHandshake_MissingChallenge_Returns400()
    {
        var response = CreateSut().TryHandshake(Requests.Get(("hub.mode", "subscribe"), ("hub.verify_token", VerifyToken)));

        Assert.Equal(400, response!.StatusCode);
    }

    [Fact]
    public void TryHandshake_NotAHandshake_ReturnsNull()
    {
        var sut = CreateSut();

        Assert.Null(sut.TryHandshake(Requests.Get()));
        Assert.Null(sut.TryHandshake(Requests.Get(("foo", "bar"))));
        Assert.Null(sut.TryHandshake(Requests.Post("{}", query: new Dictionary<string, string> { ["hub.challenge"] = "1" })));
    }

    [Fact]
    public void Verify_FixtureSignedWithAppSecret_IsValid()
    {
        var body = Fixtures.Bytes("meta/page-feed-batched.json");

        var check = CreateSut().Verify(Signed(body, "sha256=8b3db98effbd8e6cabd05ee673b90da2f76e772e3b92e26f8a1ec69cab7ec097"));

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_SignedWithInstagramAppSecret_IsValidWhenConfigured()
    {
        var body = Fixtures.Bytes("meta/page-feed-batched.json");
        var header = "sha256=1a06457e75d4e8886bc0d15dc679544d6952a8ba2855fb6a9cbfbea7ef38f6d3";

        Assert.True(CreateSut(instagramSecret: InstagramSecret).Verify(Signed(body, header)).IsValid);
        Assert.True(CreateSut(appSecret: "", instagramSecret: InstagramSecret).Verify(Signed(body, header)).IsValid);
        Assert.False(CreateSut().Verify(Signed(body, header)).IsValid);
    }

    [Fact]
    public void Verify_EscapedUnicodeBody_VerifiesOverTheRawBytes()
    {
        var check = CreateSut().Verify(Signed(Encoding.ASCII.GetBytes(EscapedBody), EscapedBodySignature));

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_EscapedBodyReSerialised_NoLongerVerifies()
    {
        // What a framework does after model binding: parse, then serialise again. The escapes are gone.
        var reSerialised = JsonNode.Parse(EscapedBody)!.ToJsonString();
        Assert.NotEqual(EscapedBody, reSerialised);

        var check = CreateSut().Verify(Signed(Encoding.UTF8.GetBytes(reSerialised), EscapedBodySignature));

        Assert.False(check.IsValid);
    }

    [Fact]
    public void Verify_RawUtf8Body_VerifiesOverItsOwnBytes()
    {
        var body = Encoding.UTF8.GetBytes(RawUtf8Body);

        Assert.True(CreateSut().Verify(Signed(body, RawUtf8BodySignature)).IsValid);
        Assert.False(CreateSut().Verify(Signed(body, EscapedBodySignature)).IsValid);
    }

    [Fact]
    public void Verify_UppercaseHexAndHeaderNameCase_AreAccepted()
    {
        var body = Encoding.ASCII.GetBytes(EscapedBody);
        var request = Requests.Post(body, Requests.Header("x-hub-signature-256", "SHA256=" + EscapedBodySignature["sha256=".Length..].ToUpperInvariant()));

        Assert.True(CreateSut().Verify(request).IsValid);
    }

    [Fact]
    public void Verify_TamperedBody_IsInvalid()
    {
        var body = Encoding.ASCII.GetBytes(EscapedBody.Replace("caf", "caF", StringComparison.Ordinal));

        var check = CreateSut().Verify(Signed(body, EscapedBodySignature));

        Assert.False(check.IsValid);
        Assert.Equal("signature does not match", check.Reason);
    }

    public static TheoryData<string?, string> BadHeaders => new()
    {
        { null, "missing" },
        { "", "missing" },
        { "94c231625175e0522e6233f573f02e9174b8fbf8e5ac197da731777a9d1c3d8b", "must start with" },
        { "sha1=94c231625175e0522e6233f573f02e9174b8fbf8", "must start with" },
        { "sha256=94c231625175e0522e6233f573f02e9174b8fbf8e5ac197da731777a9d1c3d8", "not 32 bytes" },
        { "sha256=94c231625175e0522e6233f573f02e9174b8fbf8e5ac197da731777a9d1c3d8b00", "not 32 bytes" },
        { "sha256=zz c231625175e0522e6233f573f02e9174b8fbf8e5ac197da731777a9d1c3d8b", "not 32 bytes" },
        { "sha256=", "not 32 bytes" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void Verify_MissingOrMalformedSignature_IsInvalidWithReason(string? header, string reasonPart)
    {
        var body = Encoding.ASCII.GetBytes(EscapedBody);
        var request = header is null ? Requests.Post(body) : Signed(body, header);

        var check = CreateSut().Verify(request);

        Assert.False(check.IsValid);
        Assert.Contains(reasonPart, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoSecretConfigured_RefusesEvenASignatureMadeWithAnEmptyKey()
    {
        var body = Encoding.ASCII.GetBytes(EscapedBody);

        var check = CreateSut(appSecret: "", instagramSecret: "").Verify(Signed(body, Sign.MetaHeader("", body)));

        Assert.False(check.IsValid);
        Assert.Equal("not configured", check.Reason);
    }

    [Fact]
    public void Verify_Reasons_NeverContainSecretsOrBody()
    {
        var body = Encoding.ASCII.GetBytes(EscapedBody);
        var sut = CreateSut(instagramSecret: InstagramSecret);

        foreach (var header in new[] { "x", "sha256=00", "sha256=" + new string('0', 64) })
        {
            var reason = sut.Verify(Signed(body, header)).Reason;
            Assert.DoesNotContain(AppSecret, reason, StringComparison.Ordinal);
            Assert.DoesNotContain(InstagramSecret, reason, StringComparison.Ordinal);
            Assert.DoesNotContain("caf", reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_SecretRotatedInConfiguration_UsesTheNewSecret()
    {
        var options = TestOptions.Of(new MetaWebhookOptions { AppSecret = "old" });
        var sut = new MetaWebhookAdapter(options);
        var request = new MetaWebhookBuilder().WithComment("hi").Signed("new");
        Assert.False(sut.Verify(request).IsValid);

        options.Set(new MetaWebhookOptions { AppSecret = "new" });

        Assert.True(sut.Verify(request).IsValid);
    }

    [Fact]
    public void Builder_SignedDelivery_VerifiesAndParses()
    {
        var request = new MetaWebhookBuilder().ForPage("1111").WithComment("Ça ne marche pas 😡 / 不行", commentId: "1111_2001_3001").Signed(AppSecret);
        Assert.DoesNotContain((byte)0xC3, request.Body.ToArray()); // escaped, as Meta sends it

        var sut = CreateSut();
        Assert.True(sut.Verify(request).IsValid);
        var mention = Assert.Single(sut.Parse(request, "raw-1").Mentions);

        Assert.Equal("Ça ne marche pas 😡 / 不行", mention.Text);
        Assert.Equal("1111_2001_3001", mention.ObjectId);
        Assert.Equal("raw-1", mention.RawDeliveryRef);
    }
}
