using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.Meta;

/// <summary>
/// Meta Graph API webhooks: Page <c>feed</c> and <c>mention</c>, Messenger, Instagram comments, mentions and
/// messages. See docs/platforms/meta.md.
/// </summary>
public sealed class MetaWebhookAdapter : IWebhookAdapter
{
    public const string SignatureHeader = "X-Hub-Signature-256";

    private const string SignaturePrefix = "sha256=";

    private readonly IOptionsMonitor<MetaWebhookOptions> _options;

    public MetaWebhookAdapter(IOptionsMonitor<MetaWebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public string Name => "meta";

    /// <summary>
    /// <c>GET ?hub.mode=subscribe&amp;hub.verify_token=...&amp;hub.challenge=...</c> → 200 text/plain with the challenge.
    /// </summary>
    public WebhookResponse? TryHandshake(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mode = request.QueryValue("hub.mode");
        var token = request.QueryValue("hub.verify_token");
        var challenge = request.QueryValue("hub.challenge");
        if (!request.IsGet || (mode is null && token is null && challenge is null))
        {
            return null;
        }

        var configured = _options.CurrentValue.VerifyToken;
        if (string.IsNullOrEmpty(configured))
        {
            return HandshakeResponses.NotConfigured();
        }

        if (!WebhookCrypto.SecretEquals(configured, token))
        {
            return HandshakeResponses.Forbidden("hub.verify_token does not match");
        }

        if (!string.Equals(mode, "subscribe", StringComparison.Ordinal))
        {
            return HandshakeResponses.BadRequest("hub.mode must be subscribe");
        }

        if (string.IsNullOrEmpty(challenge))
        {
            return HandshakeResponses.BadRequest("hub.challenge is missing");
        }

        return WebhookResponse.Ok(challenge);
    }

    /// <summary>
    /// <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256(app secret, raw body)&gt;</c>, checked against the app
    /// secret and, when configured, the Instagram app secret.
    /// </summary>
    public SignatureCheck Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = _options.CurrentValue;
        if (string.IsNullOrEmpty(options.AppSecret) && string.IsNullOrEmpty(options.InstagramAppSecret))
        {
            return SignatureCheck.Invalid("not configured");
        }

        var header = request.Header(SignatureHeader);
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Invalid($"missing {SignatureHeader} header");
        }

        if (!WebhookCrypto.TryStripPrefix(header, SignaturePrefix, out var hex))
        {
            return SignatureCheck.Invalid($"{SignatureHeader} must start with {SignaturePrefix}");
        }

        if (!WebhookCrypto.TryDecodeHex(hex, HMACSHA256.HashSizeInBytes, out var presented))
        {
            return SignatureCheck.Invalid($"{SignatureHeader} is not 32 bytes of hex");
        }

        var body = request.Body.Span;
        var matches = false;
        if (!string.IsNullOrEmpty(options.AppSecret))
        {
            matches |= WebhookCrypto.FixedTimeEquals(WebhookCrypto.HmacSha256(options.AppSecret, body), presented);
        }

        if (!string.IsNullOrEmpty(options.InstagramAppSecret))
        {
            matches |= WebhookCrypto.FixedTimeEquals(WebhookCrypto.HmacSha256(options.InstagramAppSecret, body), presented);
        }

        return matches ? SignatureCheck.Valid : SignatureCheck.Invalid("signature does not match");
    }

    public ParsedDelivery Parse(WebhookRequest request, string rawDeliveryRef)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MetaPayloadParser.Parse(request.Body, rawDeliveryRef);
    }
}
