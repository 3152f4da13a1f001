using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.Meta.Messaging;

/// <summary>
/// Sending private replies and DMs through the Graph API (Facebook Pages, Messenger, Instagram). A page or Instagram
/// account without a token cannot be answered (the sender returns NotPermitted and says which setting is missing).
/// </summary>
public sealed class MetaMessagingOptions
{
    public const string SectionName = "Messaging:Meta";

    /// <summary>Graph API root. Default https://graph.facebook.com (tests point it at a local fake).</summary>
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>
    /// Graph root for Instagram accounts using "Instagram API with Instagram Login" (https://graph.instagram.com).
    /// Empty (default) = <see cref="GraphBaseUrl"/>, right for Instagram accounts linked to a Page (Facebook Login).
    /// </summary>
    public string InstagramGraphBaseUrl { get; set; } = string.Empty;

    /// <summary>Graph API version in the path. Default v21.0.</summary>
    [Required]
    [RegularExpression(@"^v\d{1,3}\.\d{1,2}$", ErrorMessage = "Messaging:Meta:ApiVersion must look like v21.0.")]
    public string ApiVersion { get; set; } = "v21.0";

    /// <summary>
    /// Page (or Instagram account) id → its Page access token with pages_messaging (Instagram: instagram_manage_messages).
    /// Secrets: set them from Key Vault references (Messaging__Meta__PageTokens__1234567890), never in files.
    /// </summary>
    public Dictionary<string, string> PageTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Seconds to wait for the Graph API before giving up (RetryLater). Default 15.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;
}

/// <inheritdoc cref="MetaMessagingOptions"/>
[OptionsValidator]
internal sealed partial class MetaMessagingOptionsAnnotationsValidator : IValidateOptions<MetaMessagingOptions>;

/// <summary>URLs and token map of <see cref="MetaMessagingOptions"/>.</summary>
internal sealed class MetaMessagingOptionsValidator : IValidateOptions<MetaMessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MetaMessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        MessagingOptionsValidation.Url(errors, $"{MetaMessagingOptions.SectionName}:GraphBaseUrl", options.GraphBaseUrl);
        MessagingOptionsValidation.Url(errors, $"{MetaMessagingOptions.SectionName}:InstagramGraphBaseUrl", options.InstagramGraphBaseUrl, allowEmpty: true);
        MessagingOptionsValidation.Tokens(errors, $"{MetaMessagingOptions.SectionName}:PageTokens", options.PageTokens);
        return MessagingOptionsValidation.Result(errors);
    }
}
