using SocialFirst.Core.Watch;
using SocialFirst.Core.Watch.Sla;

namespace SocialFirst.Core.Tests.Watch.Sla;

public class BusinessCalendarTests
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    private static BusinessCalendar Ljubljana(IReadOnlySet<DateOnly>? holidays = null) =>
        new("Europe/Ljubljana", SlaPolicy.Weekdays(BusinessInterval.Hours(9, 18)), holidays);

    private static BusinessCalendar RoundTheClock(string zone) => new(
        zone,
        Enum.GetValues<DayOfWeek>().ToDictionary(d => d, IReadOnlyList<BusinessInterval> (_) => [BusinessInterval.Hours(0, 24)]));

    [Fact]
    public void Elapsed_OverAWeekend_CountsFridayEveningAndMondayMorningOnly()
    {
        // Fri 17:00–18:00 (1 h) + Mon 09:00–10:00 (1 h).
        var elapsed = Ljubljana().Elapsed(new(2025, 3, 7, 17, 0, 0, Cet), new(2025, 3, 10, 10, 0, 0, Cet));

        Assert.Equal(TimeSpan.FromHours(2), elapsed);
    }

    [Fact]
    public void Elapsed_Overnight_CountsOnlyOpeningHours()
    {
        // Tue 17:30–18:00 + Wed 09:00–09:30.
        var elapsed = Ljubljana().Elapsed(new(2025, 3, 11, 17, 30, 0, Cet), new(2025, 3, 12, 9, 30, 0, Cet));

        Assert.Equal(TimeSpan.FromHours(1), elapsed);
    }

    [Fact]
    public void Elapsed_AcrossTheSpringDstChange_FollowsLocalOpeningHours()
    {
        // Fri 28 Mar 17:00 CET to Mon 31 Mar 10:00 CEST: still 1 h + 1 h of business time.
        var elapsed = Ljubljana().Elapsed(new(2025, 3, 28, 17, 0, 0, Cet), new(2025, 3, 31, 10, 0, 0, Cest));

        Assert.Equal(TimeSpan.FromHours(2), elapsed);
    }

    [Theory]
    [InlineData("Europe/Ljubljana", 2025, 3, 30, 23)]  // spring forward: the Sunday has 23 hours
    [InlineData("Europe/Ljubljana", 2025, 10, 26, 25)] // fall back: 25 hours
    [InlineData("America/New_York", 2025, 3, 9, 23)]
    [InlineData("Asia/Shanghai", 2025, 3, 30, 24)]     // no DST
    public void Elapsed_RoundTheClockOverADstDay_CountsRealHours(string zone, int year, int month, int day, int hours)
    {
        var calendar = RoundTheClock(zone);
        var tz = TimeZones.Find(zone);
        var midnight = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        var from = new DateTimeOffset(midnight, tz.GetUtcOffset(midnight));
        var next = midnight.AddDays(1);
        var to = new DateTimeOffset(next, tz.GetUtcOffset(next));

        Assert.Equal(TimeSpan.FromHours(hours), calendar.Elapsed(from, to));
    }

    [Fact]
    public void Elapsed_Holiday_IsClosed()
    {
        // Christmas Thursday is a holiday: Wed 17:30–18:00 + Fri 09:00–09:30.
        var calendar = Ljubljana(new HashSet<DateOnly> { new(2025, 12, 25) });

        var elapsed = calendar.Elapsed(new(2025, 12, 24, 17, 30, 0, Cet), new(2025, 12, 26, 9, 30, 0, Cet));

        Assert.Equal(TimeSpan.FromHours(1), elapsed);
    }

    [Fact]
    public void Add_FromFridayEvening_LandsOnMonday()
    {
        // 2 h from Fri 17:00: 1 h on Friday, 1 h on Monday → Mon 10:00.
        var due = Ljubljana().Add(new(2025, 3, 7, 17, 0, 0, Cet), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2025, 3, 10, 10, 0, 0, Cet), due);
    }

    [Fact]
    public void Add_FromOutsideHours_StartsAtOpening()
    {
        var due = Ljubljana().Add(new(2025, 3, 8, 12, 0, 0, Cet), TimeSpan.FromMinutes(30)); // a Saturday

        Assert.Equal(new DateTimeOffset(2025, 3, 10, 9, 30, 0, Cet), due);
    }

    [Fact]
    public void Add_InNewYorkAcrossDst_UsesLocalHours()
    {
        var calendar = new BusinessCalendar("America/New_York", SlaPolicy.Weekdays(BusinessInterval.Hours(9, 17)));

        // Fri 7 Mar 16:00 EST + 2 h → 1 h Friday + 1 h Monday (EDT, UTC−4).
        var due = calendar.Add(new(2025, 3, 7, 16, 0, 0, TimeSpan.FromHours(-5)), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.FromHours(-4)), due);
    }

    [Theory]
    [InlineData(2025, 3, 10, 8, 59, false)]
    [InlineData(2025, 3, 10, 9, 0, true)]
    [InlineData(2025, 3, 10, 17, 59, true)]
    [InlineData(2025, 3, 10, 18, 0, false)]
    [InlineData(2025, 3, 8, 12, 0, false)]
    public void IsOpen_AtTheEdgesOfOpeningHours(int y, int mo, int d, int h, int mi, bool open) =>
        Assert.Equal(open, Ljubljana().IsOpen(new DateTimeOffset(y, mo, d, h, mi, 0, Cet)));
}
