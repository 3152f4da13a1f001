using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Watch.Metrics;

namespace SocialFirst.Core.Watch.Application;

/// <summary>
/// Maps a stored <see cref="Case"/> (with its escalation outbox entries) onto the <see cref="CaseTimeline"/> the watch
/// features compute with. The rules are listed in docs/watch.md, "From cases to timelines".
/// </summary>
public static class CaseTimelineMapper
{
    /// <summary>The actor the SLA watch writes into case histories.</summary>
    public const string SlaWatchActor = "sla-watch";

    /// <summary>
    /// A resolution whose reason starts with this (case-insensitive) sent the customer elsewhere (phone, e-mail, a form):
    /// it is resolved, but not in the channel. Agents' tools write it; the pipeline never does.
    /// </summary>
    public const string OffChannelReasonPrefix = "off-channel";

    /// <summary>Categories that make a case a complaint whatever its sentiment.</summary>
    public static IReadOnlySet<string> ComplaintCategories { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        CareCategory.Safety, CareCategory.Legal, CareCategory.Security, CareCategory.Billing, CareCategory.ServiceFailure, CareCategory.Churn,
    };

    /// <summary>Categories that make an urgent case critical (the default urgency policy's always-escalate list).</summary>
    public static IReadOnlySet<string> CriticalCategories { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        CareCategory.Safety, CareCategory.Legal, CareCategory.Security,
    };

    /// <summary>The case as a timeline.</summary>
    /// <param name="c">The stored case (with its history).</param>
    /// <param name="outbox">The case's escalation outbox entries (empty when it has none).</param>
    /// <param name="reContacted">Whether the author came back after the resolution (see <see cref="IsReContact"/>).</param>
    public static CaseTimeline ToTimeline(Case c, IReadOnlyList<OutboxEntry> outbox, bool reContacted)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(outbox);
        var resolvedAt = c.ResolvedAt;
        return new CaseTimeline
        {
            CaseId = c.Id,
            BrandId = c.BrandId,
            Platform = c.Platform,
            Urgency = Band(c),
            OpenedAt = c.OpenedAt,
            FirstResponseAt = c.FirstResponseAt,
            ResolvedAt = resolvedAt,
            IsComplaint = IsComplaint(c),
            MovedToPrivate = MovedToPrivate(c, outbox),
            ResolvedInChannel = resolvedAt is not null && ResolvedInChannel(c),
            // An agent's own reply that the rules blocked is not an escalation to a human: a person was already on it.
            EscalatedToHuman = c.History.Any(h => h.To == CaseStatus.NeedsHuman)
                || outbox.Any(e => e.Status == OutboxStatus.NeedsHuman && e.FallbackAction is null && !e.Action.StartsWith(CaseReplyService.ActionPrefix, StringComparison.Ordinal)),
            ReContacted = resolvedAt is not null && reContacted,
            EscalationLevel = c.EscalationLevel,
            LastEscalatedAt = LastEscalatedAt(c),
        };
    }

    /// <summary>Critical for an urgent case with an always-escalate category or a score from 0.85; otherwise <see cref="UrgencyBands.FromScore"/>.</summary>
    public static UrgencyBand Band(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return UrgencyBands.FromScore(c.Urgency, c.Urgent, c.Urgent && c.Categories.Any(CriticalCategories.Contains));
    }

    /// <summary>Negative or mixed latest sentiment, or a complaint category.</summary>
    public static bool IsComplaint(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.LastSentiment is Sentiment.Negative or Sentiment.Mixed || c.Categories.Any(ComplaintCategories.Contains);
    }

    /// <summary>
    /// A private message (Meta comment private reply or a direct message) was sent for the case: a Sent outbox entry on a
    /// private channel, or, when the outbox is not at hand, the escalation step's "private reply sent" history entry.
    /// A dry run does not count: nothing reached the customer.
    /// </summary>
    public static bool MovedToPrivate(Case c, IReadOnlyList<OutboxEntry> outbox)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(outbox);
        return outbox.Any(e => e.Status == OutboxStatus.Sent && e.Channel is nameof(MessagingAction.CommentPrivateReply) or nameof(MessagingAction.DirectMessage))
            || c.History.Any(h => h.Actor == EscalationService.Actor && h.Reason.StartsWith("private reply sent", StringComparison.Ordinal));
    }

    /// <summary>Resolved (not merely closed), and the resolution did not send the customer elsewhere.</summary>
    public static bool ResolvedInChannel(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var resolution = c.History.LastOrDefault(h => h.To == CaseStatus.Resolved);
        return c.ResolvedAt is not null
            && resolution is not null
            && !resolution.Reason.StartsWith(OffChannelReasonPrefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The latest move to Escalated (triage, escalation step) or escalation recorded by the SLA watch.</summary>
    public static DateTimeOffset? LastEscalatedAt(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.History
            .Where(h => (h.To == CaseStatus.Escalated && h.From != CaseStatus.Escalated) || (h.Actor == SlaWatchActor && h.Reason.StartsWith(SlaWatchReasons.EscalatedPrefix, StringComparison.Ordinal)))
            .Select(h => (DateTimeOffset?)h.At)
            .Max();
    }

    /// <summary>
    /// The customer came back: the case was reopened after a resolution (Resolved → Triaged), or the same author opened
    /// another case with the same brand within <paramref name="window"/> after the resolution.
    /// </summary>
    public static bool IsReContact(Case c, IEnumerable<CaseSummary> brandCases, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(brandCases);
        return IsReopened(c) || ReturnedAt(c, brandCases, window) is not null;
    }

    /// <summary>The case was reopened after a resolution (Resolved → anything but Closed).</summary>
    public static bool IsReopened(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.History.Any(h => h.From == CaseStatus.Resolved && h.To != CaseStatus.Closed);
    }

    /// <summary>
    /// When the same author first opened another case with the same brand within <paramref name="window"/> after this
    /// case's resolution, among <paramref name="brandCases"/>; null when unresolved or they did not.
    /// </summary>
    public static DateTimeOffset? ReturnedAt(Case c, IEnumerable<CaseSummary> brandCases, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(brandCases);
        if (c.ResolvedAt is not { } resolved)
        {
            return null;
        }

        DateTimeOffset? first = null;
        foreach (var o in brandCases)
        {
            if (o.Id != c.Id && o.Platform == c.Platform && o.AuthorId == c.AuthorId && o.BrandId == c.BrandId
                && o.OpenedAt > resolved && o.OpenedAt <= resolved + window && (first is null || o.OpenedAt < first))
            {
                first = o.OpenedAt;
            }
        }

        return first;
    }

    /// <summary>
    /// The case as roll-up facts: its timeline (re-contact decided later, per period, by <see cref="CareCaseFacts.ForPeriod"/>),
    /// whether it was reopened and when its author came back among <paramref name="sameAuthorCases"/>.
    /// </summary>
    public static CareCaseFacts ToFacts(Case c, IReadOnlyList<OutboxEntry> outbox, IEnumerable<CaseSummary> sameAuthorCases, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(c);
        var returnedAt = ReturnedAt(c, sameAuthorCases, window);
        var reopened = IsReopened(c);
        return new CareCaseFacts { Timeline = ToTimeline(c, outbox, reopened || returnedAt is not null), Reopened = reopened, ReturnedAt = returnedAt };
    }
}

/// <summary>History reasons the SLA watch writes (never customer text).</summary>
public static class SlaWatchReasons
{
    public const string EscalatedPrefix = "sla: escalated to level";
    public const string WarningPrefix = "sla: about to breach";
}
