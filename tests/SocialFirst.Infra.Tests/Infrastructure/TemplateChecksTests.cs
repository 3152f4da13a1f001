using System.Text.Json.Nodes;
using SocialFirst.Infra.Tests.Infrastructure;

namespace SocialFirst.Infra.Tests.Infrastructure;

/// <summary>The checks used on the real templates do catch bad templates.</summary>
public sealed class TemplateChecksTests
{
    private const string StorageId = "resourceId('Microsoft.Storage/storageAccounts', parameters('name'))";

    public static TheoryData<string, string?, string> BadRoleAssignments => new()
    {
        // name, scope, expected problem
        { $"[guid({StorageId}, parameters('p'), 'r')]", null, "no scope" },
        { $"[guid({StorageId}, parameters('p'), 'r')]", "[resourceGroup().id]", "not exactly one resource" },
        { $"[guid({StorageId}, parameters('p'), 'r')]", "[subscription().id]", "not exactly one resource" },
        { "[newGuid()]", $"[{StorageId}]", "deterministic" },
        { "fixed-name", $"[{StorageId}]", "deterministic" },
        { "[guid(resourceGroup().id, parameters('p'), 'r')]", $"[{StorageId}]", "guid(<scope id>" },
        { "[guid(resourceId('Microsoft.KeyVault/vaults', parameters('kv')), parameters('p'), 'r')]", "[resourceId('Microsoft.KeyVault/vaults', parameters('kv'))]", "not a resource declared" },
    };

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Platforms__Meta__AppSecret", "0123456789abcdef0123456789abcdef", "literal value" },
        { "Platforms__Meta__AppSecret", "[parameters('metaSecret')]", "not a Key Vault reference" },
        { "Api__Key", "[format('{0}', 'c2VjcmV0LXZhbHVlLWxvbmctZW5vdWdo')]", "secret-like literal" },
        { "SomeSetting", "hunter2", "literal value" },
    };

    [Theory]
    [MemberData(nameof(BadRoleAssignments))]
    public void RoleAssignmentProblems_BadAssignment_IsReported(string name, string? scope, string expected)
    {
        var problems = TemplateChecks.RoleAssignmentProblems(TemplateWith(name, scope));

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void RoleAssignmentProblems_AssignmentScopedToADeclaredResource_IsAccepted() =>
        Assert.Empty(TemplateChecks.RoleAssignmentProblems(TemplateWith($"[guid({StorageId}, parameters('p'), variables('r'))]", $"[{StorageId}]")));

    [Fact]
    public void RoleAssignmentProblems_NestedTemplate_IsInspected()
    {
        var outer = new JsonObject
        {
            ["resources"] = new JsonArray(new JsonObject
            {
                ["type"] = ArmTemplate.DeploymentsType,
                ["name"] = "inner",
                ["properties"] = new JsonObject { ["template"] = TemplateWith("[newGuid()]", null) },
            }),
        };

        Assert.Equal(2, TemplateChecks.RoleAssignmentProblems(outer).Count);
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void AppSettingProblems_SecretInSettings_IsReported(string name, string value, string expected)
    {
        var problems = TemplateChecks.AppSettingProblems([(name, value)]);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AppSettingProblems_KeyVaultReferenceAndIdentitySettings_AreAccepted() =>
        Assert.Empty(TemplateChecks.AppSettingProblems(
        [
            ("Platforms__Meta__AppSecret", "[format('@Microsoft.KeyVault(SecretUri={0}meta-app-secret)', variables('prefix'))]"),
            ("Api__Key", "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/api-key)"),
            ("AzureWebJobsStorage__credential", "managedidentity"),
            ("AzureWebJobsStorage__clientId", "[parameters('identityClientId')]"),
        ]));

    [Fact]
    public void RoleDefinitionGuid_VariableReference_IsResolved()
    {
        var template = TemplateWith($"[guid({StorageId}, parameters('p'), variables('r'))]", $"[{StorageId}]");
        var assignment = ArmTemplate.AllResources(template).Single(r => r.Type == TemplateChecks.RoleAssignmentType);

        Assert.Equal("974c5e8b-45b9-4653-ba55-5f855dd0fb88", TemplateChecks.RoleDefinitionGuid(assignment));
    }

    private static JsonObject TemplateWith(string name, string? scope)
    {
        var assignment = new JsonObject
        {
            ["type"] = TemplateChecks.RoleAssignmentType,
            ["name"] = name,
            ["properties"] = new JsonObject
            {
                ["roleDefinitionId"] = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('r'))]",
            },
        };
        if (scope is not null)
        {
            assignment["scope"] = scope;
        }

        return new JsonObject
        {
            ["variables"] = new JsonObject { ["r"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88" },
            ["resources"] = new JsonArray(
                new JsonObject { ["type"] = "Microsoft.Storage/storageAccounts", ["name"] = "[parameters('name')]" },
                assignment),
        };
    }
}
