namespace SocialFirst.Core.Cases;

/// <summary>
/// Where a case stands. The happy path is <c>New → Triaged → Escalated → AwaitingCustomer → Resolved</c>; <c>Closed</c>,
/// <c>Spam</c> and <c>NeedsHuman</c> are the side exits. <see cref="CaseStatusRules"/> says which moves are allowed.
/// </summary>
public enum CaseStatus
{
    /// <summary>Opened; its first mention is being filed.</summary>
    New,

    /// <summary>Classified and scored; waiting for the brand.</summary>
    Triaged,

    /// <summary>Urgent: routed to the escalation queue.</summary>
    Escalated,

    /// <summary>The brand answered; the ball is with the customer.</summary>
    AwaitingCustomer,

    /// <summary>The brand considers the matter settled.</summary>
    Resolved,

    /// <summary>Finished for good (after resolution or without one).</summary>
    Closed,

    /// <summary>Only spam so far; a genuine mention from the same author brings it back to Triaged.</summary>
    Spam,

    /// <summary>Automation stopped; a person must look (for example a private reply outside the platform's window).</summary>
    NeedsHuman,
}

/// <summary>The allowed transitions between <see cref="CaseStatus"/> values, and which statuses count as open.</summary>
public static class CaseStatusRules
{
    private static readonly Dictionary<CaseStatus, CaseStatus[]> Allowed = new()
    {
        [CaseStatus.New] = [CaseStatus.Triaged, CaseStatus.Escalated, CaseStatus.Spam, CaseStatus.NeedsHuman, CaseStatus.Closed],
        [CaseStatus.Triaged] = [CaseStatus.Escalated, CaseStatus.AwaitingCustomer, CaseStatus.Resolved, CaseStatus.Closed, CaseStatus.Spam, CaseStatus.NeedsHuman],
        [CaseStatus.Escalated] = [CaseStatus.AwaitingCustomer, CaseStatus.Resolved, CaseStatus.Closed, CaseStatus.NeedsHuman],
        [CaseStatus.AwaitingCustomer] = [CaseStatus.Triaged, CaseStatus.Escalated, CaseStatus.Resolved, CaseStatus.Closed, CaseStatus.NeedsHuman],
        [CaseStatus.Resolved] = [CaseStatus.Closed, CaseStatus.Triaged],
        [CaseStatus.Closed] = [],
        [CaseStatus.Spam] = [CaseStatus.Triaged, CaseStatus.Closed],
        [CaseStatus.NeedsHuman] = [CaseStatus.Triaged, CaseStatus.Escalated, CaseStatus.AwaitingCustomer, CaseStatus.Resolved, CaseStatus.Closed, CaseStatus.Spam],
    };

    /// <summary>True when a case may move from <paramref name="from"/> to <paramref name="to"/> (never to itself).</summary>
    public static bool CanTransition(CaseStatus from, CaseStatus to) => Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static IReadOnlyList<CaseStatus> AllowedFrom(CaseStatus from) => Allowed.TryGetValue(from, out var targets) ? targets : [];

    /// <summary>Open cases wait for the brand or the customer: New, Triaged, Escalated, AwaitingCustomer, NeedsHuman.</summary>
    public static bool IsOpen(this CaseStatus status) =>
        status is CaseStatus.New or CaseStatus.Triaged or CaseStatus.Escalated or CaseStatus.AwaitingCustomer or CaseStatus.NeedsHuman;

    /// <summary>New mentions may join open cases and Spam cases (so a spammer does not open a case per message).</summary>
    public static bool AcceptsMentions(this CaseStatus status) => status.IsOpen() || status == CaseStatus.Spam;
}
