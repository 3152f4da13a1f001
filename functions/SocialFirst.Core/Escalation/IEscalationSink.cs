namespace SocialFirst.Core.Escalation;

/// <summary>
/// Sends escalations to the escalation queue (Service Bus <c>escalations</c> in Azure, an Azurite queue of the same
/// name standalone). Idempotent by <see cref="EscalationMessage.MessageId"/>; throws when the send fails so the
/// caller's message is retried.
/// </summary>
public interface IEscalationSink
{
    Task SendAsync(EscalationMessage message, CancellationToken cancellationToken);
}
