using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.WeChat.Messaging;

/// <summary>WeChat Official Account customer-service messages (客服消息).</summary>
public sealed class WeChatMessagingOptions
{
    public const string SectionName = "Messaging:WeChat";

    /// <summary>WeChat API root. Default https://api.weixin.qq.com (tests point it at a local fake).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.weixin.qq.com";

    /// <summary>
    /// Account id (the original id gh_..., as in the brand's accounts) → a current access_token. WeChat access tokens
    /// expire after about two hours: these static values are a stop-gap for the default
    /// <see cref="IWeChatAccessTokenProvider"/>; production should register a provider that fetches and caches tokens.
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
        return MessagingOptionsValidation.Result(errors);
    }
}

/// <summary>
/// Supplies the WeChat access_token of an account. The default reads <see cref="WeChatMessagingOptions.AccessTokens"/>;
/// a production provider calls the token endpoint with the AppID/AppSecret, caches the token until shortly before it
/// expires, and is shared by everything that calls WeChat (a new token invalidates the old one).
/// </summary>
public interface IWeChatAccessTokenProvider
{
    /// <summary>The current token for <paramref name="accountId"/>, or null when none is available.</summary>
    ValueTask<string?> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken);
}

/// <summary>The stop-gap provider: static tokens from configuration.</summary>
internal sealed class OptionsWeChatAccessTokenProvider(IOptionsMonitor<WeChatMessagingOptions> options) : IWeChatAccessTokenProvider
{
    public ValueTask<string?> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.CurrentValue.AccessTokens.TryGetValue(accountId, out var token) && !string.IsNullOrEmpty(token) ? token : null);
}
