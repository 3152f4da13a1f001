namespace SocialFirst.Core.Cases;

/// <summary>One step in a case's life: from where to where, who did it, why, and when.</summary>
/// <param name="From">The status before; null for the opening entry.</param>
/// <param name="To">The status after.</param>
/// <param name="Actor">"triage" for the pipeline, otherwise the agent's id.</param>
/// <param name="Reason">A short explanation (never the customer's text).</param>
/// <param name="At">When it happened (UTC).</param>
public sealed record CaseTransition(CaseStatus? From, CaseStatus To, string Actor, string Reason, DateTimeOffset At);

/// <summary>Thrown when a transition the state machine does not allow is attempted.</summary>
public sealed class InvalidCaseTransitionException : InvalidOperationException
{
    public InvalidCaseTransitionException()
    {
    }

    public InvalidCaseTransitionException(string message)
        : base(message)
    {
    }

    public InvalidCaseTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidCaseTransitionException(string caseId, CaseStatus from, CaseStatus to)
        : base($"case {caseId}: {from} → {to} is not an allowed transition (allowed: {string.Join(", ", CaseStatusRules.AllowedFrom(from))})")
    {
    }
}
