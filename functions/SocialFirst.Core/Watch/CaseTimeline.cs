using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Sla;

namespace SocialFirst.Core.Watch;

/// <summary>
/// What the watch features need to know about one case: when it was opened, first answered and resolved, and how it
/// was handled. Deliberately independent of the case model; the application maps a case onto it.
/// </summary>
public sealed record CaseTimeline
{
    public required string CaseId { get; init; }

    public required string BrandId { get; init; }

    public required Platform Platform { get; init; }

    public UrgencyBand Urgency { get; init; } = UrgencyBand.Normal;

    /// <summary>When the customer wrote the mention that opened the case (the SLA clock starts here).</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The brand's first answer (public or private); null while unanswered.</summary>
    public DateTimeOffset? FirstResponseAt { get; init; }

    /// <summary>When the case was resolved; null while open.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>A complaint (negative, or a complaint category) rather than a question or praise.</summary>
    public bool IsComplaint { get; init; }

    /// <summary>The conversation was moved to a private channel (DM) at some point.</summary>
    public bool MovedToPrivate { get; init; }

    /// <summary>Resolved in the channel the customer used, without sending them elsewhere (phone, e-mail, form).</summary>
    public bool ResolvedInChannel { get; init; }

    /// <summary>An automatic escalation had to be handed to a person (agent, supervisor, legal...).</summary>
    public bool EscalatedToHuman { get; init; }

    /// <summary>The customer came back about the same matter after it was resolved.</summary>
    public bool ReContacted { get; init; }

    /// <summary>The highest escalation level already raised for the case (0 = none).</summary>
    public int EscalationLevel { get; init; }

    /// <summary>When the last escalation was raised; used so that one breach raises the level once.</summary>
    public DateTimeOffset? LastEscalatedAt { get; init; }

    /// <summary>Targets agreed for this very case (a contract, a VIP); null to use the brand policy's band targets.</summary>
    public SlaTarget? TargetOverride { get; init; }

    public bool IsResolved => ResolvedAt is not null;
}
