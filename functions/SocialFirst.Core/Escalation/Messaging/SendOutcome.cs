namespace SocialFirst.Core.Escalation.Messaging;

/// <summary>What became of one send.</summary>
public enum SendOutcomeKind
{
    /// <summary>Delivered to the platform; <see cref="SendOutcome.PlatformMessageId"/> holds its id when it returns one.</summary>
    Sent,

    /// <summary>The platform says this was already done (Meta #10900 "Activity already replied to"): treat as sent.</summary>
    AlreadyDone,

    /// <summary>Temporary (rate limit, 5xx, timeout, network): fail the escalation so Service Bus redelivers it.</summary>
    RetryLater,

    /// <summary>The platform's messaging window has closed. A person must act; do not retry.</summary>
    WindowExpired,

    /// <summary>Not allowed: permission, user cannot be messaged, DMs closed, quota used, token missing/expired/invalid. Do not retry.</summary>
    NotPermitted,

    /// <summary>Any other refusal the client does not recognise; <see cref="SendOutcome.ErrorCode"/> carries the platform's code. Do not retry.</summary>
    Failed,
}

/// <summary>
/// The result of <see cref="IPrivateMessenger.SendAsync"/>. <see cref="Detail"/> is for the outbox and the logs: it
/// names the platform's error code and message, never a token or the message text.
/// </summary>
public sealed record SendOutcome(
    SendOutcomeKind Kind,
    string Detail,
    string? PlatformMessageId = null,
    string? ErrorCode = null,
    TimeSpan? RetryAfter = null)
{
    /// <summary>Longest detail kept (platform error messages can be long).</summary>
    public const int MaxDetailLength = 300;

    /// <summary>True for <see cref="SendOutcomeKind.Sent"/> and <see cref="SendOutcomeKind.AlreadyDone"/>.</summary>
    public bool IsDone => Kind is SendOutcomeKind.Sent or SendOutcomeKind.AlreadyDone;

    /// <summary>True when the caller should fail so the escalation is redelivered later.</summary>
    public bool ShouldRetry => Kind == SendOutcomeKind.RetryLater;

    /// <summary>
    /// The outbox status to record: Sent for done outcomes, NeedsHuman for refusals. Null for
    /// <see cref="SendOutcomeKind.RetryLater"/>: the entry stays Pending and the caller throws.
    /// </summary>
    public OutboxStatus? OutboxStatus => Kind switch
    {
        SendOutcomeKind.Sent or SendOutcomeKind.AlreadyDone => Escalation.OutboxStatus.Sent,
        SendOutcomeKind.RetryLater => null,
        _ => Escalation.OutboxStatus.NeedsHuman,
    };

    public static SendOutcome Sent(string? platformMessageId, string detail = "sent") =>
        new(SendOutcomeKind.Sent, Trim(detail), platformMessageId);

    public static SendOutcome AlreadyDone(string detail, string? errorCode = null) =>
        new(SendOutcomeKind.AlreadyDone, Trim(detail), ErrorCode: errorCode);

    public static SendOutcome RetryLater(string detail, TimeSpan? retryAfter = null, string? errorCode = null) =>
        new(SendOutcomeKind.RetryLater, Trim(detail), ErrorCode: errorCode, RetryAfter: retryAfter is { } r && r < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);

    public static SendOutcome WindowExpired(string detail, string? errorCode = null) =>
        new(SendOutcomeKind.WindowExpired, Trim(detail), ErrorCode: errorCode);

    public static SendOutcome NotPermitted(string detail, string? errorCode = null) =>
        new(SendOutcomeKind.NotPermitted, Trim(detail), ErrorCode: errorCode);

    public static SendOutcome Failed(string detail, string? errorCode = null) =>
        new(SendOutcomeKind.Failed, Trim(detail), ErrorCode: errorCode);

    private static string Trim(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var oneLine = detail.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= MaxDetailLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxDetailLength - 1), "…");
    }
}
