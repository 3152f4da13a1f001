using Microsoft.Extensions.Options;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.WeChat;

/// <summary>
/// WeChat Official Account message push: URL check, plain mode (query signature) and safe mode (msg_signature +
/// AES). See docs/platforms/wechat.md.
/// </summary>
public sealed class WeChatWebhookAdapter : IWebhookAdapter
{
    /// <summary>What WeChat wants when we do not answer passively: no retry, no "service unavailable" to the user.</summary>
    public const string Acknowledgement = "success";

    private readonly IOptionsMonitor<WeChatWebhookOptions> _options;

    public WeChatWebhookAdapter(IOptionsMonitor<WeChatWebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public string Name => "wechat";

    /// <summary>
    /// <c>GET ?signature&amp;timestamp&amp;nonce&amp;echostr</c>: signature = SHA-1 of sorted [token, timestamp, nonce]
    /// → 200 text/plain with echostr.
    /// </summary>
    public WebhookResponse? TryHandshake(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var echostr = request.QueryValue("echostr");
        if (!request.IsGet || echostr is null)
        {
            return null;
        }

        var token = _options.CurrentValue.Token;
        if (string.IsNullOrEmpty(token))
        {
            return HandshakeResponses.NotConfigured();
        }

        var timestamp = request.QueryValue("timestamp");
        var nonce = request.QueryValue("nonce");
        if (timestamp is null || nonce is null
            || !WebhookCrypto.SortedSha1Matches(request.QueryValue("signature"), token, timestamp, nonce))
        {
            return HandshakeResponses.Forbidden("signature does not match");
        }

        return WebhookResponse.Ok(echostr);
    }

    public SignatureCheck Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = _options.CurrentValue;
        if (string.IsNullOrEmpty(options.Token))
        {
            return SignatureCheck.Invalid("not configured");
        }

        var timestamp = request.QueryValue("timestamp");
        var nonce = request.QueryValue("nonce");
        if (timestamp is null || nonce is null)
        {
            return SignatureCheck.Invalid("missing timestamp or nonce");
        }

        var safeModeConfigured = !string.IsNullOrEmpty(options.EncodingAesKey);
        if (!IsEncrypted(request))
        {
            // In plain mode the signature covers token, timestamp and nonce only, not the body. Once safe mode is
            // configured, a plain delivery is a downgrade and is refused.
            if (safeModeConfigured)
            {
                return SignatureCheck.Invalid("plain-mode delivery refused: safe mode is configured");
            }

            var encryptType = request.QueryValue("encrypt_type");
            if (encryptType is not null && encryptType != "raw")
            {
                return SignatureCheck.Invalid("unsupported encrypt_type");
            }

            return WebhookCrypto.SortedSha1Matches(request.QueryValue("signature"), options.Token, timestamp, nonce)
                ? SignatureCheck.Valid
                : SignatureCheck.Invalid("signature does not match");
        }

        if (!WeChatMessageCrypto.TryCreate(options.Token, options.EncodingAesKey, options.AppId, out var crypto))
        {
            return SignatureCheck.Invalid("not configured for safe mode");
        }

        var msgSignature = request.QueryValue("msg_signature");
        if (string.IsNullOrEmpty(msgSignature))
        {
            return SignatureCheck.Invalid("missing msg_signature");
        }

        string? encrypted;
        try
        {
            encrypted = SafeXml.ReadFlat(request.Body).GetValueOrDefault("Encrypt");
        }
        catch (MalformedPayloadException)
        {
            return SignatureCheck.Invalid("encrypted body is not readable XML");
        }

        if (string.IsNullOrEmpty(encrypted))
        {
            return SignatureCheck.Invalid("missing <Encrypt>");
        }

        if (!crypto!.SignatureMatches(msgSignature, timestamp, nonce, encrypted))
        {
            return SignatureCheck.Invalid("msg_signature does not match");
        }

        return crypto.TryDecrypt(encrypted, out _, out var reason) ? SignatureCheck.Valid : SignatureCheck.Invalid(reason);
    }

    public ParsedDelivery Parse(WebhookRequest request, string rawDeliveryRef)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = SafeXml.ReadFlat(request.Body);
        if (IsEncrypted(request))
        {
            var options = _options.CurrentValue;
            if (!WeChatMessageCrypto.TryCreate(options.Token, options.EncodingAesKey, options.AppId, out var crypto))
            {
                throw new MalformedPayloadException("encrypted delivery but safe mode is not configured");
            }

            if (!crypto!.TryDecrypt(fields.GetValueOrDefault("Encrypt"), out var xml, out var reason))
            {
                throw new MalformedPayloadException(reason);
            }

            fields = SafeXml.ReadFlat(xml);
        }

        return WeChatMessageParser.Parse(fields, rawDeliveryRef);
    }

    /// <summary>A passive reply encrypted for safe mode (reply XML as WeChat documents it for 被动回复消息).</summary>
    public string BuildEncryptedReply(string replyXml, string timestamp, string nonce)
    {
        var options = _options.CurrentValue;
        if (!WeChatMessageCrypto.TryCreate(options.Token, options.EncodingAesKey, options.AppId, out var crypto))
        {
            throw new InvalidOperationException("WeChat safe mode is not configured (Token, EncodingAesKey, AppId).");
        }

        return crypto!.BuildEncryptedReply(replyXml, timestamp, nonce);
    }

    private static bool IsEncrypted(WebhookRequest request) =>
        string.Equals(request.QueryValue("encrypt_type"), "aes", StringComparison.OrdinalIgnoreCase);
}
