using System.Text;
using System.Text.Json;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms.Tests.TestSupport;
using SocialFirst.Platforms.X;

namespace SocialFirst.Platforms.Tests.X;

/// <summary>CRC and signature. Expected values were computed outside .NET (Python hmac + base64).</summary>
public class XWebhookAdapterTests
{
    private const string ConsumerSecret = "x-consumer-secret";

    /// <summary>Raw UTF-8 (é, 你好, 😀) plus literal "\/" and "\u00e9" escapes.</summary>
    private const string Body =
        """{"for_user_id":"2244994945","tweet_create_events":[{"id_str":"1","text":"café 你好 😀 a\/b \u00e9","user":{"id_str":"7","screen_name":"u"},"timestamp_ms":"1700000000000"}]}""";

    private const string BodySignature = "sha256=BeaMTYxsSQWnjj2m23yCF4ysY5tHidduIogMajcXP4I=";

    private static XWebhookAdapter CreateSut(string secret = ConsumerSecret) =>
        new(TestOptions.Of(new XWebhookOptions { ConsumerSecret = secret }));

    private static WebhookRequest Signed(byte[] body, string header) =>
        Requests.Post(body, Requests.Header("x-twitter-webhooks-signature", header));

    [Fact]
    public void TryHandshake_CrcToken_AnswersBase64HmacAsJson()
    {
        var response = CreateSut().TryHandshake(Requests.Get(("crc_token", "9b4507b3-8b5f-4d4f-a2cf-1d1b2a27d4a1")));

        Assert.NotNull(response);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("""{"response_token":"sha256=Pa5sF0X+qx90+dX02PK/cLsN3fu2tmutN5j+0j0Rf6o="}""", response.Body);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal("sha256=Pa5sF0X+qx90+dX02PK/cLsN3fu2tmutN5j+0j0Rf6o=", json.RootElement.GetProperty("response_token").GetString());
    }

    [Fact]
    public void ComputeResponseToken_IsBase64NotHex()
    {
        var token = XWebhookAdapter.ComputeResponseToken(ConsumerSecret, "9b4507b3-8b5f-4d4f-a2cf-1d1b2a27d4a1");

        Assert.Equal("sha256=Pa5sF0X+qx90+dX02PK/cLsN3fu2tmutN5j+0j0Rf6o=", token);
    }

    [Fact]
    public void TryHandshake_NoConsumerSecret_Returns403()
    {
        var response = CreateSut(secret: "").TryHandshake(Requests.Get(("crc_token", "abc")));

        Assert.Equal(403, response!.StatusCode);
        Assert.DoesNotContain("response_token", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void TryHandshake_EmptyCrcToken_Returns400()
    {
        Assert.Equal(400, CreateSut().TryHandshake(Requests.Get(("crc_token", "")))!.StatusCode);
    }

    [Fact]
    public void TryHandshake_NotACrc_ReturnsNull()
    {
        Assert.Null(CreateSut().TryHandshake(Requests.Get()));
        Assert.Null(CreateSut().TryHandshake(Requests.Post("{}", query: new Dictionary<string, string> { ["crc_token"] = "a" })));
    }

    [Fact]
    public void Verify_UnicodeAndEscapesBody_IsValid()
    {
        var check = CreateSut().Verify(Signed(Encoding.UTF8.GetBytes(Body), BodySignature));

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_DirectMessageFixture_IsValid()
    {
        var check = CreateSut().Verify(Signed(Fixtures.Bytes("x/direct-message-events.json"), "sha256=3AURldb0l1tZvQ1K5ZbkXfYoNcVSBUbxQvuWs+L5/UY="));

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_TamperedBody_IsInvalid()
    {
        var check = CreateSut().Verify(Signed(Encoding.UTF8.GetBytes(Body.Replace("café", "cafe", StringComparison.Ordinal)), BodySignature));

        Assert.False(check.IsValid);
        Assert.Equal("signature does not match", check.Reason);
    }

    [Fact]
    public void Verify_HexInsteadOfBase64_IsInvalid()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var hex = "sha256=" + Convert.ToHexStringLower(Convert.FromBase64String(BodySignature["sha256=".Length..]));

        Assert.False(CreateSut().Verify(Signed(body, hex)).IsValid);
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("BeaMTYxsSQWnjj2m23yCF4ysY5tHidduIogMajcXP4I=", "must start with")]
    [InlineData("sha256=BeaMTYxsSQWnjj2m23yCF4ysY5tHidduIogMajcX", "not 32 bytes")]
    [InlineData("sha256=BeaMTYxsSQWnjj2m23yCF4ysY5tHidduIogMajcXP4IAAA==", "not 32 bytes")]
    [InlineData("sha256=!!!!", "not 32 bytes")]
    public void Verify_MissingOrMalformedSignature_IsInvalid(string? header, string reasonPart)
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var request = header is null ? Requests.Post(body) : Signed(body, header);

        var check = CreateSut().Verify(request);

        Assert.False(check.IsValid);
        Assert.Contains(reasonPart, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoConsumerSecret_RefusesEverything()
    {
        var body = Encoding.UTF8.GetBytes(Body);

        var check = CreateSut(secret: "").Verify(Signed(body, Sign.XHeader("", body)));

        Assert.False(check.IsValid);
        Assert.Equal("not configured", check.Reason);
    }
}
