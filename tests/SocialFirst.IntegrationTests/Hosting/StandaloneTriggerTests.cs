using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Azure.Storage;
using SocialFirst.Functions.Standalone;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Hosting;

/// <summary>The standalone runner drives queue and Service Bus functions from Azurite with the host's retry-then-poison semantics.</summary>
public sealed class StandaloneTriggerTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly SocialFirstAppFactory _factory;

    public StandaloneTriggerTests(AzuriteFixture azurite)
    {
        _factory = new SocialFirstAppFactory(azurite, triggers: true);
        _factory.CreateClient().Dispose(); // starts the host and its trigger runners
    }

    public void Dispose() => _factory.Dispose();

    private StorageClients Storage => _factory.Services.GetRequiredService<StorageClients>();

    [Fact]
    public async Task QueueMessageThatAlwaysFails_LandsInPoisonAfterMaxDequeueCount_Unchanged()
    {
        var queue = Storage.Queue(_factory.MentionsQueue);
        var poison = Storage.Queue(QueueTriggerRunner.PoisonQueueName(_factory.MentionsQueue));
        await queue.CreateIfNotExistsAsync();
        const string body = "{\"this is\": \"not a mention\"";

        await queue.SendMessageAsync(body);

        var poisoned = await Eventually.GetAsync(
            async () => (await poison.ReceiveMessagesAsync(1)).Value.FirstOrDefault(),
            Timeout,
            "the failing message in the poison queue");
        Assert.Equal(body, poisoned.Body.ToString());
        var left = await queue.PeekMessagesAsync(1);
        Assert.Empty(left.Value);
    }
}
