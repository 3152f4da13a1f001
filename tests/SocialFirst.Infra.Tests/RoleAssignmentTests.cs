using SocialFirst.Infra.Tests.Infrastructure;

namespace SocialFirst.Infra.Tests;

/// <summary>Every role assignment in infra/: least privilege, one resource per assignment, deterministic names.</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class RoleAssignmentTests
{
    // Role GUIDs from docs/reference (cross-checked in two or more independent files).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string CognitiveServicesUser = "a97b65f3-24c7-4388-baec-2e87135dc908";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private readonly CompiledTemplatesFixture _templates;

    public RoleAssignmentTests(CompiledTemplatesFixture templates) => _templates = templates;

    public static TheoryData<string, string, string> AppIdentityRoles => new()
    {
        { StorageBlobDataOwner, "storage", "Microsoft.Storage/storageAccounts" },
        { StorageQueueDataContributor, "storage", "Microsoft.Storage/storageAccounts" },
        { StorageTableDataContributor, "storage", "Microsoft.Storage/storageAccounts" },
        { ServiceBusDataSender, "servicebus", "Microsoft.ServiceBus/namespaces/queues" },
        { ServiceBusDataReceiver, "servicebus", "Microsoft.ServiceBus/namespaces/queues" },
        { CognitiveServicesUser, "language", "Microsoft.CognitiveServices/accounts" },
        { KeyVaultSecretsUser, "keyvault", "Microsoft.KeyVault/vaults" },
        { MonitoringMetricsPublisher, "monitoring", "Microsoft.Insights/components" },
    };

    public static TheoryData<string> ForbiddenRoles => new()
    {
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", // Owner
        "b24988ac-6180-42a0-ab88-20f7382dd24c", // Contributor
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", // User Access Administrator
        "17d1049b-9a84-46fb-8f53-869881c3d3ab", // Storage Account Contributor
        "090c5cfd-751d-490a-894a-3ce6f1109419", // Azure Service Bus Data Owner
        "00482a5a-887f-4fb3-b363-3b7fe8e74483", // Key Vault Administrator
    };

    private IReadOnlyList<ArmResource> RoleAssignments =>
        ArmTemplate.AllResources(_templates.Main).Where(r => r.Type == TemplateChecks.RoleAssignmentType).ToList();

    [Fact]
    public void RoleAssignments_Each_IsScopedToOneResourceWithADeterministicName() =>
        Assert.Empty(TemplateChecks.RoleAssignmentProblems(_templates.Main));

    [Fact]
    public void RoleAssignments_NoneAtSubscriptionScope() =>
        Assert.DoesNotContain(ArmTemplate.Resources(_templates.Main), r => (string?)r["type"] == TemplateChecks.RoleAssignmentType);

    [Theory]
    [MemberData(nameof(AppIdentityRoles))]
    public void AppIdentity_Role_IsAssignedOnTheRightResource(string roleId, string module, string scopeType)
    {
        var assignment = Assert.Single(
            RoleAssignments,
            r => r.DeploymentPath == $"main/{module}" && TemplateChecks.RoleDefinitionGuid(r) == roleId);

        Assert.StartsWith($"[resourceId('{scopeType}', ", (string?)assignment.Node["scope"], StringComparison.Ordinal);
        Assert.Contains("resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('appIdentityName'))", assignment.Name, StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)assignment.Properties?["principalType"]);
    }

    [Fact]
    public void AppIdentity_HasNoOtherRoles()
    {
        var appRoles = RoleAssignments
            .Where(r => r.Name!.Contains("userAssignedIdentities", StringComparison.Ordinal))
            .Select(TemplateChecks.RoleDefinitionGuid)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, ServiceBusDataSender, ServiceBusDataReceiver, CognitiveServicesUser, KeyVaultSecretsUser, MonitoringMetricsPublisher }.Order(StringComparer.Ordinal),
            appRoles);
    }

    [Theory]
    [MemberData(nameof(ForbiddenRoles))]
    public void RoleAssignments_BroadRole_IsNeverGranted(string roleId) =>
        Assert.DoesNotContain(RoleAssignments, r => TemplateChecks.RoleDefinitionGuid(r) == roleId);

    [Fact]
    public void DeployingPrincipal_Roles_AreOptionalAndNarrow()
    {
        var userRoles = RoleAssignments.Where(r => r.Name!.Contains("parameters('userPrincipalId')", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(userRoles);
        Assert.All(userRoles, r => Assert.Contains("not(empty(parameters('userPrincipalId')))", (string?)r.Node["condition"], StringComparison.Ordinal));
        Assert.All(userRoles, r => Assert.Equal("[parameters('userPrincipalType')]", (string?)r.Properties?["principalType"]));
        Assert.Contains(userRoles, r => TemplateChecks.RoleDefinitionGuid(r) == "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"); // Key Vault Secrets Officer
    }
}
