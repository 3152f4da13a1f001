using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Platforms.WeChat;

/// <summary>
/// WeChat Official Account message push (服务器配置). Empty Token = not wired. Setting EncodingAesKey and AppId switches
/// the adapter to safe mode (安全模式): plain-mode deliveries are then refused.
/// </summary>
public sealed class WeChatWebhookOptions
{
    public const string SectionName = "Platforms:WeChat";

    /// <summary>The Token from the account's server configuration; signs the URL check and every push.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The 43-character EncodingAESKey (safe and compatible mode). Empty = plain mode.</summary>
    [RegularExpression("^[A-Za-z0-9+/]{43}$", ErrorMessage = "Platforms:WeChat:EncodingAesKey must be the 43-character EncodingAESKey from the WeChat console, or empty.")]
    public string EncodingAesKey { get; set; } = string.Empty;

    /// <summary>The account's AppID; decrypted messages must end with it.</summary>
    public string AppId { get; set; } = string.Empty;
}
