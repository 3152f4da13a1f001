using System.ComponentModel.DataAnnotations;
using System.Globalization;
using SocialFirst.Core.Watch.Sla;

namespace SocialFirst.Core.Watch.Application;

/// <summary>
/// Settings of the watch features, from the configuration section <c>Watch</c>:
/// <code>
/// "Watch": {
///   "Sla": {
///     "acme": { "TimeZoneId": "Europe/Ljubljana", "BusinessHours": { "Monday": [ "08:00-16:00" ] },
///               "Holidays": [ "2026-12-25" ], "Targets": { "High": { "FirstResponseMinutes": 30 } } }
///   },
///   "Metrics": { "MaxCases": 20000, "ReContactWindowDays": 7, "SettleDays": 14, "RollUpCasesPerRun": 50000 },
///   "SlaWatch": { "MaxCasesPerBrand": 2000 }
/// }
/// </code>
/// A brand without an entry under <c>Sla</c> uses <see cref="SlaPolicy.Default"/> (docs/watch.md lists the defaults).
/// </summary>
public sealed class WatchOptions : IValidatableObject
{
    public const string SectionName = "Watch";

    /// <summary>SLA policy per brand id. A brand not listed gets the default policy.</summary>
    public Dictionary<string, SlaPolicyOptions> Sla { get; } = new(StringComparer.OrdinalIgnoreCase);

    public CareMetricsOptions Metrics { get; set; } = new();

    public SlaWatchOptions SlaWatch { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (brand, policy) in Sla)
        {
            foreach (var error in policy.Errors())
            {
                yield return new ValidationResult($"{SectionName}:Sla:{brand}: {error}", [nameof(Sla)]);
            }
        }

        foreach (var r in Check(Metrics, "Metrics").Concat(Check(SlaWatch, "SlaWatch")))
        {
            yield return r;
        }
    }

    private static IEnumerable<ValidationResult> Check(object section, string name)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult($"{SectionName}:{name}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}", [name]));
    }
}

/// <summary>Care metrics (<c>Watch:Metrics</c>).</summary>
public sealed class CareMetricsOptions
{
    /// <summary>
    /// Most cases one metrics request may read live (each is one point read; rolled-up days do not count). A longer
    /// period is refused with a message asking for a shorter one. Default 20,000.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxCases { get; set; } = 20_000;

    /// <summary>A new case by the same author with the same brand within this many days after a resolution counts as a re-contact. Default 7.</summary>
    [Range(0, 90)]
    public int ReContactWindowDays { get; set; } = 7;

    /// <summary>Cases read at the same time. Default 8.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 8;

    /// <summary>
    /// Use the daily roll-up (table <c>caredays</c>, written by the <c>CareRollUp</c> timer) for settled days; false reads
    /// every case live, as before. Default true.
    /// </summary>
    public bool UseRollUp { get; set; } = true;

    /// <summary>
    /// A UTC day is settled, and rolled up, once its end is this many days in the past. Null (the default): the re-contact
    /// window + 7, so the cases of the day rarely change any more (docs/watch.md, "Daily roll-up").
    /// </summary>
    [Range(1, 3650)]
    public int? SettleDays { get; set; }

    /// <summary>Cases read per roll-up run at most (all brands); a day is always rolled up whole. Default 50,000.</summary>
    [Range(1, 10_000_000)]
    public int RollUpCasesPerRun { get; set; } = 50_000;

    /// <summary>The settle period in effect: <see cref="SettleDays"/>, or the re-contact window + 7.</summary>
    public int EffectiveSettleDays => SettleDays ?? ReContactWindowDays + 7;
}

/// <summary>The SLA timer (<c>Watch:SlaWatch</c>).</summary>
public sealed class SlaWatchOptions
{
    /// <summary>Open cases checked per brand and run, most urgent first. Default 2,000.</summary>
    [Range(1, 100_000)]
    public int MaxCasesPerBrand { get; set; } = 2_000;

    /// <summary>
    /// A triage escalation claim (<c>PendingEscalation</c>) older than this is taken to be stranded (its mention ended in
    /// the poison queue) and is sent by the SLA watch. Default 15 minutes.
    /// </summary>
    [Range(1, 1440)]
    public int StaleClaimMinutes { get; set; } = 15;

    /// <summary>
    /// Open cases opened longer ago than this many days are not evaluated: a replay or import of old deliveries must not
    /// page people about breaches from long ago (a case that has been open that long reached the top escalation level
    /// in earlier runs anyway). They still count in the care metrics. Default 30.
    /// </summary>
    [Range(1, 3650)]
    public int MaxCaseAgeDays { get; set; } = 30;

    /// <summary>Conflicting case writes tolerated per case before the case is left for the next run. Default 5.</summary>
    [Range(1, 50)]
    public int MaxUpdateAttempts { get; set; } = 5;
}

/// <summary>
/// One brand's SLA policy as configured. Unset values keep the defaults of <see cref="SlaPolicy"/>; <see cref="Targets"/>
/// override band by band and field by field; <see cref="BusinessHours"/>, when given, replaces the default week.
/// </summary>
public sealed class SlaPolicyOptions
{
    /// <summary>Shown on scorecards so a change of targets is visible. Default "sla-1".</summary>
    public string? Version { get; set; }

    /// <summary>IANA time zone of business hours and holidays. Default "UTC".</summary>
    public string? TimeZoneId { get; set; }

    /// <summary>Per band (Critical, High, Normal, Low).</summary>
    public Dictionary<string, SlaTargetOptions> Targets { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per weekday (Monday…Sunday): intervals "HH:mm-HH:mm" (end may be 24:00). Empty: Monday–Friday 09:00–18:00.</summary>
    public Dictionary<string, List<string>> BusinessHours { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Local dates (yyyy-MM-dd) on which business hours do not run.</summary>
    public List<string> Holidays { get; } = [];

    /// <summary>Default 0.8.</summary>
    public double? WarnFraction { get; set; }

    /// <summary>Default 3.</summary>
    public int? MaxEscalationLevel { get; set; }

    /// <summary>Default 1 (another escalation every further full target length overdue; 0 = once).</summary>
    public double? ReEscalateEvery { get; set; }

    /// <summary>Problems that keep this from being a policy; empty when usable.</summary>
    public IReadOnlyList<string> Errors()
    {
        var errors = new List<string>();
        try
        {
            errors.AddRange(Build().Validate());
        }
        catch (FormatException ex)
        {
            errors.Add(ex.Message);
        }

        return errors;
    }

    /// <summary>The policy; throws <see cref="FormatException"/> for unreadable values (validation reports them at start).</summary>
    public SlaPolicy Build()
    {
        var d = SlaPolicy.Default;
        var targets = d.Targets.ToDictionary();
        foreach (var (name, t) in Targets)
        {
            if (!Enum.TryParse<UrgencyBand>(name, ignoreCase: true, out var band) || int.TryParse(name, CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException($"Targets:{name} is not a band (Critical, High, Normal, Low).");
            }

            var current = targets[band];
            targets[band] = new SlaTarget(
                t.FirstResponseMinutes is { } f ? TimeSpan.FromMinutes(f) : current.FirstResponse,
                t.ResolutionMinutes is { } r ? TimeSpan.FromMinutes(r) : current.Resolution,
                t.Clock ?? current.Clock);
        }

        var hours = d.BusinessHours;
        if (BusinessHours.Count > 0)
        {
            var week = new Dictionary<DayOfWeek, IReadOnlyList<BusinessInterval>>();
            foreach (var (day, intervals) in BusinessHours)
            {
                if (!Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var dow) || int.TryParse(day, CultureInfo.InvariantCulture, out _))
                {
                    throw new FormatException($"BusinessHours:{day} is not a weekday name.");
                }

                week[dow] = intervals.Select(i => ParseInterval(day, i)).ToList();
            }

            hours = week;
        }

        var holidays = new HashSet<DateOnly>();
        foreach (var h in Holidays)
        {
            holidays.Add(DateOnly.TryParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new FormatException($"Holidays: '{h}' is not a date (yyyy-MM-dd)."));
        }

        return d with
        {
            Version = Version ?? d.Version,
            TimeZoneId = TimeZoneId ?? d.TimeZoneId,
            Targets = targets,
            BusinessHours = hours,
            Holidays = holidays,
            WarnFraction = WarnFraction ?? d.WarnFraction,
            MaxEscalationLevel = MaxEscalationLevel ?? d.MaxEscalationLevel,
            ReEscalateEvery = ReEscalateEvery ?? d.ReEscalateEvery,
        };
    }

    private static BusinessInterval ParseInterval(string day, string value)
    {
        var parts = value.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && Time(parts[0]) is { } start && Time(parts[1]) is { } end)
        {
            return new BusinessInterval(start, end);
        }

        throw new FormatException($"BusinessHours:{day}: '{value}' is not an interval \"HH:mm-HH:mm\".");
    }

    private static TimeSpan? Time(string value)
    {
        if (value == "24:00")
        {
            return TimeSpan.FromDays(1);
        }

        return TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.ToTimeSpan() : null;
    }
}

/// <summary>One band's targets; unset values keep the default.</summary>
public sealed class SlaTargetOptions
{
    public double? FirstResponseMinutes { get; set; }

    public double? ResolutionMinutes { get; set; }

    /// <summary>BusinessHours or Continuous.</summary>
    public SlaClock? Clock { get; set; }
}
