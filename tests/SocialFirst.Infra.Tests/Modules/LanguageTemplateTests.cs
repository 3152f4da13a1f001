using System.Text.Json.Nodes;
using SocialFirst.Infra.Tests.Infrastructure;

namespace SocialFirst.Infra.Tests.Modules;

/// <summary>infra/modules/language.bicep and its optional use from main.bicep.</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class LanguageTemplateTests
{
    private readonly JsonObject _template;
    private readonly JsonObject _main;

    public LanguageTemplateTests(CompiledTemplatesFixture templates)
    {
        _template = templates.Module("language");
        _main = templates.Main;
    }

    private JsonObject Account => ArmTemplate.Single(_template, "Microsoft.CognitiveServices/accounts");

    [Fact]
    public void Account_IsTextAnalyticsWithLocalAuthDisabled()
    {
        Assert.Equal("TextAnalytics", (string?)Account["kind"]);
        Assert.True(Account["properties"]?["disableLocalAuth"]?.GetValue<bool>());
    }

    [Fact]
    public void Account_CustomSubdomain_IsSetForEntraTokens() =>
        Assert.Equal("[parameters('name')]", (string?)Account["properties"]?["customSubDomainName"]);

    [Fact]
    public void Module_IsOptionalAndOffByDefault()
    {
        Assert.Equal("[parameters('deployLanguage')]", (string?)ArmTemplate.Deployment(_main, "language")["condition"]);
        Assert.False(_main["parameters"]?["deployLanguage"]?["defaultValue"]?.GetValue<bool>());
    }
}
