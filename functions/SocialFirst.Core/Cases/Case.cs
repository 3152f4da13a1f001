using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Triage;

namespace SocialFirst.Core.Cases;

/// <summary>An escalation that one triage run has claimed and is about to send (so concurrent runs do not send it too).</summary>
/// <param name="Level">The escalation level being sent.</param>
/// <param name="ClaimedBy">The de-duplication key of the mention whose triage sends it (its retry sends it again).</param>
/// <param name="ClaimedAt">When it was claimed.</param>
public sealed record PendingEscalation(int Level, string ClaimedBy, DateTimeOffset ClaimedAt);

/// <summary>
/// One customer matter: the mentions of one author (and the replies in their threads) to one brand. Immutable; every
/// change returns a new value, and the store writes it only if nobody changed the case in between
/// (<see cref="Version"/>).
/// </summary>
public sealed record Case
{
    /// <summary>Transitions kept; beyond this the oldest after the opening entry are dropped (the entity stays small).</summary>
    public const int MaxHistory = 100;

    public required string Id { get; init; }

    public required string BrandId { get; init; }

    public required Platform Platform { get; init; }

    /// <summary>The platform's id of the customer who opened the case.</summary>
    public required string AuthorId { get; init; }

    public string? AuthorHandle { get; init; }

    /// <summary>platform:authorId, lower-case platform ("x:2244994945").</summary>
    public string AuthorKey => AuthorKeys.For(Platform, AuthorId);

    public CaseStatus Status { get; init; } = CaseStatus.New;

    /// <summary>When the customer wrote the mention that opened the case.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>When we created the case.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the customer last wrote (the author window is measured from here).</summary>
    public DateTimeOffset LastMentionAt { get; init; }

    /// <summary>Since when a customer mention has been waiting for the brand; null when the brand answered last.</summary>
    public DateTimeOffset? WaitingSince { get; init; }

    public double Urgency { get; init; }

    public bool Urgent { get; init; }

    public string UrgencyDecision { get; init; } = string.Empty;

    /// <summary>Why the case scores what it does: the factor breakdown of the strongest assessment so far.</summary>
    public IReadOnlyList<UrgencyFactor> UrgencyFactors { get; init; } = [];

    public string PolicyVersion { get; init; } = string.Empty;

    /// <summary>Care categories seen in any of its mentions.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public Sentiment? LastSentiment { get; init; }

    public string? Language { get; init; }

    public int MentionCount { get; init; }

    /// <summary>Highest escalation level sent (0 = never escalated).</summary>
    public int EscalationLevel { get; init; }

    public PendingEscalation? PendingEscalation { get; init; }

    /// <summary>De-duplication key of the mention that opened the case (the id derives from it).</summary>
    public required string FirstMentionKey { get; init; }

    public IReadOnlyList<CaseTransition> History { get; init; } = [];

    /// <summary>The agent who owns the case (set by the agent API's assign action); null when nobody does.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>The case this one was merged into (it is then Closed); null unless merged.</summary>
    public string? MergedInto { get; init; }

    /// <summary>Incremented by the store on every write; indexes use it to ignore stale updates.</summary>
    public int Revision { get; init; }

    /// <summary>Opaque concurrency token of the stored version this value was read from (the ETag); null when never stored.</summary>
    public string? Version { get; init; }

    public bool IsOpen => Status.IsOpen();

    /// <summary>When the brand first answered: the first move to AwaitingCustomer or Resolved.</summary>
    public DateTimeOffset? FirstResponseAt =>
        History.FirstOrDefault(t => t.To is CaseStatus.AwaitingCustomer or CaseStatus.Resolved)?.At;

    public TimeSpan? FirstResponseTime => FirstResponseAt - OpenedAt;

    /// <summary>When the case was last resolved (or closed without resolution), while it stays resolved or closed.</summary>
    public DateTimeOffset? ResolvedAt => Status switch
    {
        CaseStatus.Resolved => History.LastOrDefault(t => t.To == CaseStatus.Resolved)?.At,
        CaseStatus.Closed => (History.LastOrDefault(t => t.To == CaseStatus.Resolved) ?? History.LastOrDefault(t => t.To == CaseStatus.Closed))?.At,
        _ => null,
    };

    public TimeSpan? ResolutionTime => ResolvedAt - OpenedAt;

    /// <summary>A new case in status New, with its opening entry in the history.</summary>
    public static Case Open(
        string id,
        string brandId,
        Platform platform,
        string authorId,
        string? authorHandle,
        DateTimeOffset openedAt,
        string firstMentionKey,
        DateTimeOffset now,
        string actor)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        ArgumentException.ThrowIfNullOrEmpty(authorId);
        return new Case
        {
            Id = id,
            BrandId = brandId,
            Platform = platform,
            AuthorId = authorId,
            AuthorHandle = authorHandle,
            OpenedAt = openedAt,
            CreatedAt = now,
            UpdatedAt = now,
            LastMentionAt = openedAt,
            WaitingSince = openedAt,
            FirstMentionKey = firstMentionKey,
            History = [new CaseTransition(null, CaseStatus.New, actor, "opened", now)],
        };
    }

    /// <summary>Moves the case to <paramref name="to"/>, recording who and why; throws when the move is not allowed.</summary>
    public Case TransitionTo(CaseStatus to, string actor, string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        if (!CaseStatusRules.CanTransition(Status, to))
        {
            throw new InvalidCaseTransitionException(Id, Status, to);
        }

        var history = History.Append(new CaseTransition(Status, to, actor, reason, at)).ToList();
        if (history.Count > MaxHistory)
        {
            history.RemoveRange(1, history.Count - MaxHistory);
        }

        // Once the brand answers (or ends the case) nobody is waiting for it any more.
        var waiting = to is CaseStatus.AwaitingCustomer or CaseStatus.Resolved or CaseStatus.Closed or CaseStatus.Spam ? null : WaitingSince;
        return this with { Status = to, History = history, UpdatedAt = at, WaitingSince = waiting };
    }
}

/// <summary>How an author is named across the system: lower-case platform, colon, the platform's author id.</summary>
public static class AuthorKeys
{
    public static string For(Platform platform, string authorId) => $"{platform.ToString().ToLowerInvariant()}:{authorId}";
}
