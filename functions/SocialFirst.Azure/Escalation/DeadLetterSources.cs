using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using SocialFirst.Azure.ServiceBus;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Azure.Escalation;

/// <summary>
/// Azure: the Service Bus dead-letter subqueue <c>{queue}/$deadletterqueue</c>, read with peek-lock over REST
/// (<see cref="ServiceBusRestReceiver"/>); complete deletes the message, abandon unlocks it.
/// </summary>
public sealed class ServiceBusDeadLetterSource(ServiceBusRestReceiver receiver, ServiceBusOptions options) : IDeadLetterSource
{
    /// <summary>How long a peek-lock waits for a message when the dead-letter queue is empty.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    public string Name => options.EscalationsQueue + "/$deadletterqueue";

    public async Task<DeadLetteredMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var locked = await receiver.PeekLockDeadLetterAsync(Wait, cancellationToken);
        return locked is null
            ? null
            : new DeadLetteredMessage(locked.MessageId, locked.Body.ToString(), locked.DeadLetterReason, locked.DeliveryCount, locked);
    }

    public Task CompleteAsync(DeadLetteredMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return receiver.CompleteAsync((ServiceBusReceivedMessage)message.Receipt, cancellationToken);
    }

    public Task AbandonAsync(DeadLetteredMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return receiver.AbandonAsync((ServiceBusReceivedMessage)message.Receipt, cancellationToken);
    }
}

/// <summary>
/// Standalone: the storage queue <c>{EscalationsQueue}-deadletter</c> where the stand-in runner moves an escalation
/// after its last delivery (the message holds the <see cref="ServiceBusEnvelope"/>). Receiving hides the message for
/// <see cref="Lock"/>; complete deletes it, abandon makes it visible again.
/// </summary>
public sealed class StorageQueueDeadLetterSource(StorageClients clients) : IDeadLetterSource
{
    /// <summary>How long a received message stays hidden (the "lock").</summary>
    public static readonly TimeSpan Lock = TimeSpan.FromMinutes(5);

    /// <summary>The reason recorded: the stand-in moves a message only after its last failed delivery.</summary>
    public const string Reason = "MaxDeliveryCountExceeded";

    private readonly QueueClient _queue = clients.Queue(clients.Options.EscalationsQueue + "-deadletter");

    public string Name => _queue.Name;

    public async Task<DeadLetteredMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        QueueMessage? message;
        try
        {
            message = (await _queue.ReceiveMessageAsync(Lock, cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }

        if (message is null)
        {
            return null;
        }

        var text = message.Body.ToString();
        var (id, body) = (message.MessageId, text);
        try
        {
            if (JsonSerializer.Deserialize<ServiceBusEnvelope>(text, StorageJson.Options) is { MessageId.Length: > 0, Body: not null } envelope)
            {
                (id, body) = (envelope.MessageId, envelope.Body);
            }
        }
        catch (JsonException)
        {
            // Not an envelope: the body is the text itself (the drain decides whether it parses).
        }

        return new DeadLetteredMessage(id, body, Reason, (int)message.DequeueCount, new Receipt(message.MessageId, message.PopReceipt));
    }

    public Task CompleteAsync(DeadLetteredMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var receipt = (Receipt)message.Receipt;
        return _queue.DeleteMessageAsync(receipt.QueueMessageId, receipt.PopReceipt, cancellationToken);
    }

    public Task AbandonAsync(DeadLetteredMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var receipt = (Receipt)message.Receipt;
        return _queue.UpdateMessageAsync(receipt.QueueMessageId, receipt.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
    }

    private sealed record Receipt(string QueueMessageId, string PopReceipt);
}
