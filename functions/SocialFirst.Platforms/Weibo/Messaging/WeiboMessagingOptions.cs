using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.Weibo.Messaging;

/// <summary>Weibo fan-service private messages (粉丝服务平台 私信).</summary>
public sealed class WeiboMessagingOptions
{
    public const string SectionName = "Messaging:Weibo";

    /// <summary>Reply endpoint for private messages. Default https://m.api.weibo.com/2/messages/reply.json.</summary>
    public string ReplyUrl { get; set; } = "https://m.api.weibo.com/2/messages/reply.json";

    /// <summary>
    /// Reply endpoint for @mention events (needs Weibo's separate authorisation). Default
    /// https://c.api.weibo.com/2/messages/reply/biz.json. Empty = use <see cref="ReplyUrl"/>.
    /// </summary>
    public string MentionReplyUrl { get; set; } = "https://c.api.weibo.com/2/messages/reply/biz.json";

    /// <summary>Brand Weibo uid → the fan-service access_token from the developer page. Secrets: Key Vault references.</summary>
    public Dictionary<string, string> AccessTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Keep a copy in the brand's sent box (save_sender_box=1). Default true.</summary>
    public bool SaveSenderBox { get; set; } = true;

    /// <summary>Seconds to wait for Weibo before giving up (RetryLater). Default 15.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;
}

/// <inheritdoc cref="WeiboMessagingOptions"/>
[OptionsValidator]
internal sealed partial class WeiboMessagingOptionsAnnotationsValidator : IValidateOptions<WeiboMessagingOptions>;

/// <summary>URLs and token map of <see cref="WeiboMessagingOptions"/>.</summary>
internal sealed class WeiboMessagingOptionsValidator : IValidateOptions<WeiboMessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, WeiboMessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        MessagingOptionsValidation.Url(errors, $"{WeiboMessagingOptions.SectionName}:ReplyUrl", options.ReplyUrl);
        MessagingOptionsValidation.Url(errors, $"{WeiboMessagingOptions.SectionName}:MentionReplyUrl", options.MentionReplyUrl, allowEmpty: true);
        MessagingOptionsValidation.Tokens(errors, $"{WeiboMessagingOptions.SectionName}:AccessTokens", options.AccessTokens);
        return MessagingOptionsValidation.Result(errors);
    }
}
