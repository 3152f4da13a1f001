using SocialFirst.Classification.Categories;

namespace SocialFirst.Classification.Tests.Categories;

public class CategoryRuleSetTests
{
    [Theory]
    [InlineData("""{ "version": "1", "language": "en", "rules": [ { "id": "x", "category": "nonsense", "any": ["a"] } ] }""", "unknown category")]
    [InlineData("""{ "version": "1", "language": "en", "rules": [ { "id": "x", "category": "safety" } ] }""", "neither")]
    [InlineData("""{ "version": "1", "language": "en", "rules": [ { "id": "x", "category": "safety", "weight": 2, "any": ["a"] } ] }""", "weight")]
    [InlineData("""{ "version": "1", "language": "en", "rules": [ { "id": "x", "category": "safety", "any": ["a"], "signal": "vip" } ] }""", "unknown signal")]
    [InlineData("""{ "version": "1", "language": "en", "rules": [ """, "Invalid")]
    public void Parse_InvalidRules_ThrowsNamingTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => CategoryRuleSet.Parse(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_SameId_ReplacesAndKeepsOrder()
    {
        var ours = CategoryRuleSet.Parse("""{ "version": "1.0.0", "language": "en", "rules": [ { "id": "a", "category": "praise", "any": ["x"] }, { "id": "b", "category": "spam", "any": ["y"] } ] }""");
        var brand = CategoryRuleSet.Parse("""{ "version": "brand-2", "language": "en", "rules": [ { "id": "a", "category": "praise", "any": ["z"] }, { "id": "c", "category": "legal", "any": ["w"] } ] }""");

        var merged = ours.Merge(brand);

        Assert.Equal(["a", "b", "c"], merged.Rules.Select(r => r.Id));
        Assert.Equal(["z"], merged.Rules[0].Any);
        Assert.Equal("1.0.0+brand-2", merged.Version);
    }

    [Theory]
    [InlineData("common")]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("sl")]
    [InlineData("ja")]
    [InlineData("zh")]
    public void ShippedRuleFile_IsVersionedAndValid(string language)
    {
        var set = CategoryRuleSet.Parse(ClassifierData.Read($"rules/{language}.json"));

        Assert.False(string.IsNullOrWhiteSpace(set.Version));
        Assert.Equal(language, set.Language);
        Assert.Equal(set.Rules.Count, set.Rules.Select(r => r.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("sl")]
    [InlineData("ja")]
    [InlineData("zh")]
    public void ShippedRuleFile_CoversEveryCategory(string language)
    {
        var set = CategoryRuleSet.Parse(ClassifierData.Read($"rules/{language}.json"));

        Assert.Empty(Core.Classification.CareCategory.All.Except(set.Rules.Select(r => r.Category)));
    }
}
