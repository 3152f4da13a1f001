using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Core.Watch.Application;

/// <summary>The quiet-hours re-check timer (<c>Watch:DeferredTriage</c>).</summary>
public sealed class DeferredTriageOptions
{
    public const string SectionName = "Watch:DeferredTriage";

    /// <summary>Open, not urgent cases read per brand and run at most, highest score first. Default 500.</summary>
    [Range(1, 100_000)]
    public int MaxCasesPerBrand { get; set; } = 500;

    /// <summary>
    /// Deferred cases opened longer ago than this many days are left alone (a replay of old deliveries must not page
    /// anyone; the SLA watch still looks after them). Default 7.
    /// </summary>
    [Range(1, 3650)]
    public int MaxCaseAgeDays { get; set; } = 7;

    /// <summary>Conflicting case writes tolerated per case before it is left for the next run. Default 5.</summary>
    [Range(1, 50)]
    public int MaxUpdateAttempts { get; set; } = 5;
}
