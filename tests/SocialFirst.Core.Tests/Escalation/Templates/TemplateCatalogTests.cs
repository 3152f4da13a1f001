using SocialFirst.Core.Escalation.Templates;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Escalation.Templates;

public class TemplateCatalogTests
{
    private static readonly string[] ShippedLanguages = ["en", "zh-Hans", "zh-Hant", "es", "de", "fr", "sl", "ja"];

    /// <summary>A brand file with the given template entries (JSON objects).</summary>
    internal static string BrandFile(string brand = "acme", string defaultLanguage = "en", string? safetyLine = null, params string[] templates) => $$"""
        {
          "schemaVersion": 1,
          "version": "acme-3",
          "brand": "{{brand}}",
          "defaultLanguage": "{{defaultLanguage}}",
          {{(safetyLine is null ? string.Empty : $"\"safetyLine\": \"{safetyLine}\",")}}
          "templates": [ {{string.Join(",", templates)}} ]
        }
        """;

    internal static string Entry(string category, string language, string text, string channel = "private", string? platforms = null) =>
        $$"""{ "category": "{{category}}", "language": "{{language}}", "channel": "{{channel}}", {{(platforms is null ? string.Empty : $"\"platforms\": [{platforms}],")}} "text": "{{text}}" }""";

    private static IReadOnlyList<string> ErrorsOf(params string[] templates) =>
        TemplateCatalog.Validate("acme.json", BrandFile(templates: templates));

    public static TheoryData<string, string> ShippedCombinations()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in ShippedLanguages)
        {
            foreach (var category in TemplateCategory.All)
            {
                data.Add(language, category);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedCombinations))]
    public void Default_HasAPrivateTemplateForEveryLanguageAndCategory(string language, string category)
    {
        var match = TemplateCatalog.Default.Select("any-brand", category, language, TemplateChannel.Private, Platform.Weibo);

        Assert.Equal((category, language, "*"), (match.Template.Category, match.Template.Language, match.Template.Brand));
        Assert.True(match.LanguageMatched);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("zh-Hant")]
    [InlineData("es")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("sl")]
    [InlineData("ja")]
    public void Default_HasAPublicReplyPerLanguage_WithoutPersonalData(string language)
    {
        var match = TemplateCatalog.Default.Select("any-brand", TemplateCategory.Safety, language, TemplateChannel.Public, Platform.X);

        Assert.Equal((TemplateCategory.Default, language, TemplateChannel.Public), (match.Template.Category, match.Template.Language, match.Template.Channel));
        Assert.DoesNotContain("firstName", match.Template.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("caseRef", match.Template.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_SafetyTemplates_OfferTheSafetyLine()
    {
        foreach (var template in TemplateCatalog.Default.Sets["*"].Templates.Where(t => t.Category == TemplateCategory.Safety))
        {
            Assert.Contains("{safetyLine?}", template.Text, StringComparison.Ordinal);
            Assert.Contains("{caseRef}", template.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_ValidBrandFile_IsUsedBeforeTheShippedDefaults()
    {
        var catalog = TemplateCatalog.Load([("acme.json", BrandFile(templates: Entry("billing", "en", "Hi from Acme billing, case {caseRef}.")))]);

        var match = catalog.Select("acme", "billing", "en-GB", TemplateChannel.Private, Platform.Facebook);

        Assert.Equal("acme/billing/en/private", match.Template.Id);
        Assert.Equal("acme-3", match.Template.Version);
        Assert.Equal("acme.json", match.Template.Source);
    }

    [Fact]
    public void Select_CustomerLanguageFirst_EvenOverTheBrandsOwnTemplateInItsDefaultLanguage()
    {
        var catalog = TemplateCatalog.Load([("acme.json", BrandFile(defaultLanguage: "de", templates: Entry("billing", "de", "Acme Rechnung {caseRef}")))]);

        var match = catalog.Select("acme", "billing", "ja-JP", TemplateChannel.Private, Platform.X);

        Assert.Equal("*/billing/ja/private", match.Template.Id);
        Assert.True(match.LanguageMatched);
    }

    [Fact]
    public void Select_UnknownCustomerLanguage_UsesTheBrandsDefaultLanguage()
    {
        var catalog = TemplateCatalog.Load([("acme.json", BrandFile(defaultLanguage: "de", templates: Entry("default", "de", "Hallo, Fall {caseRef}")))]);

        var match = catalog.Select("acme", "churn", "pt-BR", TemplateChannel.Private, Platform.Facebook);

        Assert.Equal("*/churn/de/private", match.Template.Id);
        Assert.False(match.LanguageMatched);
    }

    [Fact]
    public void Select_UnknownBrandAndLanguage_UsesTheShippedEnglish()
    {
        var match = TemplateCatalog.Default.Select("nobody", "legal", null, TemplateChannel.Private, Platform.WeChat);

        Assert.Equal("*/legal/en/private", match.Template.Id);
    }

    [Theory]
    [InlineData("zh-TW", "zh-Hant")]
    [InlineData("zh-HK", "zh-Hant")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh", "zh-Hans")]
    public void Select_ChineseRegions_MapToScripts(string customer, string expected)
    {
        Assert.Equal(expected, TemplateCatalog.Default.Select("a", "default", customer, TemplateChannel.Private, Platform.Weibo).Template.Language);
    }

    [Fact]
    public void Select_UnknownCategory_UsesDefault()
    {
        Assert.Equal(TemplateCategory.Default, TemplateCatalog.Default.Select("a", "praise", "fr", TemplateChannel.Private, Platform.X).Template.Category);
    }

    [Fact]
    public void Select_PlatformVariant_BeatsTheGeneralTemplate()
    {
        var catalog = TemplateCatalog.Load([("acme.json", BrandFile(templates:
        [
            Entry("billing", "en", "General billing reply {caseRef}"),
            Entry("billing", "en", "Short Weibo {caseRef}", platforms: "\"weibo\""),
        ]))]);

        Assert.Equal("Short Weibo {caseRef}", catalog.Select("acme", "billing", "en", TemplateChannel.Private, Platform.Weibo).Template.Text);
        Assert.Equal("General billing reply {caseRef}", catalog.Select("acme", "billing", "en", TemplateChannel.Private, Platform.X).Template.Text);
    }

    public static TheoryData<string, string> InvalidEntries => new()
    {
        { Entry("billing", "en", "Hi {customerName}, case {caseRef}"), "unknown placeholder '{customerName}'" },
        { Entry("billing", "en", "Hi, we will help."), "must contain {caseRef}" },
        { Entry("billing", "en", "Hi {firstName?}, case {caseRef}"), "must be inside a '[[...]]' section" },
        { Entry("billing", "en", "Hi[[ {firstName}]], case {caseRef}"), "write it '{firstName?}'" },
        { Entry("billing", "en", "Case {caseRef?}"), "without '?'" },
        { Entry("billing", "en", "Case {caseRef} [[ unclosed"), "'[[' is not closed" },
        { Entry("billing", "en", "Case {caseRef} ]] x"), "']]' without '[['" },
        { Entry("billing", "en", "Case {caseRef"), "'{' is not closed" },
        { Entry("billing", "en", "Case {caseRef} [x]"), "stray '['" },
        { Entry("safety", "en", "Sorry, case {caseRef}."), "must offer the brand's safety line" },
        { Entry("refunds", "en", "Case {caseRef}"), "unknown category 'refunds'" },
        { Entry("billing", "english!", "Case {caseRef}"), "'language' must be a language tag" },
        { Entry("default", "en", "Hi[[ {firstName?}]], DM us", channel: "public"), "must not contain personal data" },
        { Entry("billing", "en", "DM us about your bill", channel: "public"), "category 'default' only" },
        { Entry("billing", "en", "Case {caseRef}", platforms: "\"tiktok\""), "platform 'tiktok' is not one of" },
        { Entry("default", "en", "DM us", channel: "public", platforms: "\"weibo\""), "platform 'weibo' is not one of x" },
        { Entry("billing", "en", "   "), "'text' is empty" },
    };

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public void Validate_InvalidTemplate_NamesTheProblem(string entry, string expected)
    {
        var errors = ErrorsOf(entry);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal) && e.StartsWith("acme.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TooLongForWeibo_FailsAndSuggestsAVariant_WhichThenFixesIt()
    {
        var longText = "Case {caseRef}. " + new string('x', 280);

        var errors = ErrorsOf(Entry("billing", "en", longText));
        var fixedErrors = ErrorsOf(Entry("billing", "en", longText), Entry("billing", "en", "Case {caseRef}.", platforms: "\"weibo\""));

        var error = Assert.Single(errors);
        Assert.Contains("on Weibo", error, StringComparison.Ordinal);
        Assert.Contains("\"platforms\": [\"weibo\"]", error, StringComparison.Ordinal);
        Assert.Empty(fixedErrors);
    }

    [Fact]
    public void Validate_PublicReplyJustOver280Weighted_Fails()
    {
        // 2 x 40 (brandName, CJK worst case) + 201 = 281 weighted.
        var text = new string('a', 201) + "{brandName}";

        Assert.Contains(ErrorsOf(Entry("default", "en", text, channel: "public")), e => e.Contains("281 of 280", StringComparison.Ordinal));
        Assert.Empty(ErrorsOf(Entry("default", "en", text[1..], channel: "public")));
    }

    [Fact]
    public void Validate_Duplicate_IsAnError()
    {
        Assert.Contains(ErrorsOf(Entry("billing", "en", "A {caseRef}"), Entry("billing", "en", "B {caseRef}")), e => e.Contains("defined more than once", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "schemaVersion": 2, "version": "1", "brand": "acme", "defaultLanguage": "en", "templates": [] }""", "schemaVersion must be 1")]
    [InlineData("""{ "schemaVersion": 1, "brand": "acme", "defaultLanguage": "en", "templates": [] }""", "'version' is required")]
    [InlineData("""{ "schemaVersion": 1, "version": "1", "brand": "acme", "defaultLanguage": "en", "tempaltes": [] }""", "not a valid template file")]
    [InlineData("""{ "schemaVersion": 1, "version": "1", "brand": "acme", "defaultLanguage": "xx-", "templates": [] }""", "'defaultLanguage' must be")]
    [InlineData("not json", "not a valid template file")]
    public void Validate_BadFile_NamesTheProblem(string json, string expected)
    {
        Assert.Contains(TemplateCatalog.Validate("f.json", json), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ReservedOrRepeatedBrand_ThrowsWithEveryError()
    {
        var ex = Assert.Throws<TemplateValidationException>(() => TemplateCatalog.Load(
        [
            ("star.json", BrandFile(brand: "*", templates: Entry("billing", "en", "x {caseRef}"))),
            ("a.json", BrandFile(templates: Entry("billing", "en", "x {caseRef}"))),
            ("b.json", BrandFile(templates: Entry("billing", "en", "y {caseRef}"))),
        ]));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.StartsWith("star.json: brand '*' is reserved", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("b.json: brand 'acme' already has a template file", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TheExampleInDocsEscalation_IsValid()
    {
        // Kept in step with the example in docs/escalation.md.
        const string example = """
            {
              "schemaVersion": 1,
              "version": "acme-2025-06",
              "brand": "acme",
              "defaultLanguage": "de",
              "safetyLine": "0800 123 456",
              "templates": [
                { "category": "safety", "language": "de",
                  "text": "Das tut uns sehr leid[[, {firstName?}]]. Bitte nutzen Sie das Produkt nicht mehr[[ und rufen Sie {safetyLine?} an]]. Fall {caseRef}. – {brandName}" },
                { "category": "default", "language": "en", "platforms": ["weibo"], "text": "Hi[[ {firstName?}]], case {caseRef} is open. – {brandName}" },
                { "category": "default", "language": "de", "channel": "public", "text": "Das tut uns leid. Schreiben Sie uns bitte eine Direktnachricht. – {brandName}" }
              ]
            }
            """;

        Assert.Empty(TemplateCatalog.Validate("acme.json", example));
        var catalog = TemplateCatalog.Load([("acme.json", example)]);
        Assert.Equal("acme/default/en/private/weibo", catalog.Select("acme", "default", "en", TemplateChannel.Private, Platform.Weibo).Template.Id);
        Assert.Equal("acme/safety/de/private", catalog.Select("acme", "safety", "de-AT", TemplateChannel.Private, Platform.Facebook).Template.Id);
        // The case's category comes before the brand: a shipped churn template beats the brand's default one.
        Assert.Equal("*/churn/en/private", catalog.Select("acme", "churn", "en", TemplateChannel.Private, Platform.Weibo).Template.Id);
    }
}
