namespace SocialFirst.Core.Watch.Sla;

/// <summary>Which clock a target runs on.</summary>
public enum SlaClock
{
    /// <summary>Only business hours count (nights, weekends and holidays do not).</summary>
    BusinessHours,

    /// <summary>Every minute counts (for critical matters: a safety complaint on Saturday does not wait for Monday).</summary>
    Continuous,
}

/// <summary>How fast a case must be answered and resolved.</summary>
public sealed record SlaTarget(TimeSpan FirstResponse, TimeSpan Resolution, SlaClock Clock = SlaClock.BusinessHours);

/// <summary>Opening hours within a local day: from <paramref name="Start"/> to <paramref name="End"/> (at most 24:00).</summary>
public sealed record BusinessInterval(TimeSpan Start, TimeSpan End)
{
    public static BusinessInterval Hours(int fromHour, int toHour) => new(TimeSpan.FromHours(fromHour), TimeSpan.FromHours(toHour));
}

/// <summary>
/// A brand's service levels: first-response and resolution targets per urgency band, business hours per weekday in a
/// time zone (IANA id), holidays, the warning fraction and how escalation repeats. Defaults in docs/watch.md.
/// </summary>
public sealed record SlaPolicy
{
    public string Version { get; init; } = "sla-1";

    /// <summary>IANA time zone id in which business hours and holidays are meant. Default "UTC".</summary>
    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>Targets per band. Defaults: critical 15 min / 4 h round the clock; high 1 h / 8 h, normal 2 h / 24 h, low 8 h / 40 h in business hours.</summary>
    public IReadOnlyDictionary<UrgencyBand, SlaTarget> Targets { get; init; } = new Dictionary<UrgencyBand, SlaTarget>
    {
        [UrgencyBand.Critical] = new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(4), SlaClock.Continuous),
        [UrgencyBand.High] = new(TimeSpan.FromHours(1), TimeSpan.FromHours(8)),
        [UrgencyBand.Normal] = new(TimeSpan.FromHours(2), TimeSpan.FromHours(24)),
        [UrgencyBand.Low] = new(TimeSpan.FromHours(8), TimeSpan.FromHours(40)),
    };

    /// <summary>Opening hours per weekday (a missing or empty day is closed). Default Monday to Friday 09:00–18:00.</summary>
    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessInterval>> BusinessHours { get; init; } = Weekdays(BusinessInterval.Hours(9, 18));

    /// <summary>Local dates on which the business is closed.</summary>
    public IReadOnlySet<DateOnly> Holidays { get; init; } = new HashSet<DateOnly>();

    /// <summary>A running clock is about to breach from this fraction of its target. Default 0.8.</summary>
    public double WarnFraction { get; init; } = 0.8;

    /// <summary>Highest escalation level a breach raises to. Default 3.</summary>
    public int MaxEscalationLevel { get; init; } = 3;

    /// <summary>
    /// After a breach, escalate again each time this fraction of the target passes once more (1 = another full target
    /// length); 0 escalates once per breach. Default 1.
    /// </summary>
    public double ReEscalateEvery { get; init; } = 1.0;

    public static SlaPolicy Default { get; } = new();

    /// <summary>The same intervals Monday to Friday.</summary>
    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessInterval>> Weekdays(params BusinessInterval[] intervals) =>
        new Dictionary<DayOfWeek, IReadOnlyList<BusinessInterval>>
        {
            [DayOfWeek.Monday] = intervals,
            [DayOfWeek.Tuesday] = intervals,
            [DayOfWeek.Wednesday] = intervals,
            [DayOfWeek.Thursday] = intervals,
            [DayOfWeek.Friday] = intervals,
        };

    /// <summary>The target for a band (the default policy's when the band is missing).</summary>
    public SlaTarget TargetFor(UrgencyBand band) =>
        Targets.TryGetValue(band, out var t) ? t : Default.Targets[band];

    /// <summary>Problems with the policy; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!TimeZones.TryFind(TimeZoneId, out _))
        {
            errors.Add($"{nameof(TimeZoneId)} '{TimeZoneId}' is not a known time zone.");
        }

        if (WarnFraction is <= 0 or >= 1)
        {
            errors.Add($"{nameof(WarnFraction)} must be between 0 and 1 (exclusive).");
        }

        if (MaxEscalationLevel < 1)
        {
            errors.Add($"{nameof(MaxEscalationLevel)} must be at least 1.");
        }

        if (ReEscalateEvery < 0)
        {
            errors.Add($"{nameof(ReEscalateEvery)} must not be negative.");
        }

        foreach (var (band, t) in Targets)
        {
            if (t.FirstResponse <= TimeSpan.Zero || t.Resolution <= TimeSpan.Zero)
            {
                errors.Add($"Targets[{band}] must be positive.");
            }
        }

        var anyOpen = false;
        foreach (var (day, intervals) in BusinessHours)
        {
            foreach (var i in intervals)
            {
                if (i.Start < TimeSpan.Zero || i.End > TimeSpan.FromDays(1) || i.End <= i.Start)
                {
                    errors.Add($"BusinessHours[{day}] interval {i.Start}–{i.End} must lie within the day and end after it starts.");
                }
                else
                {
                    anyOpen = true;
                }
            }
        }

        var businessTargets = Targets.Values.Any(t => t.Clock == SlaClock.BusinessHours) || Targets.Count < 4;
        if (!anyOpen && businessTargets)
        {
            errors.Add($"{nameof(BusinessHours)} has no opening hours, but targets run on business hours.");
        }

        return errors;
    }
}
