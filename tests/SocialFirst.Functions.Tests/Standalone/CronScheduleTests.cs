using SocialFirst.Functions.Standalone;

namespace SocialFirst.Functions.Tests.Standalone;

public class CronScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 3, 7, TimeSpan.Zero);

    public static TheoryData<string, DateTimeOffset> Cases => new()
    {
        { "0 */5 * * * *", new DateTimeOffset(2026, 11, 25, 10, 5, 0, TimeSpan.Zero) },
        { "*/10 * * * * *", new DateTimeOffset(2026, 11, 25, 10, 3, 10, TimeSpan.Zero) },
        { "0 0 2 * * *", new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero) },
        { "30 15 9-17 * * 1-5", new DateTimeOffset(2026, 11, 25, 10, 15, 30, TimeSpan.Zero) },
        // 2026-11-28 is a Saturday (6).
        { "0 0 0 * * 6", new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero) },
        { "0 0 12 1 1 *", new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero) },
        { "0 0,30 * * * *", new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.Zero) },
        // Five fields: seconds are 0.
        { "*/15 * * * *", new DateTimeOffset(2026, 11, 25, 10, 15, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Next_Expression_FirstOccurrenceAfterStart(string expression, DateTimeOffset expected)
    {
        Assert.Equal(expected, CronSchedule.Parse(expression).Next(Start));
    }

    [Fact]
    public void Next_OnAnOccurrence_ReturnsTheFollowingOne()
    {
        var schedule = CronSchedule.Parse("0 */5 * * * *");
        var at = new DateTimeOffset(2026, 11, 25, 10, 5, 0, TimeSpan.Zero);

        Assert.Equal(at.AddMinutes(5), schedule.Next(at));
    }

    [Theory]
    [InlineData("* * * *")]
    [InlineData("61 * * * * *")]
    [InlineData("0 5-1 * * * *")]
    [InlineData("x * * * * *")]
    public void Parse_Invalid_ThrowsFormatException(string expression)
    {
        Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));
    }

    [Fact]
    public void Next_ImpossibleDate_ReturnsNull()
    {
        Assert.Null(CronSchedule.Parse("0 0 0 31 2 *").Next(Start));
    }
}
