using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Watch.Influence;

/// <summary>
/// One thing an author did towards a brand (a mention, comment, reply, message), with what we knew about them at the
/// time. The application maps mentions and their classification onto it.
/// </summary>
/// <param name="BrandId">The brand addressed.</param>
/// <param name="Platform">Where.</param>
/// <param name="AuthorId">The platform's author id.</param>
/// <param name="At">When.</param>
/// <param name="Kind">What it was.</param>
/// <param name="Sentiment">−1 (negative) .. +1 (positive), e.g. positive score minus negative score.</param>
/// <param name="Followers">Follower count at the time, when the payload carried it.</param>
/// <param name="Handle">@handle, when known.</param>
/// <param name="Interactions">Likes, shares and replies the activity itself received, when known.</param>
public sealed record AuthorActivity(
    string BrandId,
    Platform Platform,
    string AuthorId,
    DateTimeOffset At,
    MentionKind Kind,
    double Sentiment,
    long? Followers = null,
    string? Handle = null,
    int Interactions = 0)
{
    /// <summary>platform:authorId, lower-case platform.</summary>
    public string AuthorKey => $"{Platform.ToString().ToLowerInvariant()}:{AuthorId}";
}

/// <summary>How an author stands towards the brand.</summary>
public enum AuthorRole
{
    Critic,
    Neutral,
    Advocate,
}
