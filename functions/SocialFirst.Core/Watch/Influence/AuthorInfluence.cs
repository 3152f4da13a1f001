using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Watch.Influence;

/// <summary>One author's standing with a brand.</summary>
/// <param name="AuthorKey">platform:authorId.</param>
/// <param name="Platform">Where.</param>
/// <param name="AuthorId">The platform's id.</param>
/// <param name="Handle">The latest known handle.</param>
/// <param name="Followers">The latest known follower count.</param>
/// <param name="Reach">0..1, log-scaled followers.</param>
/// <param name="Engagement">0..1, decayed weighted activity towards the brand (interactions amplify).</param>
/// <param name="Sentiment">−1..1, recency-weighted mean.</param>
/// <param name="SentimentTrend">Last week's mean minus the mean before, when both exist.</param>
/// <param name="Role">Advocate, critic or neutral.</param>
/// <param name="Influence">0..1: reach and engagement weighted.</param>
/// <param name="Activities">Activities counted.</param>
/// <param name="ThisWeek">Weighted activities in the last 7 days.</param>
/// <param name="PreviousWeek">Weighted activities in the 7 days before.</param>
/// <param name="Growth">(this week − previous week) / (previous week + smoothing).</param>
public sealed record AuthorInfluence(
    string AuthorKey,
    Platform Platform,
    string AuthorId,
    string? Handle,
    long? Followers,
    double Reach,
    double Engagement,
    double Sentiment,
    double? SentimentTrend,
    AuthorRole Role,
    double Influence,
    int Activities,
    double ThisWeek,
    double PreviousWeek,
    double Growth);

/// <summary>The ranked authors of one brand at one moment, with the usual queries.</summary>
public sealed record InfluenceBoard(string BrandId, DateTimeOffset AsOf, IReadOnlyList<AuthorInfluence> Authors, InfluencePolicy Policy)
{
    /// <summary>Critics by influence × how negative they are.</summary>
    public IReadOnlyList<AuthorInfluence> TopCritics(int count) =>
        Authors.Where(a => a.Role == AuthorRole.Critic)
            .OrderByDescending(a => a.Influence * -a.Sentiment)
            .ThenBy(a => a.AuthorKey, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    /// <summary>Advocates by influence × how positive they are.</summary>
    public IReadOnlyList<AuthorInfluence> TopAdvocates(int count) =>
        Authors.Where(a => a.Role == AuthorRole.Advocate)
            .OrderByDescending(a => a.Influence * a.Sentiment)
            .ThenBy(a => a.AuthorKey, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    /// <summary>Authors whose engagement this week grew against last week, with at least the policy's minimum this week; fastest growth first, then influence.</summary>
    public IReadOnlyList<AuthorInfluence> RisingVoices(int count) =>
        Authors.Where(a => a.ThisWeek >= Policy.RisingMinThisWeek && a.Growth > 0)
            .OrderByDescending(a => a.Growth)
            .ThenByDescending(a => a.Influence)
            .ThenBy(a => a.AuthorKey, StringComparer.Ordinal)
            .Take(count)
            .ToList();
}
