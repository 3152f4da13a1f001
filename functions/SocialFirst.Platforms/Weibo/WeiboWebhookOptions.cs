namespace SocialFirst.Platforms.Weibo;

/// <summary>Weibo fan-service push (粉丝服务平台). Empty = not wired: URL check and every delivery are refused.</summary>
public sealed class WeiboWebhookOptions
{
    public const string SectionName = "Platforms:Weibo";

    /// <summary>The App Secret of the app key entered in the fan-service developer settings; Weibo has no separate token.</summary>
    public string AppSecret { get; set; } = string.Empty;
}
