namespace SocialFirst.Core.Ingestion;

/// <summary>
/// One platform's webhook rules: its subscription handshake, its signature scheme and its payload shapes.
/// Implementations live in SocialFirst.Platforms and are pure: no I/O, no clock except the one passed in.
/// </summary>
public interface IWebhookAdapter
{
    /// <summary>The route segment: meta, x, wechat, weibo or generic.</summary>
    string Name { get; }

    /// <summary>
    /// Answers a subscription handshake (Meta hub.challenge, X CRC, WeChat/Weibo echostr).
    /// Returns null when the request is not a handshake. Must refuse (403) when the configured secret is empty.
    /// </summary>
    WebhookResponse? TryHandshake(WebhookRequest request);

    /// <summary>Checks the signature over the raw body bytes in constant time.</summary>
    SignatureCheck Verify(WebhookRequest request);

    /// <summary>
    /// Turns a verified delivery into mentions. Throws <see cref="MalformedPayloadException"/> when it cannot be read.
    /// </summary>
    ParsedDelivery Parse(WebhookRequest request, string rawDeliveryRef);
}
