namespace SocialFirst.Core.Escalation;

/// <summary>
/// An escalation message the queue gave up on, locked for the caller until it is completed or abandoned.
/// </summary>
/// <param name="MessageId">The sender's message id (case id + level).</param>
/// <param name="Body">The body as sent (the EscalationMessage JSON).</param>
/// <param name="Reason">Why it was dead-lettered, when the queue says.</param>
/// <param name="DeliveryCount">How often it was delivered.</param>
/// <param name="Receipt">What the source needs to complete or abandon it (a lock token, a pop receipt).</param>
public sealed record DeadLetteredMessage(string MessageId, string Body, string? Reason, int DeliveryCount, object Receipt);

/// <summary>
/// The escalation queue's dead letters: Service Bus <c>escalations/$deadletterqueue</c> in Azure, the storage queue
/// <c>{EscalationsQueue}-deadletter</c> standalone.
/// </summary>
public interface IDeadLetterSource
{
    /// <summary>A name for logs (the queue).</summary>
    string Name { get; }

    /// <summary>Locks the next dead-lettered message, or returns null when there is none.</summary>
    Task<DeadLetteredMessage?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Removes the message for good.</summary>
    Task CompleteAsync(DeadLetteredMessage message, CancellationToken cancellationToken);

    /// <summary>Releases the lock so the message is read again on a later run.</summary>
    Task AbandonAsync(DeadLetteredMessage message, CancellationToken cancellationToken);
}
