using System.Text.Json;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.Escalation;
using SocialFirst.Azure.Storage;
using SocialFirst.Azure.Tests.Fakes;
using SocialFirst.Testing;
using static SocialFirst.Azure.Tests.ServiceBus.ServiceBusTestSupport;

namespace SocialFirst.Azure.Tests.Escalation;

public sealed class DeadLetterSourcesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private StorageClients Clients(string queue) =>
        new(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12], EscalationsQueue = queue }));

    [Fact]
    public async Task StorageQueueDeadLetterSource_Envelope_UnwrappedAndCompleted()
    {
        var name = "esc" + Guid.NewGuid().ToString("N")[..12];
        var clients = Clients(name);
        var queue = clients.Queue(name + "-deadletter");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(JsonSerializer.Serialize(new ServiceBusEnvelope("K3F9QX2M7A-L1", "{\"caseId\":\"K3F9QX2M7A\"}"), StorageJson.Options));
        var sut = new StorageQueueDeadLetterSource(clients);

        var message = await sut.ReceiveAsync(CancellationToken.None);
        Assert.NotNull(message);
        Assert.Null(await sut.ReceiveAsync(CancellationToken.None));
        await sut.CompleteAsync(message, CancellationToken.None);

        Assert.Equal("K3F9QX2M7A-L1", message.MessageId);
        Assert.Equal("{\"caseId\":\"K3F9QX2M7A\"}", message.Body);
        Assert.Equal(StorageQueueDeadLetterSource.Reason, message.Reason);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task StorageQueueDeadLetterSource_Abandon_MessageVisibleAgain()
    {
        var name = "esc" + Guid.NewGuid().ToString("N")[..12];
        var clients = Clients(name);
        var queue = clients.Queue(name + "-deadletter");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("not an envelope");
        var sut = new StorageQueueDeadLetterSource(clients);

        var first = await sut.ReceiveAsync(CancellationToken.None);
        await sut.AbandonAsync(first!, CancellationToken.None);
        var again = await sut.ReceiveAsync(CancellationToken.None);

        Assert.Equal("not an envelope", first!.Body);
        Assert.NotNull(again);
        Assert.Equal(first.MessageId, again.MessageId);
    }

    [Fact]
    public async Task StorageQueueDeadLetterSource_QueueMissing_ReturnsNull()
    {
        var sut = new StorageQueueDeadLetterSource(Clients("esc" + Guid.NewGuid().ToString("N")[..12]));

        Assert.Null(await sut.ReceiveAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ServiceBusDeadLetterSource_ReceivesBodyAndReason_CompleteDeletes()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        bus.DeadLetter("c-1-L1", """{"caseId":"c-1"}""");
        var options = SasOptions(bus);
        var sut = new ServiceBusDeadLetterSource(CreateReceiver(options, clock), options);

        var message = await sut.ReceiveAsync(CancellationToken.None);
        await sut.CompleteAsync(message!, CancellationToken.None);

        Assert.Equal("escalations/$deadletterqueue", sut.Name);
        Assert.Equal("c-1-L1", message!.MessageId);
        Assert.Equal("""{"caseId":"c-1"}""", message.Body);
        Assert.Equal("MaxDeliveryCountExceeded", message.Reason);
        Assert.Equal(0, bus.DeadLetterCount);
    }
}
