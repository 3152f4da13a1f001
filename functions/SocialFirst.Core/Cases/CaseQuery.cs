using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Cases;

/// <summary>In which order <see cref="ICaseStore.ListCasesAsync"/> returns cases.</summary>
public enum CaseOrder
{
    /// <summary>By the time the case was opened, oldest first (all statuses).</summary>
    Oldest,

    /// <summary>Open cases only, most urgent first, then oldest first.</summary>
    MostUrgent,
}

/// <summary>Which cases of a brand to list. Filters combine with AND.</summary>
public sealed record CaseQuery
{
    public const int MaxPageSize = 500;

    public required string BrandId { get; init; }

    public CaseStatus? Status { get; init; }

    public bool? Urgent { get; init; }

    /// <summary>Only cases opened at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only cases assigned to this agent (exact match).</summary>
    public string? AssignedTo { get; init; }

    public int PageSize { get; init; } = 50;

    public CaseOrder Order { get; init; } = CaseOrder.Oldest;
}

/// <summary>What a case list shows; <see cref="ICaseStore.GetCaseAsync"/> has everything else.</summary>
public sealed record CaseSummary(
    string Id,
    string BrandId,
    Platform Platform,
    string AuthorId,
    CaseStatus Status,
    double Urgency,
    bool Urgent,
    int EscalationLevel,
    int MentionCount,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The agent who owns the case, when assigned.</summary>
    public string? AssignedTo { get; init; }

    public static CaseSummary From(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.BrandId, c.Platform, c.AuthorId, c.Status, c.Urgency, c.Urgent, c.EscalationLevel, c.MentionCount, c.OpenedAt, c.UpdatedAt)
        {
            AssignedTo = c.AssignedTo,
        };
    }
}

/// <summary>One page of cases; pass <see cref="ContinuationToken"/> back with the same query for the next (null: no more).</summary>
public sealed record CasePage(IReadOnlyList<CaseSummary> Items, string? ContinuationToken);
