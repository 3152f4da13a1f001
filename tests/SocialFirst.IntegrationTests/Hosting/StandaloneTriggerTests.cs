using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Escalation;
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

    [Fact]
    public async Task EscalationOnStandInQueue_IsHandledOnce_EvenWhenSentTwice()
    {
        var sink = new StorageQueueEscalationSink(Storage);
        var message = new EscalationMessage
        {
            CaseId = "SFTEST0001",
            BrandId = "default",
            Level = 1,
            Platform = "Facebook",
            Reason = "urgent: category safety always escalates",
            RaisedAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
        };

        await sink.SendAsync(message, CancellationToken.None);
        await sink.SendAsync(message, CancellationToken.None);

        var outbox = _factory.Services.GetRequiredService<IEscalationOutbox>();
        var entries = await Eventually.GetAsync(
            async () => await outbox.ListAsync("SFTEST0001", CancellationToken.None) is { Count: > 0 } list ? list : null,
            Timeout,
            "the outbox entry");
        var entry = Assert.Single(entries);
        Assert.Equal(OutboxStatus.DryRun, entry.Status);
        Assert.Equal("private-reply-L1", entry.Action);
    }
}
