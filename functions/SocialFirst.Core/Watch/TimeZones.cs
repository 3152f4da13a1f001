using System.Diagnostics.CodeAnalysis;

namespace SocialFirst.Core.Watch;

/// <summary>Finds time zones by IANA id (works with InvariantGlobalization: the data comes from the OS tz database).</summary>
public static class TimeZones
{
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        if (id is "UTC" or "Etc/UTC")
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>The zone, or an exception naming the id.</summary>
    public static TimeZoneInfo Find(string id) =>
        TryFind(id, out var zone) ? zone : throw new ArgumentException($"Unknown time zone '{id}'.", nameof(id));

    /// <summary>
    /// The UTC instant of a local wall-clock time. A time skipped by a DST change is read with the offset in force just
    /// before the change (02:30 on a spring-forward night becomes 03:30); an ambiguous one takes the earlier (daylight)
    /// instant.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var t = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(t))
        {
            var before = zone.GetUtcOffset(t.AddHours(-6));
            return new DateTimeOffset(t, before).ToUniversalTime();
        }

        if (zone.IsAmbiguousTime(t))
        {
            var daylight = zone.GetAmbiguousTimeOffsets(t).Max();
            return new DateTimeOffset(t, daylight).ToUniversalTime();
        }

        return new DateTimeOffset(t, zone.GetUtcOffset(t)).ToUniversalTime();
    }
}
