using System.ComponentModel.DataAnnotations;
using System.Globalization;
using SocialFirst.Core.Watch.Influence;

namespace SocialFirst.Core.Watch.Application;

/// <summary>
/// Settings of the key-opinion-leader ranking (<c>Watch:Influence</c>); docs/influencers.md explains them:
/// <code>
/// "Watch": { "Influence": { "LookbackDays": 90, "HalfLifeDays": 14, "ReachSaturationFollowers": 1000000, "MaxCases": 20000 } }
/// </code>
/// </summary>
public sealed class InfluenceOptions : IValidatableObject
{
    public const string SectionName = "Watch:Influence";

    /// <summary>Mentions older than this many days do not count. Default 90.</summary>
    [Range(7, 365)]
    public int LookbackDays { get; set; } = 90;

    /// <summary>
    /// Cases are found through the brand's by-age index, which is keyed by when a case opened. A case opened up to this
    /// many days before the look-back window can still hold mentions inside it (an author who keeps writing), so it is
    /// read too. Mentions in cases opened earlier are not counted. Default 30.
    /// </summary>
    [Range(0, 365)]
    public int CaseSpanDays { get; set; } = 30;

    /// <summary>A mention's weight halves every so many days (engagement and sentiment). Default 14.</summary>
    [Range(1, 365)]
    public double HalfLifeDays { get; set; } = 14;

    /// <summary>Followers at which reach is full (log-scaled below it). Default 1,000,000.</summary>
    [Range(10, 10_000_000_000)]
    public long ReachSaturationFollowers { get; set; } = 1_000_000;

    /// <summary>Mentions an author needs before they are a critic or an advocate rather than neutral. Default 2.</summary>
    [Range(1, 100)]
    public int MinActivitiesForRole { get; set; } = 2;

    /// <summary>Weighted sentiment (−1..1) at or above which an author is an advocate. Default 0.25.</summary>
    [Range(0.0, 1.0)]
    public double AdvocateFrom { get; set; } = 0.25;

    /// <summary>Weighted sentiment (−1..1) at or below which an author is a critic. Default −0.25.</summary>
    [Range(-1.0, 0.0)]
    public double CriticFrom { get; set; } = -0.25;

    /// <summary>Most cases one request may read (one partition range query each). A brand with more is refused with a message. Default 20,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxCases { get; set; } = 20_000;

    /// <summary>Most mentions read from one case (the oldest in the window are kept). Default 2,000.</summary>
    [Range(1, 100_000)]
    public int MaxMentionsPerCase { get; set; } = 2_000;

    /// <summary>
    /// Cases read at the same time (each read is one small query, so latency, not bandwidth, bounds a ranking). Default 16.
    /// On Azurite, 2,000 cases rank in about 1 s at 4 to 32 in flight alike (`socialfirst bench-influence`, docs/benchmarks.md).
    /// </summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 16;

    /// <summary>The ranking policy these settings describe (other values keep <see cref="InfluencePolicy.Default"/>).</summary>
    public InfluencePolicy ToPolicy() => InfluencePolicy.Default with
    {
        LookbackDays = LookbackDays,
        HalfLifeDays = HalfLifeDays,
        ReachSaturationFollowers = ReachSaturationFollowers,
        MinActivitiesForRole = MinActivitiesForRole,
        AdvocateFrom = AdvocateFrom,
        CriticFrom = CriticFrom,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AdvocateFrom <= CriticFrom)
        {
            yield return new ValidationResult(
                string.Create(CultureInfo.InvariantCulture, $"{SectionName}: AdvocateFrom ({AdvocateFrom}) must be above CriticFrom ({CriticFrom})"),
                [nameof(AdvocateFrom), nameof(CriticFrom)]);
        }
    }
}
