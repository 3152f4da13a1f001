using System.Text.Json.Nodes;
using SocialFirst.Infra.Tests.Infrastructure;

namespace SocialFirst.Infra.Tests.Modules;

/// <summary>infra/modules/storage.bicep</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class StorageTemplateTests
{
    private readonly JsonObject _template;

    public StorageTemplateTests(CompiledTemplatesFixture templates) => _template = templates.Module("storage");

    private JsonObject Account => ArmTemplate.Single(_template, "Microsoft.Storage/storageAccounts");

    [Fact]
    public void Account_SharedKeyAccess_IsDisabled() =>
        Assert.False(Account["properties"]?["allowSharedKeyAccess"]?.GetValue<bool>());

    [Fact]
    public void Account_Transport_IsHttpsWithTls12() =>
        Assert.Multiple(
            () => Assert.Equal("TLS1_2", (string?)Account["properties"]?["minimumTlsVersion"]),
            () => Assert.True(Account["properties"]?["supportsHttpsTrafficOnly"]?.GetValue<bool>()));

    [Fact]
    public void Account_PublicBlobAccess_IsDisabled() =>
        Assert.False(Account["properties"]?["allowBlobPublicAccess"]?.GetValue<bool>());

    [Fact]
    public void Containers_DeploymentAndRawDeliveries_ArePrivate()
    {
        var containers = ArmTemplate.OfType(_template, "Microsoft.Storage/storageAccounts/blobServices/containers").ToList();

        Assert.Equal(2, containers.Count);
        Assert.Contains(containers, c => ((string?)c["name"])!.Contains("parameters('deploymentContainerName')", StringComparison.Ordinal));
        Assert.Contains(containers, c => ((string?)c["name"])!.Contains("parameters('rawDeliveriesContainerName')", StringComparison.Ordinal));
        Assert.All(containers, c => Assert.Equal("None", (string?)c["properties"]?["publicAccess"]));
        Assert.Equal("raw-deliveries", (string?)_template["parameters"]?["rawDeliveriesContainerName"]?["defaultValue"]);
    }

    [Fact]
    public void Queues_MentionsAndItsPoisonQueue_AreCreated()
    {
        var queues = ArmTemplate.OfType(_template, "Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => (string?)q["name"]).ToList();

        Assert.Equal("mentions", (string?)_template["parameters"]?["mentionsQueueName"]?["defaultValue"]);
        Assert.Contains(queues, n => n!.EndsWith("parameters('mentionsQueueName'))]", StringComparison.Ordinal));
        Assert.Contains(queues, n => n!.Contains("format('{0}-poison', parameters('mentionsQueueName'))", StringComparison.Ordinal));
    }

    [Fact]
    public void LifecycleRule_OnlyTouchesRawDeliveries()
    {
        var policy = ArmTemplate.Single(_template, "Microsoft.Storage/storageAccounts/managementPolicies");
        var rules = Assert.IsType<JsonArray>(policy["properties"]?["policy"]?["rules"]);

        var prefixes = rules.SelectMany(r => r?["definition"]?["filters"]?["prefixMatch"]?.AsArray() ?? []).Select(p => (string?)p).ToList();
        var prefix = Assert.Single(prefixes);
        Assert.Contains("rawDeliveriesContainerName", prefix, StringComparison.Ordinal);
    }
}
