using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Core.Triage;

/// <summary>
/// How urgency is scored for a brand. Every factor contributes <c>weight × strength</c> (0..1) and the
/// contributions combine as a noisy-OR (<c>1 − Π(1 − cᵢ)</c>): one strong factor is enough to be urgent,
/// several weak ones add up, and the score never leaves 0..1. The defaults are documented in docs/urgency.md.
/// </summary>
public sealed record UrgencyPolicy
{
    public string Version { get; init; } = "default-2";

    /// <summary>At or above this score a case is urgent.</summary>
    public double Threshold { get; init; } = 0.6;

    public double SentimentWeight { get; init; } = 0.50;

    /// <summary>
    /// Reach is log-scaled between <see cref="ReachFloorFollowers"/> (strength 0) and <see cref="ReachFullFollowers"/>
    /// (strength 1): a few hundred followers add nothing, thousands count fully.
    /// </summary>
    public double ReachWeight { get; init; } = 0.45;

    /// <summary>Followers at or below which reach adds nothing. Default 300.</summary>
    public double ReachFloorFollowers { get; init; } = 300;

    /// <summary>Followers from which reach is full strength. Default 3,000 ("thousands of followers").</summary>
    public double ReachFullFollowers { get; init; } = 3_000;

    public double RepeatContactWeight { get; init; } = 0.30;

    public double UnansweredAgeWeight { get; init; } = 0.30;

    public double SpikeWeight { get; init; } = 0.40;

    /// <summary>Hours without an answer at which the age factor is full strength.</summary>
    public double UnansweredAgeFullHours { get; init; } = 24;

    /// <summary>Weight of each category when it is detected (scaled by its confidence).</summary>
    public IReadOnlyDictionary<string, double> CategoryWeights { get; init; } = new Dictionary<string, double>
    {
        [CareCategory.Safety] = 0.95,
        [CareCategory.Legal] = 0.85,
        [CareCategory.Security] = 0.80,
        [CareCategory.ServiceFailure] = 0.40,
        [CareCategory.Churn] = 0.40,
        [CareCategory.Billing] = 0.40,
        [CareCategory.Rumour] = 0.40,
        [CareCategory.PrivateHelp] = 0.35,
        [CareCategory.Question] = 0.10,
        [CareCategory.Praise] = 0.0,
        [CareCategory.Spam] = 0.0,
    };

    /// <summary>
    /// When true (the default) the categories outside <see cref="AlwaysEscalate"/> count once, by the strongest of them:
    /// service failure plus churn is one complaint, not two reasons to escalate. When false every category is its own
    /// noisy-OR term (the <c>default-1</c> behaviour).
    /// </summary>
    public bool CombineMinorCategoriesByMax { get; init; } = true;

    /// <summary>Categories that make a case urgent whatever its score.</summary>
    public IReadOnlySet<string> AlwaysEscalate { get; init; } = new HashSet<string> { CareCategory.Safety, CareCategory.Legal, CareCategory.Security };

    /// <summary>Categories that make a mention never urgent (unless an always-escalate category is present too).</summary>
    public IReadOnlySet<string> NeverEscalate { get; init; } = new HashSet<string> { CareCategory.Spam };

    /// <summary>Weight of the <c>vip</c> factor (the author is on <see cref="Vip"/>). Default 0.5.</summary>
    public double VipWeight { get; init; } = 0.5;

    /// <summary>VIP authors: "platform:authorId" keys ("x:2244994945") or "@handle", lower-case. Default none.</summary>
    public IReadOnlySet<string> Vip { get; init; } = new HashSet<string>();

    /// <summary>When true a VIP author's mention is urgent whatever its score. Default false (VIP only adds a factor).</summary>
    public bool VipAlwaysEscalates { get; init; }

    /// <summary>Weight of the <c>watch:keyword</c> and <c>watch:author</c> factors. Default 0.3.</summary>
    public double WatchListWeight { get; init; } = 0.3;

    /// <summary>Watched keywords and phrases (whole words, any language). Default none.</summary>
    public IReadOnlyList<PolicyPattern> WatchKeywords { get; init; } = [];

    /// <summary>Watched authors, as <see cref="Vip"/>. Default none.</summary>
    public IReadOnlySet<string> WatchAuthors { get; init; } = new HashSet<string>();

    /// <summary>Keyword rules per language; each match adds a <c>rule:{id}</c> factor. Default none.</summary>
    public IReadOnlyList<KeywordRule> KeywordRules { get; init; } = [];

    /// <summary>When set, urgent cases not forced by an always-escalate rule are deferred to the end of the window. Default none.</summary>
    public QuietHours? QuietHours { get; init; }

    public static UrgencyPolicy Default { get; } = new();
}
