using SocialFirst.Core.Mentions;
using InfluenceRole = SocialFirst.Core.Watch.Influence.AuthorRole;

namespace SocialFirst.Core.Watch.Application;

/// <summary>Which ranking to show.</summary>
public enum InfluenceList
{
    /// <summary>Critics, by influence × how negative they are.</summary>
    Critic,

    /// <summary>Advocates, by influence × how positive they are.</summary>
    Advocate,

    /// <summary>Authors whose activity this week grew most against the week before.</summary>
    Rising,
}

/// <summary>One part of an author's influence: <c>Contribution = Strength × Weight</c>; the contributions add up to the influence.</summary>
/// <param name="Factor">reach or engagement.</param>
/// <param name="Strength">0..1.</param>
/// <param name="Weight">The policy's weight.</param>
/// <param name="Contribution">Strength × weight.</param>
/// <param name="Detail">Where the strength comes from, in words (never a text the author wrote).</param>
public sealed record InfluenceFactor(string Factor, double Strength, double Weight, double Contribution, string Detail);

/// <summary>One author in a ranking, with the numbers that put them there.</summary>
/// <param name="Rank">1 for the first.</param>
/// <param name="Platform">Where.</param>
/// <param name="AuthorId">The platform's author id.</param>
/// <param name="Handle">The latest handle seen, when known.</param>
/// <param name="Followers">The latest follower count seen, when known.</param>
/// <param name="Role">Critic, advocate or neutral (from the weighted sentiment).</param>
/// <param name="Score">What the list is ordered by: influence × −sentiment (critics), influence × sentiment (advocates), growth (rising).</param>
/// <param name="Influence">0..1: the sum of the factors' contributions.</param>
/// <param name="Reach">0..1: log-scaled followers.</param>
/// <param name="Engagement">0..1: decayed, kind-weighted mentions to the brand.</param>
/// <param name="Sentiment">−1..1: recency-weighted mean.</param>
/// <param name="SentimentTrend">Mean of the last 7 days minus the mean before (null unless both exist); negative = souring.</param>
/// <param name="Mentions">Mentions to the brand in the look-back window.</param>
/// <param name="ThisWeek">Kind-weighted mentions in the last 7 days.</param>
/// <param name="PreviousWeek">Kind-weighted mentions in the 7 days before.</param>
/// <param name="Growth">(this week − previous week) / (previous week + smoothing).</param>
/// <param name="Factors">Reach and engagement with their weights.</param>
/// <param name="Explanation">The score in one line of words and numbers.</param>
public sealed record Influencer(
    int Rank,
    Platform Platform,
    string AuthorId,
    string? Handle,
    long? Followers,
    InfluenceRole Role,
    double Score,
    double Influence,
    double Reach,
    double Engagement,
    double Sentiment,
    double? SentimentTrend,
    int Mentions,
    double ThisWeek,
    double PreviousWeek,
    double Growth,
    IReadOnlyList<InfluenceFactor> Factors,
    string Explanation);

/// <summary>A ranking of one brand's authors as of a moment.</summary>
/// <param name="BrandId">The brand.</param>
/// <param name="List">Which ranking.</param>
/// <param name="AsOf">The moment "now" in the computation.</param>
/// <param name="Since">Mentions from this time on were counted (as of − look-back).</param>
/// <param name="AuthorsRanked">Authors with at least one counted mention.</param>
/// <param name="CasesRead">Cases whose mentions were read.</param>
/// <param name="MentionsCounted">Mentions counted (deleted ones are not).</param>
/// <param name="Authors">The top of the list, best first.</param>
public sealed record InfluenceReport(
    string BrandId,
    InfluenceList List,
    DateTimeOffset AsOf,
    DateTimeOffset Since,
    int AuthorsRanked,
    int CasesRead,
    int MentionsCounted,
    IReadOnlyList<Influencer> Authors);
