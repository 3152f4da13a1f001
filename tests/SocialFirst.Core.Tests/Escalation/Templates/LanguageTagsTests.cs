using SocialFirst.Core.Escalation.Templates;

namespace SocialFirst.Core.Tests.Escalation.Templates;

public class LanguageTagsTests
{
    public static TheoryData<string?, string[]> Cases => new()
    {
        { "zh-TW", ["zh-TW", "zh-Hant", "zh"] },
        { "zh_hant_hk", ["zh-Hant-HK", "zh-Hant", "zh"] },
        { "zh-CN", ["zh-CN", "zh-Hans", "zh"] },
        { "zh", ["zh", "zh-Hans"] },
        { "EN-us", ["en-US", "en"] },
        { "sl", ["sl"] },
        { "", [] },
        { null, [] },
        { "12", [] },
        { "en--US", [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fallbacks_GiveMostSpecificFirst(string? tag, string[] expected)
    {
        Assert.Equal(expected, LanguageTags.Fallbacks(tag));
    }
}

public class MessageLimitsTests
{
    public static TheoryData<string, LengthUnit, int> Measures => new()
    {
        { "abc", LengthUnit.XWeighted, 3 },
        { "中文", LengthUnit.XWeighted, 4 },
        { "café – “ok”", LengthUnit.XWeighted, 11 },
        { "😀", LengthUnit.XWeighted, 2 },
        { "😀", LengthUnit.Characters, 1 },
        { "中", LengthUnit.Utf8Bytes, 3 },
        { "中文abc", LengthUnit.Characters, 5 },
    };

    [Theory]
    [MemberData(nameof(Measures))]
    public void Measure_CountsInThePlatformsUnit(string text, LengthUnit unit, int expected)
    {
        Assert.Equal(expected, MessageLimits.Measure(text, unit));
    }

    [Fact]
    public void For_KnownPlatforms_GiveTheDocumentedLimits()
    {
        Assert.Equal(300, MessageLimits.For(Mentions.Platform.Weibo, TemplateChannel.Private).Max);
        Assert.Equal(10_000, MessageLimits.For(Mentions.Platform.X, TemplateChannel.Private).Max);
        Assert.Equal(new MessageLimit(280, LengthUnit.XWeighted, "X post: 280 weighted characters"), MessageLimits.For(Mentions.Platform.X, TemplateChannel.Public));
        Assert.Equal([Mentions.Platform.X], MessageLimits.PlatformsFor(TemplateChannel.Public));
    }
}

public class TemplateCategoryTests
{
    [Theory]
    [InlineData(new[] { "churn", "safety" }, "safety")]
    [InlineData(new[] { "billing", "security", "legal" }, "security")]
    [InlineData(new[] { "praise", "question" }, "default")]
    [InlineData(new[] { "SERVICE_FAILURE" }, "service_failure")]
    [InlineData(new string[0], "default")]
    public void Pick_ChoosesTheMostSeriousCategory(string[] categories, string expected)
    {
        Assert.Equal(expected, TemplateCategory.Pick(categories));
    }
}
