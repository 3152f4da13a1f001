using SocialFirst.Core.Classification;

namespace SocialFirst.Core.Triage;

/// <summary>
/// How urgency is scored for a brand. Every factor contributes <c>weight × strength</c> (0..1) and the
/// contributions combine as a noisy-OR (<c>1 − Π(1 − cᵢ)</c>): one strong factor is enough to be urgent,
/// several weak ones add up, and the score never leaves 0..1. The defaults are documented in docs/urgency.md.
/// </summary>
public sealed record UrgencyPolicy
{
    public string Version { get; init; } = "default-1";

    /// <summary>At or above this score a case is urgent.</summary>
    public double Threshold { get; init; } = 0.6;

    public double SentimentWeight { get; init; } = 0.45;

    /// <summary>Reach is log-scaled: 80 followers still count, a million count fully.</summary>
    public double ReachWeight { get; init; } = 0.25;

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
        [CareCategory.ServiceFailure] = 0.45,
        [CareCategory.Churn] = 0.45,
        [CareCategory.Billing] = 0.40,
        [CareCategory.Rumour] = 0.40,
        [CareCategory.PrivateHelp] = 0.35,
        [CareCategory.Question] = 0.10,
        [CareCategory.Praise] = 0.0,
        [CareCategory.Spam] = 0.0,
    };

    /// <summary>Categories that make a case urgent whatever its score.</summary>
    public IReadOnlySet<string> AlwaysEscalate { get; init; } = new HashSet<string> { CareCategory.Safety, CareCategory.Legal, CareCategory.Security };

    /// <summary>Categories that make a mention never urgent (unless an always-escalate category is present too).</summary>
    public IReadOnlySet<string> NeverEscalate { get; init; } = new HashSet<string> { CareCategory.Spam };

    public static UrgencyPolicy Default { get; } = new();
}
