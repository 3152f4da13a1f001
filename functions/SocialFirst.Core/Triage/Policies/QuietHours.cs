using System.Globalization;

namespace SocialFirst.Core.Triage.Policies;

/// <summary>
/// A daily window, in the brand's time zone, during which urgent cases that no always-escalate rule forces are not
/// escalated at once: their decision says "deferred until HH:mm". <see cref="From"/> is inclusive and <see cref="To"/>
/// exclusive; a window with <c>From &gt; To</c> runs over midnight (22:00–07:00).
/// </summary>
public sealed record QuietHours(TimeZoneInfo TimeZone, TimeOnly From, TimeOnly To)
{
    /// <summary>True when <paramref name="at"/> falls in the window; <paramref name="endsAt"/> is then when the window ends.</summary>
    public bool Contains(DateTimeOffset at, out DateTimeOffset endsAt)
    {
        ArgumentNullException.ThrowIfNull(TimeZone);
        endsAt = default;
        var local = TimeZoneInfo.ConvertTime(at, TimeZone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var overnight = From > To;
        var inside = overnight ? time >= From || time < To : time >= From && time < To;
        if (!inside)
        {
            return false;
        }

        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (overnight && time >= From)
        {
            endDate = endDate.AddDays(1);
        }

        var endLocal = endDate.ToDateTime(To, DateTimeKind.Unspecified);
        // A wall-clock end that daylight saving skips is taken one hour later.
        if (TimeZone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddHours(1);
        }

        endsAt = new DateTimeOffset(endLocal, TimeZone.GetUtcOffset(endLocal));
        return true;
    }

    /// <summary>"22:00–07:00 Europe/Ljubljana".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{From:HH:mm}–{To:HH:mm} {TimeZone.Id}");
}
