using Microsoft.Extensions.Logging;

namespace SocialFirst.Core.Cases;

/// <summary>The outcome of a merge: both cases as stored afterwards when applied, otherwise why not.</summary>
/// <param name="Status">Applied (also for a repeated merge), Invalid, NotFound, Rejected or Conflict.</param>
/// <param name="Source">The merged case (now Closed, <see cref="Case.MergedInto"/> set).</param>
/// <param name="Target">The case it was merged into.</param>
/// <param name="Error">Why not, when not applied.</param>
/// <param name="AlreadyMerged">True when the source had been merged into the target before: nothing was written.</param>
public sealed record CaseMergeResult(CaseActionStatus Status, Case? Source, Case? Target, string? Error, bool AlreadyMerged = false)
{
    public static CaseMergeResult Invalid(string error) => new(CaseActionStatus.Invalid, null, null, error);
}

public sealed partial class CaseActionsService
{
    /// <summary>Reason of the target's history entry for a merge: <c>"merged from case {id}"</c>.</summary>
    public const string MergedFromPrefix = "merged from case ";

    /// <summary>Reason of the source's move to Closed: <c>"merged into case {id}"</c>.</summary>
    public const string MergedIntoPrefix = "merged into case ";

    /// <summary>Most mentions a merge moves; a bigger case is refused (each mention is one conditional write).</summary>
    public const int MaxMergedMentions = 500;

    /// <summary>
    /// Merges case <paramref name="caseId"/> (the source) into <paramref name="into"/> (the target), both of one brand.
    /// Steps, each idempotent so a retry after a crash finishes the job: (1) every mention of the source is filed in the
    /// target too (same mention key, so a second copy is refused by the store) and its object id now points there;
    /// (2) the target gets the source's categories, its stronger urgency and one history entry
    /// (<see cref="MergedFromPrefix"/>); (3) the author's pointer moves to the target when both cases are one author's;
    /// (4) last, the source is Closed with <see cref="Case.MergedInto"/> set. Merging again is a no-op. The source's
    /// mention rows stay in place (its history must stay readable).
    /// </summary>
    public async Task<CaseMergeResult> MergeAsync(string caseId, string? into, string? actor, CancellationToken cancellationToken)
    {
        if (Check(actor) is { } bad)
        {
            return CaseMergeResult.Invalid(bad.Error!);
        }

        if (string.IsNullOrWhiteSpace(caseId))
        {
            return CaseMergeResult.Invalid("case id is required");
        }

        if (string.IsNullOrWhiteSpace(into))
        {
            return CaseMergeResult.Invalid("into is required (the id of the case to merge into)");
        }

        var targetId = into.Trim();
        if (string.Equals(targetId, caseId, StringComparison.OrdinalIgnoreCase))
        {
            return CaseMergeResult.Invalid("a case cannot be merged into itself");
        }

        var who = actor!.Trim();
        var source = await store.GetCaseAsync(caseId, cancellationToken);
        if (source is null)
        {
            return new CaseMergeResult(CaseActionStatus.NotFound, null, null, $"no case '{caseId}'");
        }

        var target = await store.GetCaseAsync(targetId, cancellationToken);
        if (target is null)
        {
            return new CaseMergeResult(CaseActionStatus.NotFound, source, null, $"no case '{targetId}' to merge into");
        }

        if (!string.Equals(source.BrandId, target.BrandId, StringComparison.Ordinal))
        {
            return CaseMergeResult.Invalid($"cases of different brands cannot be merged ({source.BrandId} and {target.BrandId})");
        }

        if (source.MergedInto == target.Id)
        {
            return new CaseMergeResult(CaseActionStatus.Applied, source, target, null, AlreadyMerged: true);
        }

        if (Refusal(source, target) is { } refusal)
        {
            Log.Rejected(logger, caseId, "merge", source.Status);
            return new CaseMergeResult(CaseActionStatus.Rejected, source, target, refusal);
        }

        var mentions = await store.GetMentionsAsync(source.Id, cancellationToken);
        if (mentions.Count > MaxMergedMentions)
        {
            return new CaseMergeResult(CaseActionStatus.Rejected, source, target, $"case {source.Id} has {mentions.Count} mentions; at most {MaxMergedMentions} can be merged");
        }

        foreach (var mention in mentions)
        {
            if (!await FileInTargetAsync(target.Id, mention, cancellationToken))
            {
                Log.GaveUp(logger, target.Id, "merge", MaxAttempts);
                return new CaseMergeResult(CaseActionStatus.Conflict, source, null, $"case {target.Id} kept changing; try again");
            }

            await store.RecordMentionLocationAsync(mention.Platform, mention.ObjectId, new MentionLocation(target.Id, mention.Key), cancellationToken);
        }

        var storedTarget = await UpdateAsync(target.Id, (t, at) => AbsorbInto(t, source, who, at), cancellationToken);
        if (storedTarget.Updated is null)
        {
            return new CaseMergeResult(storedTarget.Rejection is null ? CaseActionStatus.Conflict : CaseActionStatus.Rejected, source, null, storedTarget.Rejection ?? $"case {target.Id} kept changing; try again");
        }

        await MovePointerAsync(source, storedTarget.Updated, cancellationToken);

        var storedSource = await UpdateAsync(source.Id, (s, at) => CloseAsMerged(s, storedTarget.Updated.Id, who, at), cancellationToken);
        if (storedSource.Updated is null)
        {
            return new CaseMergeResult(storedSource.Rejection is null ? CaseActionStatus.Conflict : CaseActionStatus.Rejected, null, storedTarget.Updated, storedSource.Rejection ?? $"case {source.Id} kept changing; try again");
        }

        Log.Merged(logger, source.Id, storedTarget.Updated.Id, who, mentions.Count);
        return new CaseMergeResult(CaseActionStatus.Applied, storedSource.Updated, storedTarget.Updated, null);
    }

    /// <summary>Why the source cannot be merged into the target (null: it can).</summary>
    private static string? Refusal(Case source, Case target)
    {
        if (source.MergedInto is { } other)
        {
            return $"case {source.Id} was merged into case {other} already";
        }

        if (source.Status == CaseStatus.Closed)
        {
            return $"case {source.Id} is Closed; a closed case cannot be merged";
        }

        if (target.MergedInto is { } further)
        {
            return $"case {target.Id} was merged into case {further}; merge into that case instead";
        }

        return target.IsOpen ? null : $"case {target.Id} is {target.Status}; reopen it (status triaged) before merging into it";
    }

    /// <summary>Files one of the source's mentions in the target (with the target's header, in one conditional write).</summary>
    private async Task<bool> FileInTargetAsync(string targetId, CaseMention mention, CancellationToken cancellationToken)
    {
        var copy = mention with { CaseId = targetId };
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var t = await store.GetCaseAsync(targetId, cancellationToken);
            if (t is null)
            {
                return false;
            }

            var updated = t with
            {
                MentionCount = t.MentionCount + 1,
                LastMentionAt = mention.CreatedAt > t.LastMentionAt ? mention.CreatedAt : t.LastMentionAt,
                UpdatedAt = time.GetUtcNow(),
            };
            var outcome = await store.TryAppendMentionAsync(updated, copy, cancellationToken);
            if (outcome.Status != AppendStatus.Conflict)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The target with the source's categories, its stronger assessment, and the merge entry (once).</summary>
    private static (Case? Updated, string? Rejection) AbsorbInto(Case t, Case source, string actor, DateTimeOffset at)
    {
        var reason = MergedFromPrefix + source.Id;
        if (t.History.Any(h => h.Reason == reason))
        {
            return (t, null);
        }

        var (annotated, rejection) = Annotate(t, actor, reason, at);
        if (annotated is null)
        {
            return (null, rejection);
        }

        var waiting = new[] { t.WaitingSince, source.WaitingSince }.Where(w => w is not null).Min();
        var updated = annotated with
        {
            Categories = t.Categories.Concat(source.Categories).Distinct(StringComparer.Ordinal).ToList(),
            EscalationLevel = Math.Max(t.EscalationLevel, source.EscalationLevel),
            WaitingSince = t.Status is CaseStatus.AwaitingCustomer ? t.WaitingSince : waiting,
            AssignedTo = t.AssignedTo ?? source.AssignedTo,
            LastSentiment = source.LastMentionAt > t.LastMentionAt ? source.LastSentiment ?? t.LastSentiment : t.LastSentiment ?? source.LastSentiment,
            Language = source.LastMentionAt > t.LastMentionAt ? source.Language ?? t.Language : t.Language ?? source.Language,
        };
        if ((source.Urgent, source.Urgency).CompareTo((t.Urgent, t.Urgency)) > 0)
        {
            updated = updated with
            {
                Urgent = source.Urgent,
                Urgency = source.Urgency,
                UrgencyFactors = source.UrgencyFactors,
                UrgencyDecision = source.UrgencyDecision,
                PolicyVersion = source.PolicyVersion,
            };
        }

        return (updated, null);
    }

    private static (Case? Updated, string? Rejection) CloseAsMerged(Case s, string targetId, string actor, DateTimeOffset at)
    {
        if (s.MergedInto == targetId)
        {
            return (s, null);
        }

        if (s.MergedInto is not null || !CaseStatusRules.CanTransition(s.Status, CaseStatus.Closed))
        {
            return (null, $"case {s.Id} is {s.Status}{(s.MergedInto is null ? string.Empty : " (merged into " + s.MergedInto + ")")}; it cannot be closed as merged");
        }

        return (s.TransitionTo(CaseStatus.Closed, actor, MergedIntoPrefix + targetId, at) with { MergedInto = targetId }, null);
    }

    /// <summary>When both cases are one author's and the author's next mention would go to the source, send it to the target.</summary>
    private async Task MovePointerAsync(Case source, Case target, CancellationToken cancellationToken)
    {
        if (source.Platform != target.Platform || source.AuthorId != target.AuthorId)
        {
            return;
        }

        var pointer = await store.GetAuthorPointerAsync(source.BrandId, source.Platform, source.AuthorId, cancellationToken);
        if (pointer is null || pointer.CaseId != source.Id)
        {
            return;
        }

        var moved = new AuthorCasePointer(target.BrandId, target.Platform, target.AuthorId, target.Id, target.OpenedAt, target.FirstMentionKey) { Version = pointer.Version };
        if (!await store.TrySetAuthorPointerAsync(moved, cancellationToken))
        {
            // A new mention moved it first: it already points at a newer case, which is right too.
            Log.PointerKept(logger, source.Id);
        }
    }

    /// <summary>Read-change-write with retries; the change returns the case unchanged (same reference) when there is nothing to do.</summary>
    private async Task<(Case? Updated, string? Rejection)> UpdateAsync(
        string caseId,
        Func<Case, DateTimeOffset, (Case? Updated, string? Rejection)> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await store.GetCaseAsync(caseId, cancellationToken);
            if (current is null)
            {
                return (null, $"case {caseId} disappeared");
            }

            var (updated, rejection) = change(current, time.GetUtcNow());
            if (updated is null || ReferenceEquals(updated, current))
            {
                return (updated, rejection);
            }

            if (await store.TryUpdateCaseAsync(updated, cancellationToken) is { } stored)
            {
                await store.IndexCaseAsync(stored, cancellationToken);
                return (stored, null);
            }
        }

        Log.GaveUp(logger, caseId, "merge", MaxAttempts);
        return (null, null);
    }

    private static partial class Log
    {
        [LoggerMessage(4504, LogLevel.Information, "Case {CaseId} merged into case {TargetId} by {Actor} ({Mentions} mentions)")]
        public static partial void Merged(ILogger logger, string caseId, string targetId, string actor, int mentions);

        [LoggerMessage(4505, LogLevel.Debug, "Merge of case {CaseId}: the author's pointer moved on meanwhile; left as it is")]
        public static partial void PointerKept(ILogger logger, string caseId);
    }
}
