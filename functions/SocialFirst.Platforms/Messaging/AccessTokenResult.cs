using SocialFirst.Core.Escalation.Messaging;

namespace SocialFirst.Platforms.Messaging;

/// <summary>An access token, or why there is none (RetryLater when the platform could not be asked, NotPermitted when it refused).</summary>
public sealed record AccessTokenResult(string? Token, SendOutcome? Failure)
{
    public static AccessTokenResult Of(string token) => new(token, null);

    public static AccessTokenResult Unavailable(SendOutcome failure) => new(null, failure);
}
