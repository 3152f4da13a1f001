using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.WeChat.Messaging;

/// <summary>WeChat Official Account customer-service messages (客服消息).</summary>
public sealed class WeChatMessagingOptions
{
    public const string SectionName = "Messaging:WeChat";

    /// <summary>WeChat API root. Default https://api.weixin.qq.com (tests point it at a local fake).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.weixin.qq.com";

    /// <summary>
    /// Account id (the original id gh_..., as in the brand's accounts) → the account's AppID and AppSecret (secret from
    /// Key Vault). With these the app fetches access tokens itself (<c>POST /cgi-bin/stable_token</c>) and renews them
    /// before they expire; this is the production setting. WeChat only answers token calls from whitelisted server IPs.
    /// </summary>
    public Dictionary<string, WeChatAppCredentials> Apps { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Account id → a static access_token, used only for accounts without <see cref="Apps"/> credentials. WeChat access
    /// tokens expire after about two hours, so this suits tests and short trials only.
    /// </summary>
    public Dictionary<string, string> AccessTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Seconds to wait for WeChat before giving up (RetryLater). Default 15.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;
}

/// <inheritdoc cref="WeChatMessagingOptions"/>
[OptionsValidator]
internal sealed partial class WeChatMessagingOptionsAnnotationsValidator : IValidateOptions<WeChatMessagingOptions>;

/// <summary>URL and token map of <see cref="WeChatMessagingOptions"/>.</summary>
internal sealed class WeChatMessagingOptionsValidator : IValidateOptions<WeChatMessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, WeChatMessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        MessagingOptionsValidation.Url(errors, $"{WeChatMessagingOptions.SectionName}:ApiBaseUrl", options.ApiBaseUrl);
        MessagingOptionsValidation.Tokens(errors, $"{WeChatMessagingOptions.SectionName}:AccessTokens", options.AccessTokens);
        foreach (var (id, app) in options.Apps)
        {
            var setting = $"{WeChatMessagingOptions.SectionName}:Apps:{id}";
            if (string.IsNullOrWhiteSpace(app.AppId) || string.IsNullOrWhiteSpace(app.AppSecret))
            {
                errors.Add($"{setting}: set both AppId and AppSecret, or remove the entry.");
            }
        }

        return MessagingOptionsValidation.Result(errors);
    }
}

/// <summary>An account's AppID and AppSecret (the secret from Key Vault).</summary>
public sealed class WeChatAppCredentials
{
    public string AppId { get; set; } = string.Empty;

    public string AppSecret { get; set; } = string.Empty;
}

/// <summary>
/// Supplies the WeChat access_token of an account. The default (<see cref="WeChatStableTokenProvider"/>) fetches and
/// caches tokens for accounts with AppID/AppSecret and falls back to <see cref="WeChatMessagingOptions.AccessTokens"/>.
/// </summary>
public interface IWeChatAccessTokenProvider
{
    /// <summary>The current token for <paramref name="accountId"/>, or why there is none.</summary>
    ValueTask<AccessTokenResult> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// WeChat rejected <paramref name="rejectedToken"/> as invalid or expired: a token different from it, or a failure
    /// (static tokens cannot be renewed).
    /// </summary>
    ValueTask<AccessTokenResult> RenewAsync(string accountId, string rejectedToken, CancellationToken cancellationToken);
}
