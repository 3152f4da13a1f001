using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.X;

/// <summary>X Account Activity API: CRC, <c>x-twitter-webhooks-signature</c>, v1.1-style activity events. See docs/platforms/x.md.</summary>
public sealed class XWebhookAdapter : IWebhookAdapter
{
    public const string SignatureHeader = "x-twitter-webhooks-signature";

    private const string SignaturePrefix = "sha256=";

    private readonly IOptionsMonitor<XWebhookOptions> _options;

    public XWebhookAdapter(IOptionsMonitor<XWebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public string Name => "x";

    /// <summary>The CRC response token: <c>sha256=</c> + base64 of HMAC-SHA256(consumer secret, crc_token).</summary>
    public static string ComputeResponseToken(string consumerSecret, string crcToken)
    {
        ArgumentNullException.ThrowIfNull(crcToken);
        return SignaturePrefix + Convert.ToBase64String(WebhookCrypto.HmacSha256(consumerSecret, Encoding.UTF8.GetBytes(crcToken)));
    }

    /// <summary><c>GET ?crc_token=...</c> → 200 <c>{"response_token":"sha256=..."}</c>.</summary>
    public WebhookResponse? TryHandshake(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var crcToken = request.QueryValue("crc_token");
        if (!request.IsGet || crcToken is null)
        {
            return null;
        }

        var secret = _options.CurrentValue.ConsumerSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return HandshakeResponses.NotConfigured();
        }

        if (crcToken.Length == 0)
        {
            return HandshakeResponses.BadRequest("crc_token is empty");
        }

        // Base64 needs no JSON escaping, so the body is written as is (a serializer would escape '+' as \u002B).
        return WebhookResponse.Json("{\"response_token\":\"" + ComputeResponseToken(secret, crcToken) + "\"}");
    }

    /// <summary><c>x-twitter-webhooks-signature: sha256=&lt;base64 HMAC-SHA256(consumer secret, raw body)&gt;</c>.</summary>
    public SignatureCheck Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var secret = _options.CurrentValue.ConsumerSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return SignatureCheck.Invalid("not configured");
        }

        var header = request.Header(SignatureHeader);
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Invalid($"missing {SignatureHeader} header");
        }

        if (!WebhookCrypto.TryStripPrefix(header, SignaturePrefix, out var base64))
        {
            return SignatureCheck.Invalid($"{SignatureHeader} must start with {SignaturePrefix}");
        }

        if (!WebhookCrypto.TryDecodeBase64(base64, HMACSHA256.HashSizeInBytes, out var presented))
        {
            return SignatureCheck.Invalid($"{SignatureHeader} is not 32 bytes of base64");
        }

        var expected = WebhookCrypto.HmacSha256(secret, request.Body.Span);
        return WebhookCrypto.FixedTimeEquals(expected, presented)
            ? SignatureCheck.Valid
            : SignatureCheck.Invalid("signature does not match");
    }

    public ParsedDelivery Parse(WebhookRequest request, string rawDeliveryRef)
    {
        ArgumentNullException.ThrowIfNull(request);
        return XPayloadParser.Parse(request.Body, rawDeliveryRef);
    }
}
