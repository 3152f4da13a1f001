using System.ComponentModel.DataAnnotations;
using SocialFirst.Core.Classification;

namespace SocialFirst.Core.Watch.Trends;

/// <summary>
/// Thresholds of trend and crisis detection, as data (per brand if needed). The defaults and the reasons for them are
/// in docs/watch.md; the false-alarm rate they give is in docs/benchmarks.md ("Trend detection").
/// </summary>
public sealed record TrendPolicy
{
    public string Version { get; init; } = "trend-1";

    /// <summary>Bucket length in minutes; must divide a day. Default 15.</summary>
    [Range(1, 1440)]
    public int WindowMinutes { get; init; } = 15;

    /// <summary>Previous days whose same time of day forms the seasonal baseline. Default 14 (two of each weekday).</summary>
    [Range(1, 60)]
    public int BaselineDays { get; init; } = 14;

    /// <summary>Days of history needed before the seasonal baseline is used; until then the recent windows are. Default 2.</summary>
    [Range(1, 60)]
    public int MinBaselineDays { get; init; } = 2;

    /// <summary>Windows either side of the same time of day also taken into the seasonal baseline (steadier estimate). Default 1.</summary>
    [Range(0, 8)]
    public int NeighbourWindows { get; init; } = 1;

    /// <summary>Preceding windows that form the fallback baseline while history is short. Default 16 (four hours).</summary>
    [Range(2, 672)]
    public int FallbackWindows { get; init; } = 16;

    /// <summary>Preceding windows needed before anything is evaluated at all. Default 4.</summary>
    [Range(1, 672)]
    public int MinFallbackWindows { get; init; } = 4;

    /// <summary>
    /// Preceding windows whose volume, against the same windows on the baseline days, sets today's level (weekends,
    /// busy days); 0 turns the adjustment off. Default 16 (four hours).
    /// </summary>
    [Range(0, 672)]
    public int LevelWindows { get; init; } = 16;

    /// <summary>Mentions added to both sides of the level ratio so that quiet hours do not swing it. Default 20.</summary>
    [Range(0, 100_000)]
    public double LevelPseudoCount { get; init; } = 20;

    /// <summary>The level moves the seasonal baseline at most this factor up or down. Default 2.</summary>
    [Range(1.0, 10)]
    public double MaxLevelAdjustment { get; init; } = 2;

    /// <summary>Time zone (IANA id) whose local time of day the seasonal baseline follows, so DST does not shift the rhythm. Default "UTC".</summary>
    [Required]
    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>Fewest occurrences in a window for a term spike or a negative surge. Default 5.</summary>
    [Range(1, 10_000)]
    public int MinCount { get; init; } = 5;

    /// <summary>Fewest occurrences above the baseline mean. Default 4.</summary>
    [Range(0, 10_000)]
    public double MinIncrease { get; init; } = 4;

    /// <summary>Count over baseline at least this. Default 2.5.</summary>
    [Range(1.0, 1000)]
    public double MinRatio { get; init; } = 2.5;

    /// <summary>Tail probability under the baseline at or below which a count is significant. Default 1e-6.</summary>
    [Range(1e-15, 0.5)]
    public double PValue { get; init; } = 1e-6;

    /// <summary>Lowest baseline mean per window (a term never seen is not "infinitely" surprising). Default 0.2.</summary>
    [Range(0.01, 100)]
    public double BaselineFloor { get; init; } = 0.2;

    /// <summary>A key phrase takes part in a co-occurrence when it occurs at least this often in the window. Default 3.</summary>
    [Range(2, 10_000)]
    public int CoMinCount { get; init; } = 3;

    /// <summary>...and is itself rising at this (weaker) tail probability. Default 0.01.</summary>
    [Range(1e-15, 0.5)]
    public double CoTermPValue { get; init; } = 0.01;

    /// <summary>Two rising phrases are linked when at least this many mentions carry both. Default 3.</summary>
    [Range(2, 10_000)]
    public int CoMinSupport { get; init; } = 3;

    /// <summary>
    /// ...they appear together this many times more often than chance (lift, n·n(a∧b) / (n(a)·n(b))). Default 1.2:
    /// when an incident fills a quiet window every rising phrase is in most mentions and lift cannot exceed
    /// n / n(a), so a high bar would miss night-time incidents; the confidence rule does the real work.
    /// </summary>
    [Range(1.0, 10_000)]
    public double CoMinLift { get; init; } = 1.2;

    /// <summary>...and at least this share of the rarer phrase's mentions carry the other too (confidence). Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double CoMinConfidence { get; init; } = 0.5;

    /// <summary>
    /// The cluster's strongest pair (mentions carrying both) must have this tail probability against the rarer
    /// phrase's baseline (an upper bound of their usual co-occurrence). Default 1e-3: only phrases that already rise
    /// and link are tested, so there are few tests per window.
    /// </summary>
    [Range(1e-15, 0.5)]
    public double CoPValue { get; init; } = 1e-3;

    /// <summary>Largest cluster reported (the most supported phrases are kept). Default 8.</summary>
    [Range(2, 50)]
    public int MaxClusterTerms { get; init; } = 8;

    /// <summary>
    /// Tail probability of the negative count at or below which it is significant. Default 1e-4 (one series per
    /// window, not hundreds of terms, so a milder threshold keeps the same false-alarm rate).
    /// </summary>
    [Range(1e-15, 0.5)]
    public double NegativePValue { get; init; } = 1e-4;

    /// <summary>A negative surge needs the negative share at least this much above its usual share. Default 0.15.</summary>
    [Range(0.0, 1.0)]
    public double NegativeShareMinIncrease { get; init; } = 0.15;

    /// <summary>...and the share's binomial tail probability at or below this. Default 1e-3.</summary>
    [Range(1e-15, 0.5)]
    public double NegativeSharePValue { get; init; } = 1e-3;

    /// <summary>Signals whose mention sets overlap at least this much (overlap coefficient) become one alert. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double MergeOverlap { get; init; } = 0.5;

    /// <summary>After an alert, the same term does not raise a new alert for this long (it joins the incident if open). Default 120.</summary>
    [Range(0, 10_080)]
    public int CooldownMinutes { get; init; } = 120;

    /// <summary>An incident closes when none of its signals was significant for this long. Default 120.</summary>
    [Range(1, 10_080)]
    public int IncidentQuietMinutes { get; init; } = 120;

    /// <summary>Example mention ids per alert. Default 5.</summary>
    [Range(0, 100)]
    public int MaxExamples { get; init; } = 5;

    /// <summary>Mention and case ids kept on an incident (the count goes on). Default 200.</summary>
    [Range(1, 10_000)]
    public int MaxLinkedIds { get; init; } = 200;

    /// <summary>Terms kept per evaluated window in the state (the most frequent). Default 300.</summary>
    [Range(10, 100_000)]
    public int MaxStoredTermsPerWindow { get; init; } = 300;

    /// <summary>Mentions of one window kept for co-occurrence and examples (counts stay exact beyond). Default 5,000.</summary>
    [Range(10, 1_000_000)]
    public int MaxMentionsPerWindow { get; init; } = 5_000;

    /// <summary>Most windows evaluated in one run after a gap; older ones are skipped. Default 192 (two days).</summary>
    [Range(1, 10_000)]
    public int MaxCatchUpWindows { get; init; } = 192;

    /// <summary>Categories that raise an alert's severity when many of its mentions carry them.</summary>
    public IReadOnlyList<string> CriticalCategories { get; init; } = [CareCategory.Safety, CareCategory.Legal, CareCategory.Security];

    public static TrendPolicy Default { get; } = new();

    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);

    internal int WindowsPerDay => 1440 / WindowMinutes;

    /// <summary>Problems with the policy (empty when it is usable): range checks, a window that divides the day, a known time zone.</summary>
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        var errors = results.Select(r => r.ErrorMessage ?? "invalid").ToList();
        if (WindowMinutes > 0 && 1440 % WindowMinutes != 0)
        {
            errors.Add($"{nameof(WindowMinutes)} must divide 1440 (a day).");
        }

        if (MinBaselineDays > BaselineDays)
        {
            errors.Add($"{nameof(MinBaselineDays)} must not exceed {nameof(BaselineDays)}.");
        }

        if (MinFallbackWindows > FallbackWindows)
        {
            errors.Add($"{nameof(MinFallbackWindows)} must not exceed {nameof(FallbackWindows)}.");
        }

        if (!TimeZones.TryFind(TimeZoneId, out _))
        {
            errors.Add($"{nameof(TimeZoneId)} '{TimeZoneId}' is not a known time zone.");
        }

        return errors;
    }
}
