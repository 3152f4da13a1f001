using Microsoft.Extensions.Configuration;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Tests.Hosting;

public class FunctionCatalogTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Parse_QueueTrigger_ResolvesAppSettingInQueueName()
    {
        const string json = """{"bindings":[{"type":"queueTrigger","direction":"in","name":"mention","queueName":"%MentionsQueue%","connection":"AzureWebJobsStorage"}]}""";

        var function = FunctionCatalog.Parse("Triage", json, Settings(("MentionsQueue", "acme-mentions")));

        Assert.Equal(TriggerKind.Queue, function.Kind);
        Assert.Equal("acme-mentions", function.Trigger.QueueName);
        Assert.Equal("mention", function.Trigger.Name);
        Assert.False(function.IsProxiedHttp);
    }

    [Fact]
    public void Parse_MissingAppSetting_ThrowsNamingIt()
    {
        const string json = """{"bindings":[{"type":"queueTrigger","direction":"in","name":"m","queueName":"%NotSet%"}]}""";

        var ex = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Parse("F", json, Settings()));

        Assert.Contains("NotSet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HttpWithExtraOutput_IsNotProxied()
    {
        // The host proxies only http-in + http-out functions; an extra binding means the Data/Metadata payload.
        const string json = """
        {"bindings":[{"type":"httpTrigger","direction":"in","name":"req","methods":["post"],"route":"x"},
                     {"type":"http","direction":"out","name":"res"},
                     {"type":"queue","direction":"out","name":"q","queueName":"q"}]}
        """;

        Assert.False(FunctionCatalog.Parse("F", json, Settings()).IsProxiedHttp);
    }

    [Fact]
    public void Load_AppFolder_FindsEveryFunctionJson()
    {
        var catalog = FunctionCatalog.Load(AppContext.BaseDirectory, Settings(("MentionsQueue", "m"), ("EscalationsQueue", "e")));

        Assert.Contains(catalog.Functions, f => f.Name == "Triage" && f.Kind == TriggerKind.Queue);
        Assert.Contains(catalog.Functions, f => f.Name == "Escalate" && f.Kind == TriggerKind.ServiceBus);
        Assert.Contains(catalog.Functions, f => f.Name == "MetaWebhook" && f.IsProxiedHttp && f.Trigger.Route == "webhooks/meta");
    }
}
