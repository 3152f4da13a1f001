using SocialFirst.Azure.Language;

namespace SocialFirst.Azure.Tests.Language;

public sealed class LanguageTagsTests
{
    public static TheoryData<string?, string?, string?, string> Detected => new()
    {
        { "English", "en", null, "en" },
        { "Chinese_Simplified", "zh_chs", null, "zh-Hans" },
        { "Chinese_Traditional", "zh_cht", null, "zh-Hant" },
        { "Chinese", "zh", "Hant", "zh-Hant" },
        { "Chinese", "zh", null, "zh-Hans" },
        { "(Unknown)", "(Unknown)", null, "unknown" },
        { null, null, null, "unknown" },
        { "Slovenian", "sl", null, "sl" },
        { "Japanese", "ja", "Jpan", "ja" },
    };

    [Theory]
    [MemberData(nameof(Detected))]
    public void FromDetected_ServiceAnswer_GivesOurTag(string? name, string? iso, string? script, string expected) =>
        Assert.Equal(expected, LanguageTags.FromDetected(name, iso, script));

    [Theory]
    [InlineData("zh-Hans", "zh-hans")]
    [InlineData("zh-TW", "zh-hant")]
    [InlineData("en", "en")]
    [InlineData("unknown", null)]
    [InlineData(null, null)]
    public void ToService_OurTag_GivesTheDocumentLanguage(string? tag, string? expected) =>
        Assert.Equal(expected, LanguageTags.ToService(tag));

    [Theory]
    [InlineData("en-GB", "en")]
    [InlineData("zh-TW", "zh-Hant")]
    [InlineData(null, "unknown")]
    public void FromHint_RequestHint_GivesOurTag(string? hint, string expected) =>
        Assert.Equal(expected, LanguageTags.FromHint(hint));
}
