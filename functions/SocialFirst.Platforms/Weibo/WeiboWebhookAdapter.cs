using Microsoft.Extensions.Options;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.Weibo;

/// <summary>
/// Weibo fan-service message push: URL check and per-push query signature (SHA-1 of sorted [app secret, timestamp,
/// nonce]), JSON bodies. See docs/platforms/weibo.md.
/// </summary>
public sealed class WeiboWebhookAdapter : IWebhookAdapter
{
    private readonly IOptionsMonitor<WeiboWebhookOptions> _options;

    public WeiboWebhookAdapter(IOptionsMonitor<WeiboWebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public string Name => "weibo";

    /// <summary>The signature of a push or URL check (the documented example: xyz123xyz, 1397022061823, 57155157 → 90e4c2...).</summary>
    public static string ComputeSignature(string appSecret, string timestamp, string nonce) =>
        WebhookCrypto.SortedSha1Hex(appSecret, timestamp, nonce);

    public WebhookResponse? TryHandshake(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var echostr = request.QueryValue("echostr");
        if (!request.IsGet || echostr is null)
        {
            return null;
        }

        var secret = _options.CurrentValue.AppSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return HandshakeResponses.NotConfigured();
        }

        return SignatureMatches(request, secret)
            ? WebhookResponse.Ok(echostr)
            : HandshakeResponses.Forbidden("signature does not match");
    }

    /// <summary>The query signature; like WeChat's plain mode it does not cover the body (see the docs).</summary>
    public SignatureCheck Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var secret = _options.CurrentValue.AppSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return SignatureCheck.Invalid("not configured");
        }

        if (request.QueryValue("signature") is null)
        {
            return SignatureCheck.Invalid("missing signature");
        }

        if (request.QueryValue("timestamp") is null || request.QueryValue("nonce") is null)
        {
            return SignatureCheck.Invalid("missing timestamp or nonce");
        }

        return SignatureMatches(request, secret) ? SignatureCheck.Valid : SignatureCheck.Invalid("signature does not match");
    }

    public ParsedDelivery Parse(WebhookRequest request, string rawDeliveryRef)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WeiboPayloadParser.Parse(request.Body, rawDeliveryRef);
    }

    private static bool SignatureMatches(WebhookRequest request, string secret)
    {
        var timestamp = request.QueryValue("timestamp");
        var nonce = request.QueryValue("nonce");
        return timestamp is not null && nonce is not null
            && WebhookCrypto.SortedSha1Matches(request.QueryValue("signature"), secret, timestamp, nonce);
    }
}
