using System.Text.Json.Nodes;
using SocialFirst.Infra.Tests.Infrastructure;

namespace SocialFirst.Infra.Tests.Modules;

/// <summary>infra/modules/monitoring.bicep</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class MonitoringTemplateTests
{
    private readonly JsonObject _template;

    public MonitoringTemplateTests(CompiledTemplatesFixture templates) => _template = templates.Module("monitoring");

    [Fact]
    public void ApplicationInsights_LocalAuth_IsDisabledAndWorkspaceBased()
    {
        var component = ArmTemplate.Single(_template, "Microsoft.Insights/components");

        Assert.True(component["properties"]?["DisableLocalAuth"]?.GetValue<bool>());
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string?)component["properties"]?["WorkspaceResourceId"], StringComparison.Ordinal);
    }
}
