using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Core.Cases;

/// <summary>How an agent's change to a case ended.</summary>
public enum CaseActionStatus
{
    /// <summary>Written and indexed; <see cref="CaseActionResult.Case"/> is the stored case.</summary>
    Applied,

    /// <summary>The request was incomplete or malformed (missing actor, empty note, ...); nothing was written.</summary>
    Invalid,

    /// <summary>No case with that id.</summary>
    NotFound,

    /// <summary>The case's state does not allow the change (a forbidden transition, a note on a closed case); nothing was written.</summary>
    Rejected,

    /// <summary>The case kept changing under us for every attempt; nothing was written. Try again.</summary>
    Conflict,
}

/// <summary>The outcome of one agent action: the stored case when applied, otherwise why not.</summary>
public sealed record CaseActionResult(CaseActionStatus Status, Case? Case, string? Error)
{
    public static CaseActionResult Invalid(string error) => new(CaseActionStatus.Invalid, null, error);
}

/// <summary>
/// What an agent may do to a case: assign it, add a note, change its status, mark it as spam, merge it into another
/// (CaseActionsService.Merge.cs; replies are <see cref="CaseReplyService"/>). Every change is a history entry carrying
/// the agent's id (<c>actor</c>) and the time. Status changes go through <see cref="Case.TransitionTo"/> (so only allowed
/// transitions happen); assignments and notes are history entries that keep the status (<c>From == To</c>) with a reason
/// starting <see cref="AssignedPrefix"/> or <see cref="NotePrefix"/>; an assignment also sets <see cref="Case.AssignedTo"/>.
/// Writes are conditional on the version read, retried on conflict.
/// </summary>
public sealed partial class CaseActionsService(ICaseStore store, TimeProvider time, ILogger<CaseActionsService> logger)
{
    /// <summary>Reason prefix of an assignment entry: <c>"assigned: {agent}"</c>.</summary>
    public const string AssignedPrefix = "assigned: ";

    /// <summary>Reason prefix of a note entry: <c>"note: {text}"</c>.</summary>
    public const string NotePrefix = "note: ";

    public const int MaxActorLength = 100;

    public const int MaxNoteLength = 1000;

    public const int MaxReasonLength = 300;

    /// <summary>Read-change-write attempts before giving up with <see cref="CaseActionStatus.Conflict"/>.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Actor names the pipeline writes under; an agent may not use them (metrics tell automation from people by them).</summary>
    private static readonly string[] ReservedActors = [TriageService.Actor, EscalationService.Actor, CaseTimelineMapper.SlaWatchActor];

    /// <summary>Records that <paramref name="agent"/> now owns the case. Only while the case is open.</summary>
    public Task<CaseActionResult> AssignAsync(string caseId, string? agent, string? actor, CancellationToken cancellationToken)
    {
        if (Check(actor) is { } bad)
        {
            return Task.FromResult(bad);
        }

        if (string.IsNullOrWhiteSpace(agent) || agent.Length > MaxActorLength)
        {
            return Task.FromResult(CaseActionResult.Invalid($"agent is required (at most {MaxActorLength} characters)"));
        }

        var owner = agent.Trim();
        return ApplyAsync(
            caseId,
            "assign",
            actor!,
            (c, at) =>
            {
                var (annotated, rejection) = Annotate(c, actor!, AssignedPrefix + owner, at);
                return (annotated is null ? null : annotated with { AssignedTo = owner }, rejection);
            },
            cancellationToken);
    }

    /// <summary>Adds an agent's note to the case history. Only while the case is open.</summary>
    public Task<CaseActionResult> AddNoteAsync(string caseId, string? text, string? actor, CancellationToken cancellationToken)
    {
        if (Check(actor) is { } bad)
        {
            return Task.FromResult(bad);
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxNoteLength)
        {
            return Task.FromResult(CaseActionResult.Invalid($"text is required (at most {MaxNoteLength} characters)"));
        }

        return ApplyAsync(caseId, "note", actor!, (c, at) => Annotate(c, actor!, NotePrefix + text.Trim(), at), cancellationToken);
    }

    /// <summary>Moves the case to <paramref name="to"/> if the state machine allows it from where it stands now.</summary>
    public Task<CaseActionResult> ChangeStatusAsync(string caseId, CaseStatus to, string? reason, string? actor, CancellationToken cancellationToken)
    {
        if (Check(actor) is { } bad)
        {
            return Task.FromResult(bad);
        }

        if (reason is { Length: > MaxReasonLength })
        {
            return Task.FromResult(CaseActionResult.Invalid($"reason is at most {MaxReasonLength} characters"));
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "changed by agent" : reason.Trim();
        return ApplyAsync(caseId, "status", actor!, (c, at) => Transition(c, to, actor!, why, at), cancellationToken);
    }

    /// <summary>Marks the case as spam (allowed from New, Triaged and NeedsHuman).</summary>
    public Task<CaseActionResult> MarkSpamAsync(string caseId, string? reason, string? actor, CancellationToken cancellationToken)
    {
        if (Check(actor) is { } bad)
        {
            return Task.FromResult(bad);
        }

        if (reason is { Length: > MaxReasonLength })
        {
            return Task.FromResult(CaseActionResult.Invalid($"reason is at most {MaxReasonLength} characters"));
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "marked as spam by agent" : reason.Trim();
        return ApplyAsync(caseId, "spam", actor!, (c, at) => Transition(c, CaseStatus.Spam, actor!, why, at), cancellationToken);
    }

    internal static CaseActionResult? Check(string? actor)
    {
        if (string.IsNullOrWhiteSpace(actor) || actor.Length > MaxActorLength)
        {
            return CaseActionResult.Invalid($"actor is required (the agent making the change, at most {MaxActorLength} characters)");
        }

        return ReservedActors.Contains(actor.Trim(), StringComparer.OrdinalIgnoreCase)
            ? CaseActionResult.Invalid($"actor '{actor}' is reserved for the pipeline")
            : null;
    }

    /// <summary>A change either gives the new case or the reason it is not allowed.</summary>
    private static (Case? Updated, string? Rejection) Transition(Case c, CaseStatus to, string actor, string reason, DateTimeOffset at)
    {
        if (!CaseStatusRules.CanTransition(c.Status, to))
        {
            return (null, new InvalidCaseTransitionException(c.Id, c.Status, to).Message);
        }

        return (c.TransitionTo(to, actor.Trim(), reason, at), null);
    }

    internal static (Case? Updated, string? Rejection) Annotate(Case c, string actor, string reason, DateTimeOffset at)
    {
        // Closed, resolved and spam cases take no annotations: an entry with To == Resolved would move ResolvedAt.
        if (!c.IsOpen)
        {
            return (null, $"case {c.Id} is {c.Status}; reopen it (status triaged) before assigning or adding notes");
        }

        var history = c.History.Append(new CaseTransition(c.Status, c.Status, actor.Trim(), reason, at)).ToList();
        if (history.Count > Case.MaxHistory)
        {
            history.RemoveRange(1, history.Count - Case.MaxHistory);
        }

        return (c with { History = history, UpdatedAt = at }, null);
    }

    private async Task<CaseActionResult> ApplyAsync(
        string caseId,
        string action,
        string actor,
        Func<Case, DateTimeOffset, (Case? Updated, string? Rejection)> change,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(caseId))
        {
            return CaseActionResult.Invalid("case id is required");
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await store.GetCaseAsync(caseId, cancellationToken);
            if (current is null)
            {
                return new CaseActionResult(CaseActionStatus.NotFound, null, $"no case '{caseId}'");
            }

            var (updated, rejection) = change(current, time.GetUtcNow());
            if (updated is null)
            {
                Log.Rejected(logger, caseId, action, current.Status);
                return new CaseActionResult(CaseActionStatus.Rejected, current, rejection);
            }

            if (await store.TryUpdateCaseAsync(updated, cancellationToken) is { } stored)
            {
                await store.IndexCaseAsync(stored, cancellationToken);
                Log.Applied(logger, caseId, action, actor.Trim(), stored.Status);
                return new CaseActionResult(CaseActionStatus.Applied, stored, null);
            }
        }

        Log.GaveUp(logger, caseId, action, MaxAttempts);
        return new CaseActionResult(CaseActionStatus.Conflict, null, $"case {caseId} kept changing; try again");
    }

    private static partial class Log
    {
        [LoggerMessage(4501, LogLevel.Information, "Case {CaseId}: agent action {Action} by {Actor} applied (status {Status})")]
        public static partial void Applied(ILogger logger, string caseId, string action, string actor, CaseStatus status);

        [LoggerMessage(4502, LogLevel.Information, "Case {CaseId}: agent action {Action} rejected in status {Status}")]
        public static partial void Rejected(ILogger logger, string caseId, string action, CaseStatus status);

        [LoggerMessage(4503, LogLevel.Warning, "Case {CaseId}: agent action {Action} gave up after {Attempts} conflicting writes")]
        public static partial void GaveUp(ILogger logger, string caseId, string action, int attempts);
    }
}

/// <summary>
/// Registers <see cref="CaseActionsService"/> (needs <see cref="ICaseStore"/> from an adapter layer) and
/// <see cref="CaseReplyService"/> (also needs the escalation outbox, options and messengers: AddSocialFirstEscalation,
/// AddEscalationStorage, AddSocialFirstMessaging).
/// </summary>
public static class CaseActionsServiceCollectionExtensions
{
    public static IServiceCollection AddCaseActions(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CaseActionsService>();
        services.TryAddSingleton<CaseReplyService>();
        return services;
    }
}
