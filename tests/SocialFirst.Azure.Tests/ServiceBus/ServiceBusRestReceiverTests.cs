using SocialFirst.Azure.ServiceBus;
using SocialFirst.Azure.Tests.Fakes;
using static SocialFirst.Azure.Tests.ServiceBus.ServiceBusTestSupport;

namespace SocialFirst.Azure.Tests.ServiceBus;

public sealed class ServiceBusRestReceiverTests
{
    [Fact]
    public async Task PeekLockDeadLetterAsync_EmptyQueue_ReturnsNull()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        var receiver = CreateReceiver(SasOptions(bus), clock);

        var message = await receiver.PeekLockDeadLetterAsync(TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Null(message);
        var request = Assert.Single(bus.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/escalations/$deadletterqueue/messages/head", request.Path);
        Assert.Equal("?timeout=2", request.Query);
    }

    [Fact]
    public async Task PeekLockDeadLetterAsync_DeadLetteredMessage_ReturnsBodyAndBrokerProperties()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        bus.DeadLetter("c-1-L1", """{"caseId":"c-1"}""");
        var receiver = CreateReceiver(SasOptions(bus), clock);

        var message = await receiver.PeekLockDeadLetterAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.NotNull(message);
        Assert.Equal("c-1-L1", message.MessageId);
        Assert.False(string.IsNullOrEmpty(message.LockToken));
        Assert.Equal(1, message.SequenceNumber);
        Assert.Equal(10, message.DeliveryCount);
        Assert.Equal("MaxDeliveryCountExceeded", message.DeadLetterReason);
        Assert.Equal("""{"caseId":"c-1"}""", message.Body.ToString());
    }

    [Fact]
    public async Task CompleteAsync_LockedMessage_DeletesItByIdAndLockToken()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        bus.DeadLetter("c-1-L1", "{}");
        var receiver = CreateReceiver(SasOptions(bus), clock);
        var message = (await receiver.PeekLockDeadLetterAsync(TimeSpan.FromSeconds(1), CancellationToken.None))!;

        await receiver.CompleteAsync(message, CancellationToken.None);

        var delete = bus.Requests[^1];
        Assert.Equal("DELETE", delete.Method);
        Assert.Equal($"/escalations/$deadletterqueue/messages/c-1-L1/{message.LockToken}", delete.Path);
        Assert.Equal(0, bus.DeadLetterCount);
        Assert.Null(await receiver.PeekLockDeadLetterAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task AbandonAsync_LockedMessage_CanBeLockedAgain()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        bus.DeadLetter("c-1-L1", "{}");
        var receiver = CreateReceiver(SasOptions(bus), clock);
        var first = (await receiver.PeekLockDeadLetterAsync(TimeSpan.FromSeconds(1), CancellationToken.None))!;

        await receiver.AbandonAsync(first, CancellationToken.None);
        var again = await receiver.PeekLockDeadLetterAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal("PUT", bus.Requests[1].Method);
        Assert.NotNull(again);
        Assert.NotEqual(first.LockToken, again.LockToken);
    }

    [Fact]
    public async Task CompleteAsync_LostLock_ThrowsWith404()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        var receiver = CreateReceiver(SasOptions(bus), clock);
        var stale = new ServiceBusReceivedMessage("c-9-L1", Guid.NewGuid().ToString(), 9, 10, BinaryData.FromString("{}"), null, null);

        var ex = await Assert.ThrowsAsync<ServiceBusRestException>(() => receiver.CompleteAsync(stale, CancellationToken.None));

        Assert.Equal(404, ex.Status);
        Assert.Equal("40400", ex.ErrorCode);
    }
}
