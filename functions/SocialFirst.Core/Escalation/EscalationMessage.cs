namespace SocialFirst.Core.Escalation;

/// <summary>
/// Asks the escalation step to act on an urgent case. The message id is derived from the case id and the
/// escalation level, so a repeat of the same escalation is dropped by Service Bus duplicate detection
/// (and by the outbox on the receiving side).
/// </summary>
public sealed record EscalationMessage
{
    public required string CaseId { get; init; }

    public required string BrandId { get; init; }

    /// <summary>1 for the first escalation; the SLA watch raises it.</summary>
    public required int Level { get; init; }

    public required string Platform { get; init; }

    /// <summary>Why the case is escalated (the urgency decision), without the customer's text.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset RaisedAt { get; init; }

    public double Urgency { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public string MessageId => $"{CaseId}-L{Level}";
}
