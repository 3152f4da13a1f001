using System.ComponentModel.DataAnnotations;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Watch.Application;

/// <summary>
/// The trend timer (<c>Watch:Trends</c>):
/// <code>
/// "Watch": { "Trends": { "Policy": { "WindowMinutes": 15, "MinCount": 5 }, "Brands": { "acme": { "TimeZoneId": "Europe/Ljubljana" } },
///                        "SettleSeconds": 60, "MaxBacklogHours": 48 } }
/// </code>
/// <see cref="Policy"/> holds the thresholds for every brand (defaults in <see cref="TrendPolicy"/>, docs/watch-trends.md);
/// an entry under <see cref="Brands"/> replaces it for that brand (unset values there take the defaults).
/// </summary>
public sealed class TrendWatchOptions : IValidatableObject
{
    public const string SectionName = "Watch:Trends";

    /// <summary>Detection thresholds for every brand without its own entry.</summary>
    public TrendPolicy Policy { get; set; } = new();

    /// <summary>Per brand id: a whole policy (unset values are the defaults, not <see cref="Policy"/>'s).</summary>
    public Dictionary<string, TrendPolicy> Brands { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A run reads observations recorded up to this many seconds ago and evaluates the windows complete by then, so a
    /// mention being recorded at the moment of the run is not missed. Default 60.
    /// </summary>
    [Range(0, 3600)]
    public int SettleSeconds { get; set; } = 60;

    /// <summary>A brand's first run, or one after a long outage, reads at most this many hours of observations. Default 48.</summary>
    [Range(1, 24 * 30)]
    public int MaxBacklogHours { get; set; } = 48;

    /// <summary>Conflicting state saves (another run saved first) tolerated per brand and run. Default 5.</summary>
    [Range(1, 50)]
    public int MaxSaveAttempts { get; set; } = 5;

    /// <summary>
    /// Effects (incident records, alerts, case notes) saved but not confirmed as delivered for this long are taken to be
    /// stranded by a crashed run and delivered again. Default 120.
    /// </summary>
    [Range(5, 3600)]
    public int EffectsLeaseSeconds { get; set; } = 120;

    /// <summary>Conflicting case writes tolerated per case note. Default 5.</summary>
    [Range(1, 50)]
    public int MaxCaseUpdateAttempts { get; set; } = 5;

    /// <summary>
    /// Observation partitions (hours of recording) are deleted once they end this many hours before the state's cursor:
    /// the counts are in the saved state by then, the margin covers clocks that disagree. Default 2.
    /// </summary>
    [Range(1, 48)]
    public int PurgeMarginHours { get; set; } = 2;

    /// <summary>Observation partitions (hours) deleted per brand and run at most; the rest go in later runs. 0 keeps everything. Default 48.</summary>
    [Range(0, 24 * 30)]
    public int MaxPurgedHoursPerRun { get; set; } = 48;

    /// <summary>Incidents returned by one listing. Default 200.</summary>
    [Range(1, 5000)]
    public int MaxListedIncidents { get; set; } = 200;

    public TrendPolicy PolicyFor(string brandId) => Brands.TryGetValue(brandId, out var own) ? own : Policy;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in Policy.Validate())
        {
            yield return new ValidationResult($"{SectionName}:Policy: {error}", [nameof(Policy)]);
        }

        foreach (var (brand, policy) in Brands)
        {
            foreach (var error in policy.Validate())
            {
                yield return new ValidationResult($"{SectionName}:Brands:{brand}: {error}", [nameof(Brands)]);
            }
        }
    }
}
