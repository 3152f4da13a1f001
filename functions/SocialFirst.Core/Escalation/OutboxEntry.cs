namespace SocialFirst.Core.Escalation;

/// <summary>The state of one intended outgoing action.</summary>
public enum OutboxStatus
{
    /// <summary>Recorded, about to be sent (or being sent: see <see cref="OutboxEntry.ClaimedAt"/>).</summary>
    Pending,

    /// <summary>Sent; the platform's message id is recorded.</summary>
    Sent,

    /// <summary>Would have been sent, but sending is off for this brand/platform (the safe default).</summary>
    DryRun,

    /// <summary>Could not be sent within the platform's rules; a person must act.</summary>
    NeedsHuman,

    /// <summary>Not sent because the case no longer needs it (resolved, closed or spam before the escalation ran).</summary>
    Skipped,
}

/// <summary>
/// One intended action, recorded before anything is sent, under an idempotency key (case id + action), so a
/// redelivered message or a crash between send and record never sends twice.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Action">What is done, with the escalation level: <c>private-reply-L1</c>, <c>public-reply-L1</c>.</param>
/// <param name="Platform">The platform name.</param>
/// <param name="Status">Where the action stands.</param>
/// <param name="Detail">One line: why this status (the rules' reason, the platform's answer). Never the message text.</param>
/// <param name="RecordedAt">When the entry was first recorded.</param>
/// <param name="PlatformMessageId">The platform's id of the sent message, when it returns one.</param>
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

    /// <summary>The exact text sent (or, for <see cref="OutboxStatus.DryRun"/>, that would have been sent).</summary>
    public string? Text { get; init; }

    /// <summary>The template the text came from (brand/category/language/channel) and its set's version.</summary>
    public string? TemplateId { get; init; }

    /// <summary>The platform object answered (comment id, tweet id, message id).</summary>
    public string? TargetId { get; init; }

    /// <summary>The kind of message: a <see cref="Messaging.MessagingAction"/> name (CommentPrivateReply, DirectMessage, PublicReply).</summary>
    public string? Channel { get; init; }

    /// <summary>How many times the platform was (or may have been) called for this entry.</summary>
    public int Attempts { get; init; }

    /// <summary>
    /// When the current send attempt started; null when no send is in flight (never sent yet, or the last attempt was
    /// answered RetryLater). A Pending entry with an old claim means a process died between sending and recording.
    /// </summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>The last platform answer, one line (kind and detail).</summary>
    public string? LastOutcome { get; init; }

    /// <summary>The action this one fell back to (an X DM refused → <c>public-reply-L1</c>).</summary>
    public string? FallbackAction { get; init; }

    /// <summary>True once the case reflects this entry's final status (transition or history note).</summary>
    public bool CaseRecorded { get; init; }

    /// <summary>When the alert for this entry (safety case or a person must act) was delivered; null when none yet.</summary>
    public DateTimeOffset? AlertedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Opaque concurrency token (the row's ETag); null for an entry not read from the store.</summary>
    public string? Version { get; init; }

    /// <summary>True when nothing more will be sent for this entry.</summary>
    public bool IsFinal => Status != OutboxStatus.Pending;
}

/// <summary>Durable outbox of outgoing actions.</summary>
public interface IEscalationOutbox
{
    /// <summary>
    /// Adds the entry if its key is new; returns the stored entry (the existing one if it was already there), with its
    /// <see cref="OutboxEntry.Version"/>. This is the insert-if-absent gate: of two writers, only one gets Created.
    /// </summary>
    Task<(OutboxEntry Entry, bool Created)> AddIfAbsentAsync(OutboxEntry entry, CancellationToken cancellationToken);

    /// <summary>The entry under this case and action, or null.</summary>
    Task<OutboxEntry?> GetAsync(string caseId, string action, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the entry if it is unchanged since <see cref="OutboxEntry.Version"/>; returns the stored entry with its
    /// new version, or null when another writer changed it first (read it again).
    /// </summary>
    Task<OutboxEntry?> TryUpdateAsync(OutboxEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxEntry>> ListAsync(string caseId, CancellationToken cancellationToken);
}
