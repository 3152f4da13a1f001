using System.Text.Json.Nodes;
using SocialFirst.Infra.Tests.Infrastructure;

namespace SocialFirst.Infra.Tests.Modules;

/// <summary>infra/modules/servicebus.bicep</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class ServiceBusTemplateTests
{
    private readonly JsonObject _template;
    private readonly JsonObject _main;

    public ServiceBusTemplateTests(CompiledTemplatesFixture templates)
    {
        _template = templates.Module("servicebus");
        _main = templates.Main;
    }

    private JsonObject Namespace => ArmTemplate.Single(_template, "Microsoft.ServiceBus/namespaces");

    private JsonObject Queue => ArmTemplate.Single(_template, "Microsoft.ServiceBus/namespaces/queues");

    [Fact]
    public void Namespace_LocalAuth_IsDisabled() =>
        Assert.True(Namespace["properties"]?["disableLocalAuth"]?.GetValue<bool>());

    [Fact]
    public void Namespace_Tls_IsAtLeast12() =>
        Assert.Equal("1.2", (string?)Namespace["properties"]?["minimumTlsVersion"]);

    [Fact]
    public void Sku_BasicTier_IsNotAllowed()
    {
        // Duplicate detection needs Standard or Premium.
        foreach (var parameter in new[] { _template["parameters"]?["skuName"], _main["parameters"]?["serviceBusSku"] })
        {
            var allowed = Assert.IsType<JsonArray>(parameter?["allowedValues"]).Select(v => (string?)v).ToList();
            Assert.DoesNotContain("Basic", allowed);
            Assert.Equal("Standard", (string?)parameter?["defaultValue"]);
        }
    }

    [Fact]
    public void Queue_IsNamedEscalations() =>
        Assert.Equal("escalations", (string?)_template["parameters"]?["escalationsQueueName"]?["defaultValue"]);

    [Fact]
    public void Queue_DuplicateDetection_IsOnWithAOneHourWindow()
    {
        var properties = Queue["properties"]!;

        Assert.True(properties["requiresDuplicateDetection"]?.GetValue<bool>());
        Assert.Equal("PT1H", (string?)properties["duplicateDetectionHistoryTimeWindow"]);
    }

    [Fact]
    public void Queue_ExpiredMessages_AreDeadLettered()
    {
        var properties = Queue["properties"]!;

        Assert.True(properties["deadLetteringOnMessageExpiration"]?.GetValue<bool>());
        Assert.Equal("P1D", (string?)properties["defaultMessageTimeToLive"]);
    }

    [Fact]
    public void Queue_DeliveryAndLock_AreDeliberate()
    {
        var properties = Queue["properties"]!;

        Assert.Equal(10, properties["maxDeliveryCount"]?.GetValue<int>());
        Assert.Equal("PT1M", (string?)properties["lockDuration"]);
        Assert.False(properties["requiresSession"]?.GetValue<bool>());
    }
}
