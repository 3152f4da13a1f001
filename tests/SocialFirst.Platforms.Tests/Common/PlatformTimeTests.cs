using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.Tests.Common;

public class PlatformTimeTests
{
    [Fact]
    public void TryFromUnixAuto_SecondsAndMillisecondsGiveTheSameInstant()
    {
        Assert.True(PlatformTime.TryFromUnixAuto(1_700_000_000, out var seconds));
        Assert.True(PlatformTime.TryFromUnixAuto(1_700_000_000_000, out var milliseconds));

        Assert.Equal(seconds, milliseconds);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(long.MaxValue)]
    public void TryFromUnixAuto_OutOfRange_IsFalse(long value) => Assert.False(PlatformTime.TryFromUnixAuto(value, out _));

    [Theory]
    [InlineData("Wed Oct 10 20:19:24 +0000 2018", "2018-10-10T20:19:24Z")]
    [InlineData("Mon Jul 16 18:09:20 +0800 2012", "2012-07-16T10:09:20Z")]
    public void TryParseClassicTwitter_ConvertsToUtc(string text, string expectedUtc)
    {
        Assert.True(PlatformTime.TryParseClassicTwitter(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("2017-11-07T22:07:11+0000", true)]
    [InlineData("2025-11-20T08:15:00+01:00", true)]
    [InlineData("2025-11-20T08:15:00.123Z", true)]
    [InlineData("2025-11-20T08:15:00", false)]
    [InlineData("20 Nov 2025", false)]
    public void TryParseIso8601_RequiresAnOffset(string text, bool ok) => Assert.Equal(ok, PlatformTime.TryParseIso8601(text, out _));
}
