using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Cases;

/// <summary>
/// A Forrester-style social technographics role, derived from what we have seen an author do towards the brands we
/// serve (not from a survey). The rule is <see cref="AuthorRoles.Derive"/>; docs/storage.md explains it.
/// </summary>
public enum AuthorRole
{
    /// <summary>Seen once: mostly watching, this was their first word to us.</summary>
    Spectator,

    /// <summary>Comes back (two or more contacts) without a stronger pattern.</summary>
    Joiner,

    /// <summary>Talks to us often (five or more contacts), in replies, comments or private messages.</summary>
    Conversationalist,

    /// <summary>Reacts with opinions: most of their public contacts carry a clear sentiment.</summary>
    Critic,

    /// <summary>Starts public conversations about the brand: posts and mentions of their own.</summary>
    Creator,
}

/// <summary>What one mention tells us about its author; applied to the profile once per mention.</summary>
public sealed record AuthorActivity(
    Platform Platform,
    string AuthorId,
    string? Handle,
    string? DisplayName,
    long? Followers,
    MentionKind Kind,
    Sentiment Sentiment,
    DateTimeOffset At,
    string DedupKey);

/// <summary>What we know about one author on one platform, across brands.</summary>
public sealed record AuthorProfile
{
    /// <summary>How many recent mention keys are remembered so a retried mention is not counted twice.</summary>
    public const int RecentKeysKept = 32;

    public required Platform Platform { get; init; }

    public required string AuthorId { get; init; }

    public string? Handle { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The latest follower count a payload carried.</summary>
    public long? Followers { get; init; }

    public int Positive { get; init; }

    public int Neutral { get; init; }

    public int Negative { get; init; }

    public int Mixed { get; init; }

    /// <summary>Public mentions and posts the author started (kinds Mention and Post).</summary>
    public int Originals { get; init; }

    /// <summary>Comments and replies.</summary>
    public int Responses { get; init; }

    /// <summary>Private messages.</summary>
    public int Private { get; init; }

    public int Mentions => Positive + Neutral + Negative + Mixed;

    public DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset LastSeen { get; init; }

    /// <summary>Ids of the author's open cases (any brand), newest first; filled by the store on read.</summary>
    public IReadOnlyList<string> OpenCaseIds { get; init; } = [];

    /// <summary>Short hashes of the last mentions applied (idempotency).</summary>
    public IReadOnlyList<string> RecentKeys { get; init; } = [];

    public AuthorRole Role => AuthorRoles.Derive(this);

    public string? Version { get; init; }

    public static AuthorProfile Empty(Platform platform, string authorId) => new() { Platform = platform, AuthorId = authorId };

    /// <summary>Counts one mention into the profile; a mention already counted (same key) changes nothing.</summary>
    public AuthorProfile Apply(AuthorActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var key = ShortKey(activity.DedupKey);
        if (RecentKeys.Contains(key))
        {
            return this;
        }

        var first = Mentions == 0 || activity.At < FirstSeen ? activity.At : FirstSeen;
        var newer = Mentions == 0 || activity.At >= LastSeen;
        return this with
        {
            Handle = newer && activity.Handle is not null ? activity.Handle : Handle ?? activity.Handle,
            DisplayName = newer && activity.DisplayName is not null ? activity.DisplayName : DisplayName ?? activity.DisplayName,
            Followers = newer && activity.Followers is not null ? activity.Followers : Followers ?? activity.Followers,
            Positive = Positive + (activity.Sentiment == Sentiment.Positive ? 1 : 0),
            Neutral = Neutral + (activity.Sentiment == Sentiment.Neutral ? 1 : 0),
            Negative = Negative + (activity.Sentiment == Sentiment.Negative ? 1 : 0),
            Mixed = Mixed + (activity.Sentiment == Sentiment.Mixed ? 1 : 0),
            Originals = Originals + (activity.Kind is MentionKind.Mention or MentionKind.Post ? 1 : 0),
            Responses = Responses + (activity.Kind is MentionKind.Comment or MentionKind.Reply ? 1 : 0),
            Private = Private + (activity.Kind == MentionKind.DirectMessage ? 1 : 0),
            FirstSeen = first,
            LastSeen = newer ? activity.At : LastSeen,
            RecentKeys = RecentKeys.Append(key).TakeLast(RecentKeysKept).ToList(),
        };
    }

    internal static string ShortKey(string dedupKey) => CaseMention.KeyFor(DateTimeOffset.UnixEpoch, dedupKey)[^12..];
}

/// <summary>The rule that maps behaviour to a <see cref="AuthorRole"/>. First match wins, from Creator down.</summary>
public static class AuthorRoles
{
    public static AuthorRole Derive(AuthorProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var total = profile.Mentions;
        var publicCount = profile.Originals + profile.Responses;
        var opinionated = profile.Positive + profile.Negative + profile.Mixed;
        if (profile.Originals >= 3 && profile.Originals * 2 >= publicCount)
        {
            return AuthorRole.Creator;
        }

        if (publicCount >= 2 && total > 0 && opinionated * 10 >= total * 6)
        {
            return AuthorRole.Critic;
        }

        if (total >= 5)
        {
            return AuthorRole.Conversationalist;
        }

        return total >= 2 ? AuthorRole.Joiner : AuthorRole.Spectator;
    }
}
