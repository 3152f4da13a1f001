using System.Text.Json.Nodes;
using SocialFirst.Infra.Tests.Infrastructure;

namespace SocialFirst.Infra.Tests.Modules;

/// <summary>infra/modules/functionapp.bicep: plan, site, runtime, app settings.</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class FunctionAppTemplateTests
{
    private readonly JsonObject _template;
    private readonly JsonObject _main;

    public FunctionAppTemplateTests(CompiledTemplatesFixture templates)
    {
        _template = templates.Module("functionapp");
        _main = templates.Main;
    }

    public static TheoryData<string> SecretSettings => new()
    {
        "Platforms__Meta__AppSecret",
        "Platforms__Meta__VerifyToken",
        "Platforms__X__ConsumerSecret",
        "Platforms__WeChat__Token",
        "Platforms__WeChat__EncodingAesKey",
        "Platforms__Weibo__AppSecret",
        "Platforms__Generic__Secret",
        "Api__Key",
        "Platforms__Meta__InstagramAppSecret",
    };

    public static TheoryData<string> RequiredSettings => new()
    {
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "ServiceBusConnection__fullyQualifiedNamespace",
        "ServiceBusConnection__credential",
        "ServiceBusConnection__clientId",
        "ServiceBus__FullyQualifiedNamespace",
        "ServiceBus__ManagedIdentityClientId",
        "ServiceBus__EscalationsQueue",
        "MentionsQueue",
        "EscalationsQueue",
        "Language__Mode",
        "Language__Endpoint",
        "Language__ManagedIdentityClientId",
        "AZURE_CLIENT_ID",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "Api__Key",
        "DOTNET_TC_CallCountingDelayMs",
        "Escalation__DryRun",
    };

    public static TheoryData<string, string, string[]> WebhookPlatforms => new()
    {
        { "Meta", "metaSettings", ["Platforms__Meta__AppSecret", "Platforms__Meta__VerifyToken"] },
        { "Instagram", "instagramSettings", ["Platforms__Meta__InstagramAppSecret"] },
        { "X", "xSettings", ["Platforms__X__ConsumerSecret"] },
        { "WeChat", "weChatSettings", ["Platforms__WeChat__Token", "Platforms__WeChat__EncodingAesKey", "Platforms__WeChat__AppId"] },
        { "Weibo", "weiboSettings", ["Platforms__Weibo__AppSecret"] },
        { "Generic", "genericSettings", ["Platforms__Generic__Secret"] },
    };

    private JsonObject Site => ArmTemplate.Single(_template, "Microsoft.Web/sites");

    private JsonObject Plan => ArmTemplate.Single(_template, "Microsoft.Web/serverfarms");

    private IReadOnlyList<(string Name, string Value)> CommonSettings => SettingsVariable("commonSettings");

    private IReadOnlyList<(string Name, string Value)> PremiumOnlySettings => SettingsVariable("premiumOnlySettings");

    /// <summary>Every literal settings list in the template (common, per platform, premium-only).</summary>
    private IReadOnlyList<(string Name, string Value)> AllSettings =>
        new[] { "commonSettings", "metaSettings", "instagramSettings", "xSettings", "weChatSettings", "weiboSettings", "genericSettings", "premiumOnlySettings" }
            .SelectMany(SettingsVariable)
            .ToList();

    [Fact]
    public void Plan_Default_IsFlexConsumptionFc1()
    {
        Assert.Equal("FC1", (string?)_main["parameters"]?["planSku"]?["defaultValue"]);
        Assert.Equal("FC1", (string?)_template["parameters"]?["planSku"]?["defaultValue"]);
        Assert.Equal("[parameters('planSku')]", (string?)ArmTemplate.Deployment(_main, "functionapp")["properties"]?["parameters"]?["planSku"]?["value"]);
        Assert.Equal("[variables('planSkus')[parameters('planSku')]]", (string?)Plan["sku"]);
        Assert.Equal("FlexConsumption", (string?)ArmTemplate.Variable(_template, "planSkus")?["FC1"]?["tier"]);
        Assert.Equal("ElasticPremium", (string?)ArmTemplate.Variable(_template, "planSkus")?["EP1"]?["tier"]);
        Assert.Equal("[equals(parameters('planSku'), 'FC1')]", (string?)ArmTemplate.Variable(_template, "isFlex"));
        Assert.True(Plan["properties"]?["reserved"]?.GetValue<bool>(), "Linux plan");
    }

    [Fact]
    public void Site_OnFlex_RunsRuntimeCustom10FromTheDeploymentContainerWithTheIdentity()
    {
        var config = ArmTemplate.Variable(_template, "flexFunctionAppConfig");

        Assert.Equal("[if(variables('isFlex'), variables('flexFunctionAppConfig'), null())]", (string?)Site["properties"]?["functionAppConfig"]);
        Assert.Equal("custom", (string?)config?["runtime"]?["name"]);
        Assert.Equal("1.0", (string?)config?["runtime"]?["version"]);
        Assert.Equal("blobContainer", (string?)config?["deployment"]?["storage"]?["type"]);
        Assert.Equal("[format('{0}{1}', parameters('blobEndpoint'), parameters('deploymentContainerName'))]", (string?)config?["deployment"]?["storage"]?["value"]);
        Assert.Equal("UserAssignedIdentity", (string?)config?["deployment"]?["storage"]?["authentication"]?["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)config?["deployment"]?["storage"]?["authentication"]?["userAssignedIdentityResourceId"]);
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)config?["scaleAndConcurrency"]?["maximumInstanceCount"]);
        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)config?["scaleAndConcurrency"]?["instanceMemoryMB"]);
    }

    [Fact]
    public void Site_IsLinuxHttpsOnlyAndTaggedForAzd()
    {
        Assert.Equal("functionapp,linux", (string?)Site["kind"]);
        Assert.True(Site["properties"]?["httpsOnly"]?.GetValue<bool>());
        Assert.Equal("1.2", (string?)Site["properties"]?["siteConfig"]?["minTlsVersion"]);
        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', parameters('azdServiceName')))]", (string?)Site["tags"]);
        Assert.Equal("functions", (string?)_template["parameters"]?["azdServiceName"]?["defaultValue"]);
    }

    [Fact]
    public void Site_Identity_IsTheUserAssignedIdentityAlsoForKeyVaultReferences()
    {
        Assert.Equal("UserAssigned", (string?)Site["identity"]?["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)Site["properties"]?["keyVaultReferenceIdentity"]);
    }

    [Fact]
    public void Site_BasicAuthPublishing_IsDisabled()
    {
        var policies = ArmTemplate.OfType(_template, "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(p["properties"]?["allow"]?.GetValue<bool>()));
    }

    [Fact]
    public void AppSettings_Site_UsesCommonPlatformAndEscalationSettingsAndPremiumOnlyOffFlex() =>
        Assert.Equal(
            "[concat(variables('commonSettings'), variables('platformSettings'), variables('escalationPlatformSettings'), variables('messagingTokenSettings'), variables('xClientSettings'), if(variables('isFlex'), createArray(), variables('premiumOnlySettings')))]",
            (string?)Site["properties"]?["siteConfig"]?["appSettings"]);

    [Fact]
    public void AppSettings_MessagingTokens_AreKeyVaultReferencesNamedAsTheAppReadsThem()
    {
        var json = _template.ToJsonString();

        Assert.Contains("Messaging__Meta__PageTokens__", json, StringComparison.Ordinal);
        Assert.Contains("Messaging__X__RefreshTokens__", json, StringComparison.Ordinal);
        Assert.Contains("Messaging__X__ClientSecret", json, StringComparison.Ordinal);
        Assert.Contains("Messaging__WeChat__Apps__", json, StringComparison.Ordinal);
        Assert.Contains("__AppSecret", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Messaging__WeChat__AccessTokens__", json, StringComparison.Ordinal);
        Assert.Contains("Messaging__Weibo__AccessTokens__", json, StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", json[json.IndexOf("messagingTokenSettings", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WebhookPlatforms))]
    public void AppSettings_WebhookPlatform_IsWiredOnlyWhenListed(string platform, string variable, string[] names)
    {
        Assert.Contains(
            $"if(contains(parameters('webhookPlatforms'), '{platform}'), variables('{variable}'), createArray())",
            (string?)ArmTemplate.Variable(_template, "platformSettings"),
            StringComparison.Ordinal);
        Assert.Equal(names, SettingsVariable(variable).Select(s => s.Name));
        Assert.DoesNotContain(CommonSettings, s => s.Name.StartsWith("Platforms__", StringComparison.Ordinal));
    }

    [Fact]
    public void WebhookPlatforms_NoneByDefault_AndNamesAreValidated()
    {
        Assert.Equal(string.Empty, (string?)_main["parameters"]?["webhookPlatforms"]?["defaultValue"]);
        var allowed = Assert.IsType<JsonArray>(_template["parameters"]?["webhookPlatforms"]?["allowedValues"]).Select(v => (string?)v);
        Assert.Equal(["Meta", "Instagram", "X", "WeChat", "Weibo", "Generic"], allowed);
        Assert.Equal("[variables('wiredWebhookPlatforms')]", (string?)ArmTemplate.Deployment(_main, "functionapp")["properties"]?["parameters"]?["webhookPlatforms"]?["value"]);
    }

    [Theory]
    [MemberData(nameof(RequiredSettings))]
    public void AppSettings_RequiredSetting_IsPresentOnEveryPlanAndPlatformChoice(string name) =>
        Assert.Contains(CommonSettings, s => s.Name == name);

    [Theory]
    [MemberData(nameof(SecretSettings))]
    public void AppSettings_PlatformSecret_IsAKeyVaultReference(string name)
    {
        var setting = Assert.Single(AllSettings, s => s.Name == name);

        Assert.True(TemplateChecks.IsKeyVaultReference(setting.Value), $"{name} = {setting.Value}");
        Assert.Contains("variables('keyVaultSecretUriPrefix')", setting.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_KeyVaultReferences_PointAtTheVaultSecretsPath() =>
        Assert.Equal("[format('{0}secrets/', parameters('keyVaultUri'))]", (string?)ArmTemplate.Variable(_template, "keyVaultSecretUriPrefix"));

    [Fact]
    public void AppSettings_NoValue_LooksLikeASecretLiteral() =>
        Assert.Empty(TemplateChecks.AppSettingProblems(AllSettings));

    [Fact]
    public void AppSettings_FunctionsWorkerRuntime_IsCustomAndOnlyForNonFlexPlans()
    {
        Assert.DoesNotContain(CommonSettings, s => s.Name is "FUNCTIONS_WORKER_RUNTIME" or "FUNCTIONS_EXTENSION_VERSION" or "WEBSITE_RUN_FROM_PACKAGE");
        Assert.Contains(("FUNCTIONS_WORKER_RUNTIME", "custom"), PremiumOnlySettings);
        Assert.Contains(PremiumOnlySettings, s => s.Name == "WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID" && s.Value == "[parameters('identityId')]");
    }

    [Fact]
    public void AppSettings_Jit_PromotesHotMethodsAtOnce() =>
        Assert.Contains(("DOTNET_TC_CallCountingDelayMs", "0"), CommonSettings);

    [Fact]
    public void AppSettings_Escalation_IsDryRunByDefault()
    {
        Assert.Contains(("Escalation__DryRun", "[if(parameters('escalationDryRun'), 'true', 'false')]"), CommonSettings);
        Assert.True(_main["parameters"]?["escalationDryRun"]?["defaultValue"]?.GetValue<bool>());
        Assert.True(_template["parameters"]?["escalationDryRun"]?["defaultValue"]?.GetValue<bool>());
    }

    [Fact]
    public void AppSettings_IdentityConnections_UseTheManagedIdentity()
    {
        Assert.Contains(("AzureWebJobsStorage__credential", "managedidentity"), CommonSettings);
        Assert.Contains(("ServiceBusConnection__credential", "managedidentity"), CommonSettings);
        Assert.Contains(("AzureWebJobsStorage__clientId", "[parameters('identityClientId')]"), CommonSettings);
        Assert.Contains(("ServiceBusConnection__clientId", "[parameters('identityClientId')]"), CommonSettings);
        Assert.Contains(("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]"), CommonSettings);
        Assert.DoesNotContain(CommonSettings, s => s.Name == "AzureWebJobsStorage");
    }

    [Fact]
    public void AppSettings_LanguageMode_IsCascadeOnlyWhenTheLanguageAccountExists()
    {
        Assert.Contains(("Language__Mode", "[if(empty(parameters('languageEndpoint')), 'Embedded', 'Cascade')]"), CommonSettings);
        // main passes the Language endpoint only when the optional module is deployed, else ''.
        var passed = (string?)ArmTemplate.Deployment(_main, "functionapp")["properties"]?["parameters"]?["languageEndpoint"];
        Assert.StartsWith("[if(parameters('deployLanguage'), createObject('value', reference(", passed, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.endpoint.value), createObject('value', ''))]", passed, StringComparison.Ordinal);
    }

    private List<(string Name, string Value)> SettingsVariable(string name) =>
        Assert.IsType<JsonArray>(ArmTemplate.Variable(_template, name))
            .Select(s => ((string?)s?["name"] ?? string.Empty, (string?)s?["value"] ?? string.Empty))
            .ToList();
}
