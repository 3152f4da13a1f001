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
    /// The X app's OAuth 2.0 client id. With it and <see cref="RefreshTokens"/> the app renews user tokens itself
    /// (access tokens last about two hours; refresh tokens are single-use and rotate).
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>The OAuth 2.0 client secret of a confidential client (Basic authentication on the token endpoint); empty for a public client.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Brand X user id → a refresh token from authorising the brand account (scopes dm.write dm.read tweet.read
    /// tweet.write users.read offline.access), from Key Vault. Used once to start; after that the rotated tokens live in
    /// the shared token store. Putting a different token here re-authorises the account.
    /// </summary>
    public Dictionary<string, string> RefreshTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Brand X user id → a static OAuth 2.0 user-context access token, used only for accounts without
    /// <see cref="RefreshTokens"/>. These expire after about two hours: tests and short trials only.
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
        MessagingOptionsValidation.Tokens(errors, $"{XMessagingOptions.SectionName}:RefreshTokens", options.RefreshTokens);
        if (options.RefreshTokens.Count > 0 && string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{XMessagingOptions.SectionName}:ClientId is required to renew tokens from {XMessagingOptions.SectionName}:RefreshTokens.");
        }

        return MessagingOptionsValidation.Result(errors);
    }
}
