namespace SocialFirst.Core.Escalation;

/// <summary>The state of one intended outgoing action.</summary>
public enum OutboxStatus
{
    /// <summary>Recorded, about to be sent.</summary>
    Pending,

    /// <summary>Sent; the platform's message id is recorded.</summary>
    Sent,

    /// <summary>Would have been sent, but sending is off for this brand/platform (the safe default).</summary>
    DryRun,

    /// <summary>Could not be sent within the platform's rules; a person must act.</summary>
    NeedsHuman,
}

/// <summary>
/// One intended action, recorded before anything is sent, under an idempotency key (case id + action), so a
/// redelivered message or a crash between send and record never sends twice.
/// </summary>
public sealed record OutboxEntry(
    string CaseId,
    string Action,
    string Platform,
    OutboxStatus Status,
    string Detail,
    DateTimeOffset RecordedAt,
    string? PlatformMessageId = null)
{
    public string IdempotencyKey => $"{CaseId}:{Action}";
}

/// <summary>Durable outbox of outgoing actions.</summary>
public interface IEscalationOutbox
{
    /// <summary>Adds the entry if its key is new; returns the stored entry (the existing one if it was already there).</summary>
    Task<(OutboxEntry Entry, bool Created)> AddIfAbsentAsync(OutboxEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxEntry>> ListAsync(string caseId, CancellationToken cancellationToken);
}
