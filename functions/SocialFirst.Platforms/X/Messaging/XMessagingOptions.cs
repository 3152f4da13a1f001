using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.X.Messaging;

/// <summary>Sending DMs and public replies through the X API v2 with an OAuth 2.0 user-context token per brand account.</summary>
public sealed class XMessagingOptions
{
    public const string SectionName = "Messaging:X";

    /// <summary>X API root. Default https://api.x.com (tests point it at a local fake).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.x.com";

    /// <summary>
    /// Brand X user id → OAuth 2.0 user-context access token of that account (scopes dm.write dm.read tweet.read
    /// tweet.write users.read). Secrets: from Key Vault references. Token refresh is not done here (see docs/escalation.md).
    /// </summary>
    public Dictionary<string, string> UserAccessTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Seconds to wait for X before giving up (RetryLater). Default 15.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;
}

/// <inheritdoc cref="XMessagingOptions"/>
[OptionsValidator]
internal sealed partial class XMessagingOptionsAnnotationsValidator : IValidateOptions<XMessagingOptions>;

/// <summary>URL and token map of <see cref="XMessagingOptions"/>.</summary>
internal sealed class XMessagingOptionsValidator : IValidateOptions<XMessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, XMessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        MessagingOptionsValidation.Url(errors, $"{XMessagingOptions.SectionName}:ApiBaseUrl", options.ApiBaseUrl);
        MessagingOptionsValidation.Tokens(errors, $"{XMessagingOptions.SectionName}:UserAccessTokens", options.UserAccessTokens);
        return MessagingOptionsValidation.Result(errors);
    }
}
