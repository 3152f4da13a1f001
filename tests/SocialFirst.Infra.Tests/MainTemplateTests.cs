using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SocialFirst.Infra.Tests.Infrastructure;

namespace SocialFirst.Infra.Tests;

/// <summary>infra/main.bicep and infra/main.parameters.json: azd conventions.</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed partial class MainTemplateTests
{
    private readonly CompiledTemplatesFixture _templates;

    public MainTemplateTests(CompiledTemplatesFixture templates) => _templates = templates;

    public static TheoryData<string> RequiredOutputs => new()
    {
        "AZURE_LOCATION",
        "AZURE_TENANT_ID",
        "AZURE_RESOURCE_GROUP",
        "FUNCTION_APP_NAME",
        "FUNCTION_APP_URL",
        "SERVICE_BUS_NAMESPACE",
        "STORAGE_ACCOUNT_NAME",
        "KEY_VAULT_NAME",
        "LANGUAGE_ENDPOINT",
    };

    public static TheoryData<string, string> AzdParameters => new()
    {
        { "environmentName", "${AZURE_ENV_NAME}" },
        { "location", "${AZURE_LOCATION}" },
        { "principalId", "${AZURE_PRINCIPAL_ID}" },
    };

    private JsonObject Main => _templates.Main;

    [Fact]
    public void Main_TargetScope_IsSubscription() =>
        Assert.Contains("subscriptionDeploymentTemplate.json", Main["$schema"]?.GetValue<string>(), StringComparison.Ordinal);

    [Fact]
    public void Main_ResourceGroup_IsNamedRgDashEnvironmentAndTagged()
    {
        var rg = ArmTemplate.Single(Main, "Microsoft.Resources/resourceGroups");

        Assert.Equal("[format('{0}{1}', variables('abbrs').resourceGroup, parameters('environmentName'))]", (string?)rg["name"]);
        Assert.Equal("rg-", (string?)ArmTemplate.Variable(Main, "abbrs")?["resourceGroup"]);
        Assert.Equal("[variables('tags')]", (string?)rg["tags"]);
    }

    [Fact]
    public void Main_ResourceToken_DerivesFromSubscriptionEnvironmentAndLocation() =>
        Assert.Equal(
            "[toLower(uniqueString(subscription().id, parameters('environmentName'), parameters('location')))]",
            (string?)ArmTemplate.Variable(Main, "resourceToken"));

    [Fact]
    public void Main_LocationParameter_IsAnAzdLocation() =>
        Assert.Equal("location", (string?)Main["parameters"]?["location"]?["metadata"]?["azd"]?["type"]);

    [Fact]
    public void Main_Tags_CarryAzdEnvName() =>
        Assert.Equal("[parameters('environmentName')]", (string?)ArmTemplate.Variable(Main, "tags")?["azd-env-name"]);

    [Fact]
    public void Main_EveryModule_IsDeployedIntoTheResourceGroupWithTheAzdTags()
    {
        var modules = ArmTemplate.OfType(Main, ArmTemplate.DeploymentsType).ToList();

        Assert.Equal(7, modules.Count);
        foreach (var module in modules)
        {
            Assert.Equal("[variables('tags')]", (string?)module["properties"]?["parameters"]?["tags"]?["value"]);
            Assert.StartsWith("[format('{0}{1}', variables('abbrs').resourceGroup", (string?)module["resourceGroup"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Resources_EveryTrackedResource_HasTags()
    {
        var tracked = ArmTemplate.AllResources(Main).Where(r => r.Node["location"] is not null).ToList();

        Assert.True(tracked.Count >= 10);
        Assert.All(tracked, r => Assert.True(r.Node["tags"] is not null, $"{r} has no tags"));
        Assert.All(
            tracked.Where(r => r.DeploymentPath != "main"),
            r => Assert.Contains("parameters('tags')", (string?)r.Node["tags"], StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RequiredOutputs))]
    public void Main_Outputs_IncludeValueForAzd(string output) =>
        Assert.True(Main["outputs"]?[output] is not null, $"output {output} is missing");

    [Fact]
    public void Main_Outputs_AreUpperSnakeCaseStrings()
    {
        var outputs = Assert.IsType<JsonObject>(Main["outputs"]);

        foreach (var (name, output) in outputs)
        {
            Assert.Matches(UpperSnake(), name);
            Assert.Equal("string", (string?)output?["type"]);
            Assert.DoesNotContain("list", (string?)output?["value"] ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(AzdParameters))]
    public void ParametersFile_AzdVariable_MapsToParameter(string parameter, string value)
    {
        var file = CompiledTemplatesFixture.Load(Path.Combine(RepoPaths.Infra, "main.parameters.json"));

        Assert.Equal(value, (string?)file["parameters"]?[parameter]?["value"]);
    }

    [Fact]
    public void ParametersFile_EveryEntry_IsAnEnvironmentReferenceToADeclaredParameter()
    {
        var file = CompiledTemplatesFixture.Load(Path.Combine(RepoPaths.Infra, "main.parameters.json"));
        var declared = Assert.IsType<JsonObject>(Main["parameters"]);

        foreach (var (name, entry) in Assert.IsType<JsonObject>(file["parameters"]))
        {
            Assert.True(declared.ContainsKey(name), $"{name} is not a parameter of main.bicep");
            Assert.Matches(EnvironmentReference(), (string?)entry?["value"] ?? string.Empty);
        }
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();

    // ${NAME} or ${NAME=default}: values come from the azd environment, never literals in the file.
    [GeneratedRegex(@"^\$\{[A-Z][A-Z0-9_]*(=[A-Za-z0-9]*)?\}$")]
    private static partial Regex EnvironmentReference();
}
