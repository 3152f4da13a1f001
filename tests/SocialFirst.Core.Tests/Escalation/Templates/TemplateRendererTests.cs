using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Escalation.Templates;
using SocialFirst.Core.Mentions;
using static SocialFirst.Core.Tests.Escalation.Templates.TemplateCatalogTests;

namespace SocialFirst.Core.Tests.Escalation.Templates;

public class TemplateRendererTests
{
    private static TemplateRequest Request(string language, string category = "default", Platform platform = Platform.Facebook, string? name = "Ana Novak", TemplateChannel channel = TemplateChannel.Private) => new()
    {
        BrandId = "acme",
        BrandName = "Acme",
        Category = category,
        CustomerLanguage = language,
        Platform = platform,
        Channel = channel,
        CaseRef = "K3F9-QX2M7A",
        CustomerDisplayName = name,
    };

    public static TheoryData<string, string> Greetings => new()
    {
        { "en", "Hello Ana, thank you for reaching out. We've opened case K3F9-QX2M7A and will reply to you here shortly. – Acme" },
        { "de", "Hallo Ana, danke für Ihre Nachricht. Wir haben den Fall K3F9-QX2M7A eröffnet und antworten Ihnen hier in Kürze. – Acme" },
        { "sl", "Pozdravljeni, Ana, hvala, da ste nam pisali. Odprli smo primer K3F9-QX2M7A in vam bomo kmalu odgovorili tukaj. – Acme" },
        { "zh-Hans", "Ana，您好，感谢您联系我们。我们已创建工单 K3F9-QX2M7A，会尽快在此回复您。——Acme" },
        { "ja", "Ana様、ご連絡ありがとうございます。ケース番号 K3F9-QX2M7A にて承りました。こちらで早急にご回答いたします。Acme" },
    };

    [Theory]
    [MemberData(nameof(Greetings))]
    public void Preview_WithFirstName_GreetsByFirstNameInTheCustomersLanguage(string language, string expected)
    {
        var rendered = TemplateRenderer.Preview(TemplateCatalog.Default, Request(language));

        Assert.Equal(expected, rendered.Text);
        Assert.Equal(language, rendered.Language);
        Assert.True(rendered.FitsLimit);
    }

    [Theory]
    [InlineData("en", "Hello, thank you for reaching out.")]
    [InlineData("fr", "Bonjour, merci de nous avoir contactés.")]
    [InlineData("zh-Hant", "您好，感謝您與我們聯絡。")]
    [InlineData("ja", "ご連絡ありがとうございます。")]
    public void Preview_WithoutFirstName_DropsTheGreetingSectionCleanly(string language, string expectedStart)
    {
        var rendered = TemplateRenderer.Preview(TemplateCatalog.Default, Request(language, name: "@handle_99"));

        Assert.StartsWith(expectedStart, rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("[[", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_SafetyWithBrandSafetyLine_IncludesIt_AndWithoutItLeavesTheSentenceWhole()
    {
        var withLine = TemplateCatalog.Load([("acme.json", BrandFile(safetyLine: "0800 123 456", templates: Entry("legal", "en", "Legal {caseRef}")))]);

        var offered = TemplateRenderer.Preview(withLine, Request("en", "safety", name: null));
        var none = TemplateRenderer.Preview(TemplateCatalog.Default, Request("en", "safety", name: null));

        Assert.Equal("We're so sorry. Your safety comes first: please stop using the product for now and call 0800 123 456. Case K3F9-QX2M7A is open; we'll contact you shortly. – Acme", offered.Text);
        Assert.Equal("We're so sorry. Your safety comes first: please stop using the product for now. Case K3F9-QX2M7A is open; we'll contact you shortly. – Acme", none.Text);
    }

    [Fact]
    public void Preview_PublicReply_NeverCarriesTheNameOrCase()
    {
        var rendered = TemplateRenderer.Preview(TemplateCatalog.Default, Request("es", "security", Platform.X, channel: TemplateChannel.Public));

        Assert.Equal("Sentimos lo ocurrido. Envíenos un mensaje directo para que podamos ayudarle. – Acme", rendered.Text);
        Assert.Equal(LengthUnit.XWeighted, rendered.Limit.Unit);
    }

    [Fact]
    public void Render_ValuesAreInsertedLiterally()
    {
        var rendered = TemplateRenderer.Preview(TemplateCatalog.Default, Request("en") with { BrandName = "{caseRef} [[x]]" });

        Assert.EndsWith("– {caseRef} [[x]]", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OverThePlatformLimit_Throws_PreviewReportsIt()
    {
        var request = Request("en", platform: Platform.Weibo) with { BrandName = new string('B', 250) };

        var preview = TemplateRenderer.Preview(TemplateCatalog.Default, request);

        Assert.False(preview.FitsLimit);
        Assert.True(preview.Length > 300);
        var ex = Assert.Throws<TemplateValidationException>(() => TemplateRenderer.Render(TemplateCatalog.Default, request));
        Assert.Contains("Weibo limit of 300", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, Platform> EveryShippedTemplate()
    {
        var data = new TheoryData<string, string, Platform>();
        foreach (var t in TemplateCatalog.Default.Sets["*"].Templates.Where(t => t.Channel == TemplateChannel.Private))
        {
            foreach (var p in MessageLimits.PlatformsFor(TemplateChannel.Private))
            {
                data.Add(t.Language, t.Category, p);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryShippedTemplate))]
    public void Render_EveryShippedTemplateWithLongestValues_FitsEveryPlatform(string language, string category, Platform platform)
    {
        var match = TemplateCatalog.Default.Select("x", category, language, TemplateChannel.Private, platform);
        var values = new TemplateValues(new string('K', Placeholders.CaseRefMaxLength), new string('字', Placeholders.BrandNameMaxLength), new string('名', Placeholders.FirstNameMaxLength), new string('9', Placeholders.SafetyLineMaxLength));

        var rendered = TemplateRenderer.Render(match, values, platform);

        Assert.True(rendered.FitsLimit, $"{rendered.TemplateId}: {rendered.Length}/{rendered.Limit.Max}");
        Assert.Contains(values.CaseRef, rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('{', rendered.Text);
    }

    [Theory]
    [InlineData("Ana Novak", "Ana")]
    [InlineData("  José  María ", "José")]
    [InlineData("王小明", "王小明")]
    [InlineData("Ana,", "Ana")]
    [InlineData("@ana", null)]
    [InlineData("ana@example.com", null)]
    [InlineData("user12345", null)]
    [InlineData("https://spam.example", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null)]
    public void SanitizeFirstName_KeepsOnlyAPlainFirstName(string? input, string? expected)
    {
        Assert.Equal(expected, TemplateValues.SanitizeFirstName(input));
    }
}

public class FileTemplateStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sf-templates-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private FileTemplateStore CreateSut() =>
        new(Options.Create(new TemplateOptions { Directory = _dir }), NullLogger<FileTemplateStore>.Instance);

    [Fact]
    public void Render_BrandFileInDirectory_IsUsed()
    {
        File.WriteAllText(Path.Combine(_dir, "acme.json"), BrandFile(templates: Entry("billing", "en", "Acme billing: case {caseRef}.")));

        var rendered = CreateSut().Render(new TemplateRequest { BrandId = "acme", BrandName = "Acme", Category = "billing", CustomerLanguage = "en", Platform = Platform.Weibo, CaseRef = "C1" });

        Assert.Equal("Acme billing: case C1.", rendered.Text);
        Assert.Equal("acme-3", rendered.Version);
    }

    [Fact]
    public void Validator_InvalidFile_FailsNamingTheFile()
    {
        File.WriteAllText(Path.Combine(_dir, "broken.json"), BrandFile(templates: Entry("billing", "en", "no case ref")));

        var result = new TemplateOptionsValidator().Validate(null, new TemplateOptions { Directory = _dir });

        Assert.True(result.Failed);
        Assert.Contains("broken.json", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_MissingDirectoryOrNone_FailsOrPasses()
    {
        Assert.True(new TemplateOptionsValidator().Validate(null, new TemplateOptions { Directory = Path.Combine(_dir, "nope") }).Failed);
        Assert.True(new TemplateOptionsValidator().Validate(null, new TemplateOptions()).Succeeded);
    }
}
