namespace SocialFirst.Platforms.Meta;

/// <summary>
/// Meta webhooks (Facebook Pages, Messenger, Instagram). Empty values mean "not wired": the adapter then refuses the
/// handshake and every delivery.
/// </summary>
public sealed class MetaWebhookOptions
{
    public const string SectionName = "Platforms:Meta";

    /// <summary>The Meta app secret: the key of <c>X-Hub-Signature-256</c>.</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>
    /// Optional Instagram app secret, for apps using "Instagram API with Instagram Login", whose deliveries are
    /// signed with it instead of the Meta app secret. A delivery is accepted when it matches either secret.
    /// </summary>
    public string InstagramAppSecret { get; set; } = string.Empty;

    /// <summary>The "Verify Token" typed into the app dashboard; echoed back by Meta as <c>hub.verify_token</c>.</summary>
    public string VerifyToken { get; set; } = string.Empty;
}
