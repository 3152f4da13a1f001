using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Tests.Watch.Trends;

public class TrendPolicyTests
{
    [Fact]
    public void Validate_Default_HasNoErrors() => Assert.Empty(TrendPolicy.Default.Validate());

    public static TheoryData<TrendPolicy, string> Invalid => new()
    {
        { TrendPolicy.Default with { WindowMinutes = 7 }, "WindowMinutes" },
        { TrendPolicy.Default with { TimeZoneId = "Mars/Olympus_Mons" }, "TimeZoneId" },
        { TrendPolicy.Default with { PValue = 0.9 }, "PValue" },
        { TrendPolicy.Default with { MinBaselineDays = 20, BaselineDays = 14 }, "MinBaselineDays" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidSetting_NamesIt(TrendPolicy policy, string setting)
    {
        Assert.Contains(policy.Validate(), e => e.Contains(setting, StringComparison.Ordinal));
        var ex = Assert.Throws<ArgumentException>(() => new TrendDetector(policy));
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IanaTimeZone_IsKnown() =>
        Assert.Empty((TrendPolicy.Default with { TimeZoneId = "Asia/Shanghai" }).Validate());
}
