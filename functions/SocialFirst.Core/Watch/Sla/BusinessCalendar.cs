namespace SocialFirst.Core.Watch.Sla;

/// <summary>
/// Business time in a time zone: opening intervals per weekday, closed on holidays. Local opening hours are turned into
/// UTC instants date by date, so DST changes are honoured (the short spring night and the long autumn night count what
/// the clock on the wall says).
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far ahead a due time is searched before giving up.</summary>
    private const int MaxDays = 800;

    private readonly TimeZoneInfo _zone;
    private readonly IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessInterval>> _hours;
    private readonly IReadOnlySet<DateOnly> _holidays;

    public BusinessCalendar(string timeZoneId, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessInterval>> hours, IReadOnlySet<DateOnly>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        _zone = TimeZones.Find(timeZoneId);
        _hours = hours;
        _holidays = holidays ?? new HashSet<DateOnly>();
    }

    public static BusinessCalendar For(SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new BusinessCalendar(policy.TimeZoneId, policy.BusinessHours, policy.Holidays);
    }

    public TimeZoneInfo Zone => _zone;

    /// <summary>Business time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        foreach (var (start, end) in IntervalsFrom(from))
        {
            if (start >= to)
            {
                break;
            }

            var s = start > from ? start : from;
            var e = end < to ? end : to;
            if (e > s)
            {
                total += e - s;
            }
        }

        return total;
    }

    /// <summary>The instant at which <paramref name="duration"/> of business time has passed since <paramref name="from"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset from, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return from;
        }

        var left = duration;
        foreach (var (start, end) in IntervalsFrom(from))
        {
            var s = start > from ? start : from;
            if (end <= s)
            {
                continue;
            }

            if (end - s >= left)
            {
                return s + left;
            }

            left -= end - s;
        }

        throw new InvalidOperationException($"No business hours within {MaxDays} days of {from:O}.");
    }

    /// <summary>Whether the instant falls in business hours.</summary>
    public bool IsOpen(DateTimeOffset at)
    {
        foreach (var (start, end) in IntervalsFrom(at))
        {
            if (start > at)
            {
                return false;
            }

            if (at < end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Opening intervals (UTC) that end after <paramref name="from"/>, in order, for up to <see cref="MaxDays"/> days.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> IntervalsFrom(DateTimeOffset from)
    {
        var firstDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, _zone).DateTime).AddDays(-1);
        for (var d = 0; d < MaxDays; d++)
        {
            var date = firstDate.AddDays(d);
            if (_holidays.Contains(date) || !_hours.TryGetValue(date.DayOfWeek, out var intervals))
            {
                continue;
            }

            var midnight = date.ToDateTime(TimeOnly.MinValue);
            foreach (var i in intervals.OrderBy(i => i.Start))
            {
                var start = TimeZones.ToUtc(midnight + i.Start, _zone);
                var end = TimeZones.ToUtc(midnight + i.End, _zone);
                if (end > start && end > from)
                {
                    yield return (start, end);
                }
            }
        }
    }
}
