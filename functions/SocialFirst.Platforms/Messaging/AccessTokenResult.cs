using SocialFirst.Core.Escalation.Messaging;

namespace SocialFirst.Platforms.Messaging;

/// <summary>An access token, or why there is none (RetryLater when the platform could not be asked, NotPermitted when it refused).</summary>
public sealed record AccessTokenResult(string? Token, SendOutcome? Failure)
{
    public static AccessTokenResult Of(string token) => new(token, null);

    public static AccessTokenResult Unavailable(SendOutcome failure) => new(null, failure);

    /// <summary>
    /// A static token from configuration (the fallback for accounts without renewable credentials): refused when none
    /// is set or when it is the one the platform just rejected, naming <paramref name="renewableSetting"/> either way.
    /// </summary>
    public static AccessTokenResult Static(IReadOnlyDictionary<string, string> tokens, string accountId, string? rejected, string platform, string renewableSetting)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (!tokens.TryGetValue(accountId, out var token) || string.IsNullOrEmpty(token))
        {
            return Unavailable(SendOutcome.NotPermitted($"{platform}: no credentials for the account ({renewableSetting})"));
        }

        return string.Equals(token, rejected, StringComparison.Ordinal)
            ? Unavailable(SendOutcome.NotPermitted($"{platform}: the static access token was rejected; configure {renewableSetting} so tokens are renewed"))
            : Of(token);
    }
}
