using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Watch.Influence;

/// <summary>How authors are ranked. Defaults and reasons in docs/watch.md.</summary>
public sealed record InfluencePolicy
{
    /// <summary>Followers at which reach is full (log-scaled below: 1,000 → 0.5, 100 → 0.33). Default 1,000,000.</summary>
    public long ReachSaturationFollowers { get; init; } = 1_000_000;

    /// <summary>An activity's weight halves every so many days (engagement and sentiment). Default 14.</summary>
    public double HalfLifeDays { get; init; } = 14;

    /// <summary>Activities older than this are ignored. Default 90.</summary>
    public int LookbackDays { get; init; } = 90;

    /// <summary>Decayed, weighted activity at which engagement reaches 63 % (1 − e⁻¹). Default 5.</summary>
    public double EngagementScale { get; init; } = 5;

    public double ReachWeight { get; init; } = 0.6;

    public double EngagementWeight { get; init; } = 0.4;

    /// <summary>Weighted sentiment at or above which an author is an advocate. Default 0.25.</summary>
    public double AdvocateFrom { get; init; } = 0.25;

    /// <summary>Weighted sentiment at or below which an author is a critic. Default −0.25.</summary>
    public double CriticFrom { get; init; } = -0.25;

    /// <summary>Activities needed before an author gets a role other than neutral. Default 2.</summary>
    public int MinActivitiesForRole { get; init; } = 2;

    /// <summary>Weighted activities this week needed to count as a rising voice. Default 3.</summary>
    public double RisingMinThisWeek { get; init; } = 3;

    /// <summary>Added to last week's count in the growth ratio, so 0 → 3 is not infinite growth. Default 2.</summary>
    public double RisingSmoothing { get; init; } = 2;

    /// <summary>How much each kind of activity counts. Public conversation counts more than a private message.</summary>
    public IReadOnlyDictionary<MentionKind, double> KindWeights { get; init; } = new Dictionary<MentionKind, double>
    {
        [MentionKind.Mention] = 1.0,
        [MentionKind.Post] = 1.0,
        [MentionKind.Comment] = 1.0,
        [MentionKind.Reply] = 1.2,
        [MentionKind.DirectMessage] = 0.5,
    };

    public static InfluencePolicy Default { get; } = new();

    internal double WeightOf(MentionKind kind) => KindWeights.TryGetValue(kind, out var w) ? w : 1.0;
}
