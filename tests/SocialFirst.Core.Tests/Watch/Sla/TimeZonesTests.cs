using SocialFirst.Core.Watch;

namespace SocialFirst.Core.Tests.Watch.Sla;

public class TimeZonesTests
{
    [Theory]
    [InlineData("Europe/Ljubljana", 1)]
    [InlineData("America/New_York", -5)]
    [InlineData("Asia/Shanghai", 8)]
    [InlineData("UTC", 0)]
    public void TryFind_IanaIdUnderInvariantGlobalization_FindsTheZone(string id, int januaryOffset)
    {
        Assert.True(TimeZones.TryFind(id, out var zone));
        Assert.Equal(TimeSpan.FromHours(januaryOffset), zone.GetUtcOffset(new DateTime(2025, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData(null)]
    public void TryFind_Unknown_IsFalse(string? id) => Assert.False(TimeZones.TryFind(id, out _));

    [Fact]
    public void ToUtc_TimeSkippedBySpringForward_UsesTheOffsetBefore()
    {
        // 02:30 does not exist in Ljubljana on 30 Mar 2025; read as 02:30+01:00 = 01:30Z (03:30 CEST).
        var utc = TimeZones.ToUtc(new DateTime(2025, 3, 30, 2, 30, 0), TimeZones.Find("Europe/Ljubljana"));

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 30, 0, TimeSpan.Zero), utc);
    }

    [Fact]
    public void ToUtc_AmbiguousTimeInAutumn_TakesTheEarlierInstant()
    {
        // 02:30 happens twice on 26 Oct 2025; the first (CEST, +02:00) is 00:30Z.
        var utc = TimeZones.ToUtc(new DateTime(2025, 10, 26, 2, 30, 0), TimeZones.Find("Europe/Ljubljana"));

        Assert.Equal(new DateTimeOffset(2025, 10, 26, 0, 30, 0, TimeSpan.Zero), utc);
    }
}
