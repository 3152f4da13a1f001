using System.Globalization;

namespace SocialFirst.Functions.Standalone;

/// <summary>
/// An NCRONTAB expression as the Functions timer trigger reads it: <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>
/// (five fields mean second 0). Supports <c>*</c>, numbers, ranges <c>a-b</c>, steps <c>*/n</c> and <c>a-b/n</c>, and lists.
/// Times are UTC (WEBSITE_TIME_ZONE is not emulated).
/// </summary>
public sealed class CronSchedule
{
    private readonly bool[] _seconds;
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _weekdays;

    private CronSchedule(bool[][] fields)
    {
        (_seconds, _minutes, _hours, _days, _months, _weekdays) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    public static CronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 5)
        {
            parts = ["0", .. parts];
        }

        if (parts.Length != 6)
        {
            throw new FormatException($"NCRONTAB '{expression}' needs 6 fields (second minute hour day month day-of-week)");
        }

        (int Min, int Max)[] ranges = [(0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 6)];
        var fields = new bool[6][];
        for (var i = 0; i < 6; i++)
        {
            fields[i] = ParseField(parts[i], ranges[i].Min, ranges[i].Max, expression);
        }

        return new CronSchedule(fields);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if none within five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var t = after.UtcDateTime;
        t = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, DateTimeKind.Utc).AddSeconds(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
                continue;
            }

            if (!_days[t.Day] || !_weekdays[(int)t.DayOfWeek])
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!_hours[t.Hour])
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
                continue;
            }

            if (!_minutes[t.Minute])
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
                continue;
            }

            if (!_seconds[t.Second])
            {
                t = t.AddSeconds(1);
                continue;
            }

            return new DateTimeOffset(t, TimeSpan.Zero);
        }

        return null;
    }

    private static bool[] ParseField(string field, int min, int max, string expression)
    {
        var allowed = new bool[max + 1];
        foreach (var item in field.Split(','))
        {
            var step = 1;
            var range = item;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                step = Number(item[(slash + 1)..], 1, max, expression);
                range = item[..slash];
            }

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Contains('-', StringComparison.Ordinal))
            {
                var bounds = range.Split('-');
                (from, to) = (Number(bounds[0], min, max, expression), Number(bounds[1], min, max, expression));
            }
            else
            {
                from = Number(range, min, max, expression);
                to = slash >= 0 ? max : from;
            }

            if (from > to)
            {
                throw new FormatException($"NCRONTAB '{expression}': range {range} is reversed");
            }

            for (var v = from; v <= to; v += step)
            {
                allowed[v] = true;
            }
        }

        return allowed;
    }

    private static int Number(string text, int min, int max, string expression) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"NCRONTAB '{expression}': '{text}' is not a number in {min}..{max}");
}
