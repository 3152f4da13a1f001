using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Core.Tests.Triage.Policies;

public class QuietHoursTests
{
    private static readonly QuietHours Night = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Ljubljana"), new TimeOnly(22, 0), new TimeOnly(7, 0));

    [Fact]
    public void Contains_LateEveningLocal_EndsNextMorning()
    {
        // 22:30 UTC in March = 23:30 in Ljubljana (UTC+1).
        var inside = Night.Contains(new DateTimeOffset(2025, 3, 1, 22, 30, 0, TimeSpan.Zero), out var end);

        Assert.True(inside);
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 7, 0, 0, TimeSpan.FromHours(1)), end);
    }

    [Fact]
    public void Contains_EarlyMorningLocal_EndsSameMorning()
    {
        var inside = Night.Contains(new DateTimeOffset(2025, 7, 1, 3, 0, 0, TimeSpan.Zero), out var end);

        Assert.True(inside);
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 7, 0, 0, TimeSpan.FromHours(2)), end);
    }

    [Theory]
    [InlineData(6, 0, false)] // 07:00 local: the end is exclusive
    [InlineData(20, 59, false)] // 21:59 local
    [InlineData(21, 0, true)] // 22:00 local: the start is inclusive
    public void Contains_Edges_StartInclusiveEndExclusive(int utcHour, int utcMinute, bool expected)
    {
        Assert.Equal(expected, Night.Contains(new DateTimeOffset(2025, 3, 1, utcHour, utcMinute, 0, TimeSpan.Zero), out _));
    }

    [Fact]
    public void Contains_DaytimeWindow_DoesNotWrap()
    {
        var lunch = new QuietHours(TimeZoneInfo.Utc, new TimeOnly(12, 0), new TimeOnly(13, 0));

        Assert.True(lunch.Contains(new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero), out var end));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.Zero), end);
        Assert.False(lunch.Contains(new DateTimeOffset(2025, 3, 1, 23, 30, 0, TimeSpan.Zero), out _));
    }
}
