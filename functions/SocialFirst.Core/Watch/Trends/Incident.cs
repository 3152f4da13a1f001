namespace SocialFirst.Core.Watch.Trends;

/// <summary>
/// Something happening to a brand that many mentions are about: opened by a <see cref="TrendAlert"/>, kept open while
/// its signals continue, closed after a quiet period. Mentions and cases that belong to it are linked (bounded lists;
/// <see cref="LinkedMentionCount"/> keeps the full count).
/// </summary>
public sealed record Incident
{
    public required string Id { get; init; }

    public required string BrandId { get; init; }

    /// <summary>Normalised terms, key phrases first, then categories, then <see cref="TrendTerms.NegativeSentiment"/>.</summary>
    public required IReadOnlyList<string> Terms { get; init; }

    public IReadOnlyList<TrendSignalKind> Kinds { get; init; } = [];

    public TrendSeverity Severity { get; init; }

    /// <summary>Start of the window in which it was detected.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>End of the last window in which one of its signals was significant.</summary>
    public required DateTimeOffset LastSignalAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public IReadOnlyList<string> MentionIds { get; init; } = [];

    public IReadOnlyList<string> CaseIds { get; init; } = [];

    public int LinkedMentionCount { get; init; }

    public bool IsOpen => ClosedAt is null;

    /// <summary>Links a mention (and its case); keeps at most <paramref name="maxIds"/> ids of each kind, counting all mentions.</summary>
    public Incident Link(string mentionId, string? caseId, int maxIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(mentionId);
        if (MentionIds.Contains(mentionId, StringComparer.Ordinal))
        {
            return this;
        }

        var mentions = MentionIds.Count < maxIds ? MentionIds.Append(mentionId).ToList() : MentionIds;
        var cases = caseId is not null && CaseIds.Count < maxIds && !CaseIds.Contains(caseId, StringComparer.Ordinal)
            ? CaseIds.Append(caseId).ToList()
            : CaseIds;
        return this with { MentionIds = mentions, CaseIds = cases, LinkedMentionCount = LinkedMentionCount + 1 };
    }
}
