namespace SocialFirst.Core.Watch.Metrics;

/// <summary>
/// What the care scorecard needs to know about one case, kept in a daily roll-up: its <see cref="CaseTimeline"/> facts
/// and what decides a re-contact, so that the flag can be computed for any period exactly as the live path does. Holds
/// no text, handle, author id or case id (<see cref="CaseTimeline.CaseId"/> is empty when read from a roll-up).
/// </summary>
public sealed record CareCaseFacts
{
    /// <summary>The case's timeline; its <see cref="CaseTimeline.ReContacted"/> is ignored (see <see cref="ForPeriod"/>).</summary>
    public required CaseTimeline Timeline { get; init; }

    /// <summary>The case was reopened after a resolution (Resolved → anything but Closed).</summary>
    public bool Reopened { get; init; }

    /// <summary>
    /// When the same author first opened another case with the brand after this case's resolution, within the re-contact
    /// window; null when they did not (as far as was known).
    /// </summary>
    public DateTimeOffset? ReturnedAt { get; init; }

    /// <summary>
    /// The timeline as a scorecard sees it when it knows the brand's cases opened before <paramref name="knownUntil"/>
    /// (the period's end plus the re-contact window, at most now): re-contacted when resolved and reopened, or the author
    /// came back before that.
    /// </summary>
    public CaseTimeline ForPeriod(DateTimeOffset knownUntil) => Timeline with
    {
        ReContacted = Timeline.ResolvedAt is not null && (Reopened || ReturnedAt < knownUntil),
    };
}

/// <summary>The roll-up of one brand's cases opened on one UTC day.</summary>
/// <param name="Day">The UTC date the cases were opened.</param>
/// <param name="Cases">Their facts, in no particular order.</param>
public sealed record CareDay(DateOnly Day, IReadOnlyList<CareCaseFacts> Cases);

/// <summary>UTC days and which of them are settled (old enough to be rolled up). Pure.</summary>
public static class CareDays
{
    /// <summary>The UTC date of an instant.</summary>
    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>The first instant of a UTC date.</summary>
    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>
    /// The last settled day at <paramref name="now"/>: a day is settled once its end is <paramref name="settleDays"/>
    /// days or more in the past.
    /// </summary>
    public static DateOnly LastSettled(DateTimeOffset now, int settleDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(settleDays);
        return Of(now - TimeSpan.FromDays(settleDays)).AddDays(-1);
    }

    /// <summary>The days that [from, to) touches, first to last.</summary>
    public static IEnumerable<DateOnly> Touched(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            yield break;
        }

        var last = Of(to.AddTicks(-1));
        for (var d = Of(from); d <= last; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
