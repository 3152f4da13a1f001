using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Escalation.Templates;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Escalation;

/// <summary>What one escalation delivery did.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Action">The outbox action (empty when the case is unknown).</param>
/// <param name="Status">The outbox status afterwards; null when the case is unknown (the message was poisoned).</param>
/// <param name="Created">True when this delivery recorded the entry (false: a redelivery found it).</param>
/// <param name="Note">One line for the invocation log.</param>
public sealed record EscalationResult(string CaseId, string Action, OutboxStatus? Status, bool Created, string Note);

/// <summary>
/// Thrown when an escalation must be retried later: the platform answered RetryLater (429, 5xx, timeout), another
/// instance is sending the same action right now, or the case kept changing. The function fails, so the queue
/// redelivers the message; the outbox makes the retry safe.
/// </summary>
public sealed class EscalationRetryException : Exception
{
    public EscalationRetryException()
    {
    }

    public EscalationRetryException(string message)
        : base(message)
    {
    }

    public EscalationRetryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EscalationRetryException(string message, TimeSpan? retryAfter)
        : base(message)
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan? RetryAfter { get; }
}

/// <summary>
/// Answers an urgent case privately on its platform, exactly once, within the platform's rules (docs/escalation.md):
/// load the case, pick the mention to answer, decide with <see cref="MessagingRules"/>, render the template, record the
/// intended action in the outbox (insert-if-absent under case id + action) <b>before</b> calling the platform, send,
/// record the outcome (ETag-conditional), then bring the case and the brand's people up to date.
/// </summary>
public sealed partial class EscalationService
{
    /// <summary>The actor named in case history entries written here.</summary>
    public const string Actor = "escalation";

    private readonly ICaseStore _cases;
    private readonly IEscalationOutbox _outbox;
    private readonly IEscalationPoisonStore _poison;
    private readonly PrivateMessengerSelector _messengers;
    private readonly ITemplateStore _templates;
    private readonly IBrandResolver _brands;
    private readonly IOptionsMonitor<BrandOptions> _brandOptions;
    private readonly IReadOnlyList<IAlertSink> _alerts;
    private readonly EscalationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EscalationService> _logger;

    public EscalationService(
        ICaseStore cases,
        IEscalationOutbox outbox,
        IEscalationPoisonStore poison,
        PrivateMessengerSelector messengers,
        ITemplateStore templates,
        IBrandResolver brands,
        IOptionsMonitor<BrandOptions> brandOptions,
        IEnumerable<IAlertSink> alerts,
        IOptions<EscalationOptions> options,
        TimeProvider time,
        ILogger<EscalationService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(alerts);
        _cases = cases;
        _outbox = outbox;
        _poison = poison;
        _messengers = messengers;
        _templates = templates;
        _brands = brands;
        _brandOptions = brandOptions;
        _alerts = alerts.ToList();
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private TimeSpan Lease => TimeSpan.FromSeconds(_options.ClaimLeaseSeconds);

    public static string PrivateAction(int level) => string.Create(CultureInfo.InvariantCulture, $"private-reply-L{level}");

    public static string PublicAction(int level) => string.Create(CultureInfo.InvariantCulture, $"public-reply-L{level}");

    /// <summary>
    /// Handles one delivery of <paramref name="message"/>. Returns normally when the message is done with (including an
    /// unknown case, which is poisoned); throws <see cref="EscalationRetryException"/> (or a storage exception) when it
    /// must be delivered again.
    /// </summary>
    public async Task<EscalationResult> HandleAsync(EscalationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var c = await _cases.GetCaseAsync(message.CaseId, cancellationToken);
        if (c is null)
        {
            var recorded = await _poison.RecordAsync(
                new EscalationPoison(message.MessageId, message.CaseId, "unknown case", string.Empty, _time.GetUtcNow()),
                cancellationToken);
            Log.UnknownCase(_logger, message.CaseId, message.Level);
            return new EscalationResult(message.CaseId, string.Empty, null, recorded, "unknown case: recorded in the poison table");
        }

        var existing = await _outbox.GetAsync(c.Id, PrivateAction(message.Level), cancellationToken);
        if (existing is not null)
        {
            return await ResumeAsync(c, message, existing, cancellationToken);
        }

        var plan = await PlanAsync(c, message, forcePublic: false, cancellationToken);
        return await StartAsync(c, message, plan, cancellationToken);
    }

    /// <summary>
    /// Records a dead-lettered escalation: the case goes to NeedsHuman ("escalation dead-lettered: reason"), a Pending
    /// outbox entry becomes NeedsHuman, and the brand is alerted. Idempotent; throws when it must be retried.
    /// </summary>
    public async Task RecordDeadLetteredAsync(EscalationMessage message, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = _time.GetUtcNow();
        var c = await _cases.GetCaseAsync(message.CaseId, cancellationToken);
        var why = "escalation dead-lettered: " + (string.IsNullOrWhiteSpace(reason) ? "unknown reason" : reason.ReplaceLineEndings(" "));
        if (c is null)
        {
            await _poison.RecordAsync(new EscalationPoison(message.MessageId, message.CaseId, why + " (unknown case)", string.Empty, now), cancellationToken);
            Log.UnknownCase(_logger, message.CaseId, message.Level);
            return;
        }

        var action = PrivateAction(message.Level);
        var entry = await _outbox.GetAsync(c.Id, action, cancellationToken);
        if (entry is { FallbackAction: { } fallback })
        {
            entry = await _outbox.GetAsync(c.Id, fallback, cancellationToken) ?? entry;
        }

        if (entry is null)
        {
            var added = new OutboxEntry(c.Id, action, c.Platform.ToString(), OutboxStatus.NeedsHuman, why, now) { UpdatedAt = now, CaseRecorded = true };
            entry = (await _outbox.AddIfAbsentAsync(added, cancellationToken)).Entry;
        }

        if (entry.Status == OutboxStatus.Pending)
        {
            var possiblySent = entry.ClaimedAt is not null ? "; it may have been sent: verify on the platform" : string.Empty;
            entry = await SettleAsync(entry, e => e with { Status = OutboxStatus.NeedsHuman, Detail = why + possiblySent, ClaimedAt = null, CaseRecorded = true }, force: true, cancellationToken);
        }

        await AlertAsync(AlertKind.DeadLettered, c, message, entry.Status, why, entry.IdempotencyKey + ":dead-lettered", cancellationToken);
        await RecordOnCaseAsync(c.Id, message, entry with { Status = OutboxStatus.NeedsHuman, Detail = why }, entry.IdempotencyKey + ":dead-lettered", cancellationToken);
        Log.DeadLettered(_logger, c.Id, action, reason);
    }

    private async Task<EscalationResult> StartAsync(Case c, EscalationMessage message, Plan plan, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var status = c.Status is CaseStatus.Resolved or CaseStatus.Closed or CaseStatus.Spam ? OutboxStatus.Skipped
            : plan.Problem is not null || plan.Decision is { Kind: MessagingDecisionKind.NotSupported } ? OutboxStatus.NeedsHuman // nothing could ever be sent: a person must act, dry run or not
            : !_options.Sends(c.Platform) ? OutboxStatus.DryRun
            : plan.Problem is not null || plan.Decision is not { CanSend: true } || plan.Rendered is null ? OutboxStatus.NeedsHuman
            : OutboxStatus.Pending;
        var detail = status switch
        {
            OutboxStatus.Skipped => $"not sent: the case is {c.Status}",
            OutboxStatus.DryRun => _options.DryRunReason(c.Platform) + "; " + plan.Summary,
            _ => plan.Summary,
        };
        var entry = new OutboxEntry(c.Id, plan.Action, c.Platform.ToString(), status, Cut(detail), now)
        {
            Text = plan.Rendered?.Text,
            TemplateId = plan.Rendered is { } r ? $"{r.TemplateId}@{r.Version}" : null,
            TargetId = plan.Target?.ReplyToId,
            Channel = plan.Channel.ToString(),
            Attempts = status == OutboxStatus.Pending ? 1 : 0,
            ClaimedAt = status == OutboxStatus.Pending ? now : null,
            UpdatedAt = now,
        };
        var (stored, created) = await _outbox.AddIfAbsentAsync(entry, cancellationToken);
        if (!created)
        {
            Log.AlreadyRecorded(_logger, c.Id, plan.Action, stored.Status);
            return await ResumeAsync(c, message, stored, cancellationToken);
        }

        Log.Recorded(_logger, c.Id, plan.Action, stored.Status);
        return stored.Status == OutboxStatus.Pending
            ? await SendAsync(c, message, stored, plan.Target!, cancellationToken)
            : await FinishAsync(c, message, stored, created: true, cancellationToken);
    }

    /// <summary>A redelivery (or a concurrent delivery) found the entry.</summary>
    private async Task<EscalationResult> ResumeAsync(Case c, EscalationMessage message, OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (entry.IsFinal)
        {
            if (entry.FallbackAction is { } fallback)
            {
                var next = await _outbox.GetAsync(c.Id, fallback, cancellationToken);
                return next is not null
                    ? await ResumeAsync(c, message, next, cancellationToken)
                    : await StartAsync(c, message, await PlanAsync(c, message, forcePublic: true, cancellationToken), cancellationToken);
            }

            return await FinishAsync(c, message, entry, created: false, cancellationToken);
        }

        var now = _time.GetUtcNow();
        if (entry.ClaimedAt is { } claimed && now - claimed < Lease)
        {
            Log.InProgress(_logger, c.Id, entry.Action);
            throw new EscalationRetryException($"{entry.IdempotencyKey} is being sent by another delivery; retry later", Lease - (now - claimed));
        }

        // Released after RetryLater (never accepted), or a Meta comment private reply: Meta accepts one private reply
        // per comment and answers a second one with #10900 (AlreadyDone), so sending again cannot reach the customer twice.
        var safeToResend = entry.ClaimedAt is null || entry.Channel == nameof(MessagingAction.CommentPrivateReply);
        if (!safeToResend)
        {
            Log.PossiblySent(_logger, c.Id, entry.Action, entry.Platform);
            var settled = await SettleAsync(
                entry,
                e => e with
                {
                    Status = OutboxStatus.NeedsHuman,
                    Detail = "possibly sent, verify: the process stopped between sending and recording; not re-sent blindly",
                    ClaimedAt = null,
                },
                force: false,
                cancellationToken);
            return settled.IsFinal
                ? await FinishAsync(c, message, settled, created: false, cancellationToken)
                : throw new EscalationRetryException($"{entry.IdempotencyKey} was claimed by another delivery");
        }

        var reclaimed = await _outbox.TryUpdateAsync(entry with { Attempts = entry.Attempts + 1, ClaimedAt = now, UpdatedAt = now }, cancellationToken)
            ?? throw new EscalationRetryException($"{entry.IdempotencyKey} was claimed by another delivery; retry later");
        var mentions = await _cases.GetMentionsAsync(c.Id, cancellationToken);
        var target = EscalationTargets.Resolve(c, mentions, _brandOptions.CurrentValue, reclaimed.TargetId, out var problem);
        if (target is null || reclaimed.Text is null)
        {
            var settled = await SettleAsync(reclaimed, e => e with { Status = OutboxStatus.NeedsHuman, Detail = Cut("cannot send again: " + (problem ?? "no text recorded")), ClaimedAt = null }, force: true, cancellationToken);
            return await FinishAsync(c, message, settled, created: false, cancellationToken);
        }

        Log.Resending(_logger, c.Id, entry.Action, reclaimed.Attempts);
        return await SendAsync(c, message, reclaimed, target, cancellationToken);
    }

    /// <summary>Calls the platform for a claimed Pending entry and records the outcome.</summary>
    private async Task<EscalationResult> SendAsync(Case c, EscalationMessage message, OutboxEntry entry, PrivateMessageTarget target, CancellationToken cancellationToken)
    {
        var isPublic = entry.Channel == nameof(MessagingAction.PublicReply);
        var outcome = await _messengers.SendAsync(c.Platform, entry, target, cancellationToken);

        var line = Cut($"{outcome.Kind}: {outcome.Detail}");
        Log.Outcome(_logger, c.Id, entry.Action, outcome.Kind, outcome.ErrorCode);
        if (outcome.ShouldRetry)
        {
            // Released: the platform did not take it, so the next delivery may send again.
            await SettleAsync(entry, e => e with { ClaimedAt = null, LastOutcome = line }, force: false, cancellationToken);
            throw new EscalationRetryException($"{entry.IdempotencyKey}: {line}", outcome.RetryAfter);
        }

        if (!outcome.IsDone && !isPublic && c.Platform == Platform.X && target.AuthorAcceptsDirectMessages != true
            && outcome.Kind is SendOutcomeKind.NotPermitted or SendOutcomeKind.Failed)
        {
            // X refused the DM (the author does not accept DMs from us): fall back to a public reply inviting one.
            var publicAction = PublicAction(message.Level);
            await SettleAsync(
                entry,
                e => e with { Status = OutboxStatus.NeedsHuman, Detail = Cut($"DM refused ({line}); fell back to {publicAction}"), ClaimedAt = null, LastOutcome = line, FallbackAction = publicAction, CaseRecorded = true },
                force: true,
                cancellationToken);
            return await StartAsync(c, message, await PlanAsync(c, message, forcePublic: true, cancellationToken), cancellationToken);
        }

        var status = outcome.OutboxStatus ?? OutboxStatus.NeedsHuman;
        var settled = await SettleAsync(
            entry,
            e => e with { Status = status, Detail = line, PlatformMessageId = outcome.PlatformMessageId ?? e.PlatformMessageId, ClaimedAt = null, LastOutcome = line },
            force: true,
            cancellationToken);
        return await FinishAsync(c, message, settled, created: true, cancellationToken);
    }

    /// <summary>Alerts and updates the case for a final entry, once (both are recorded on the entry).</summary>
    private async Task<EscalationResult> FinishAsync(Case c, EscalationMessage message, OutboxEntry entry, bool created, CancellationToken cancellationToken)
    {
        var bookkeeping = entry.FallbackAction is null && entry.Status != OutboxStatus.Skipped;
        var safety = IsSafety(c, message);
        var alert = bookkeeping && entry.AlertedAt is null && (safety || entry.Status == OutboxStatus.NeedsHuman);
        var caseUpdate = bookkeeping && !entry.CaseRecorded;
        if (alert)
        {
            await AlertAsync(safety ? AlertKind.Safety : AlertKind.NeedsHuman, c, message, entry.Status, entry.Detail, entry.IdempotencyKey, cancellationToken);
        }

        if (caseUpdate)
        {
            await RecordOnCaseAsync(c.Id, message, entry, entry.IdempotencyKey, cancellationToken);
        }

        if (alert || caseUpdate)
        {
            var now = _time.GetUtcNow();
            entry = await SettleAsync(entry, e => e with { CaseRecorded = e.CaseRecorded || caseUpdate, AlertedAt = alert ? e.AlertedAt ?? now : e.AlertedAt }, force: true, cancellationToken);
        }

        return new EscalationResult(c.Id, entry.Action, entry.Status, created, created ? Cut(entry.Detail) : "already handled; nothing sent again");
    }

    private async Task AlertAsync(AlertKind kind, Case c, EscalationMessage message, OutboxStatus status, string reason, string key, CancellationToken cancellationToken)
    {
        var alert = new EscalationAlert(
            kind,
            c.BrandId,
            c.Id,
            c.Platform.ToString(),
            message.Level,
            status,
            Cut(reason),
            c.Categories.Union(message.Categories, StringComparer.OrdinalIgnoreCase).ToList(),
            _time.GetUtcNow(),
            key);
        foreach (var sink in _alerts)
        {
            await sink.AlertAsync(alert, cancellationToken);
        }
    }

    /// <summary>
    /// Brings the case up to date with <paramref name="entry"/>, once (the history entry carries the key): records the
    /// escalation level for triage if it has not yet, then Sent → AwaitingCustomer, NeedsHuman → NeedsHuman (with the
    /// reason), DryRun → a note in the history (the case stays Escalated).
    /// </summary>
    private async Task RecordOnCaseAsync(string caseId, EscalationMessage message, OutboxEntry entry, string key, CancellationToken cancellationToken)
    {
        var marker = $" [{key}]";
        for (var attempt = 1; attempt <= _options.MaxCaseUpdateAttempts; attempt++)
        {
            var c = await _cases.GetCaseAsync(caseId, cancellationToken);
            if (c is null || c.History.Any(h => h.Actor == Actor && h.Reason.EndsWith(marker, StringComparison.Ordinal)))
            {
                return;
            }

            var now = _time.GetUtcNow();
            var u = c;
            if (u.PendingEscalation is { } pending && pending.Level <= message.Level)
            {
                // Triage sent this escalation and has not recorded it yet: record it for it (what its retry would do).
                u = u with { PendingEscalation = null };
            }

            if (u.EscalationLevel < message.Level)
            {
                u = u with { EscalationLevel = message.Level };
            }

            if (u.Status is CaseStatus.New or CaseStatus.Triaged)
            {
                u = u.TransitionTo(CaseStatus.Escalated, Actor, Cut($"escalated at level {message.Level}: {message.Reason}"), now);
            }

            var channel = entry.Channel == nameof(MessagingAction.PublicReply) ? "public reply" : "private reply";
            u = entry.Status switch
            {
                OutboxStatus.Sent when CaseStatusRules.CanTransition(u.Status, CaseStatus.AwaitingCustomer) =>
                    u.TransitionTo(CaseStatus.AwaitingCustomer, Actor, $"{channel} sent on {entry.Platform}" + marker, now),
                OutboxStatus.Sent => Note(u, $"{channel} sent on {entry.Platform}" + marker, now),
                OutboxStatus.NeedsHuman when CaseStatusRules.CanTransition(u.Status, CaseStatus.NeedsHuman) =>
                    u.TransitionTo(CaseStatus.NeedsHuman, Actor, Cut(entry.Detail) + marker, now),
                OutboxStatus.NeedsHuman => Note(u, "a person must act: " + Cut(entry.Detail) + marker, now),
                OutboxStatus.DryRun => Note(u, $"dry run: {channel} recorded in the outbox, not sent" + marker, now),
                _ => Note(u, Cut(entry.Detail) + marker, now),
            };
            if (await _cases.TryUpdateCaseAsync(u, cancellationToken) is { } stored)
            {
                await _cases.IndexCaseAsync(stored, cancellationToken);
                Log.CaseUpdated(_logger, caseId, c.Status, stored.Status);
                return;
            }
        }

        throw new EscalationRetryException($"case {caseId} kept changing; {_options.MaxCaseUpdateAttempts} conflicting writes");
    }

    /// <summary>A history entry that does not change the status (the state machine never moves a case to itself).</summary>
    private static Case Note(Case c, string reason, DateTimeOffset at)
    {
        var history = c.History.Append(new CaseTransition(c.Status, c.Status, Actor, reason, at)).ToList();
        if (history.Count > Case.MaxHistory)
        {
            history.RemoveRange(1, history.Count - Case.MaxHistory);
        }

        return c with { History = history, UpdatedAt = at };
    }

    /// <summary>
    /// Writes <paramref name="change"/> with the entry's ETag. On a conflict it reads the entry again: a final entry
    /// wins (someone else finished it); otherwise the change is applied to the fresh copy when <paramref name="force"/>
    /// (we know the outcome), or abandoned (the fresh copy is returned).
    /// </summary>
    private async Task<OutboxEntry> SettleAsync(OutboxEntry entry, Func<OutboxEntry, OutboxEntry> change, bool force, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var stored = await _outbox.TryUpdateAsync(change(entry) with { UpdatedAt = _time.GetUtcNow() }, cancellationToken);
            if (stored is not null)
            {
                return stored;
            }

            var fresh = await _outbox.GetAsync(entry.CaseId, entry.Action, cancellationToken)
                ?? throw new EscalationRetryException($"{entry.IdempotencyKey} disappeared from the outbox");
            if ((fresh.IsFinal && !entry.IsFinal) || !force)
            {
                return fresh;
            }

            entry = fresh;
        }

        throw new EscalationRetryException($"{entry.IdempotencyKey}: the outbox entry kept changing");
    }

    private async Task<Plan> PlanAsync(Case c, EscalationMessage message, bool forcePublic, CancellationToken cancellationToken)
    {
        var mentions = await _cases.GetMentionsAsync(c.Id, cancellationToken);
        var target = EscalationTargets.Resolve(c, mentions, _brandOptions.CurrentValue, objectId: null, out var problem);
        var defaultChannel = forcePublic ? MessagingAction.PublicReply
            : target is { Kind: not MentionKind.DirectMessage, Platform: Platform.Facebook or Platform.Instagram } ? MessagingAction.CommentPrivateReply
            : MessagingAction.DirectMessage;
        if (target is null)
        {
            return new Plan(forcePublic ? PublicAction(message.Level) : PrivateAction(message.Level), defaultChannel, null, null, null, problem!, problem);
        }

        var sameLevel = string.Create(CultureInfo.InvariantCulture, $"-L{message.Level}");
        var history = (await _outbox.ListAsync(c.Id, cancellationToken)).Where(e => !e.Action.EndsWith(sameLevel, StringComparison.Ordinal)).ToList();
        MessagingDecision decision;
        if (forcePublic)
        {
            var used = history.Count(e => e.Status == OutboxStatus.Sent && e.TargetId == target.ReplyToId && e.Channel == nameof(MessagingAction.PublicReply));
            decision = MessagingRules.Decide(target with { Kind = MentionKind.Mention, AuthorAcceptsDirectMessages = false }, used, _time.GetUtcNow());
        }
        else
        {
            decision = MessagingRules.Decide(target, AlreadySent(target, history), _time.GetUtcNow());
        }

        var channel = decision.Action == MessagingAction.None ? defaultChannel : decision.Action;
        var action = channel == MessagingAction.PublicReply ? PublicAction(message.Level) : PrivateAction(message.Level);
        if (decision.Kind == MessagingDecisionKind.NotSupported)
        {
            // No private channel at all (e.g. the generic feed): a person answers where the mention was made.
            return new Plan(action, channel, target, decision, null, Cut($"{decision.Kind}: {decision.Reason}"), decision.Reason);
        }

        RenderedMessage? rendered = null;
        try
        {
            var author = await _cases.GetAuthorAsync(c.Platform, c.AuthorId, cancellationToken);
            rendered = _templates.Render(new TemplateRequest
            {
                BrandId = c.BrandId,
                BrandName = _brands.Get(c.BrandId).DisplayName,
                Category = TemplateCategory.Pick(c.Categories.Concat(message.Categories)),
                CustomerLanguage = c.Language is { Length: > 0 } l && !string.Equals(l, "unknown", StringComparison.OrdinalIgnoreCase) ? l : null,
                Platform = c.Platform,
                Channel = channel == MessagingAction.PublicReply ? TemplateChannel.Public : TemplateChannel.Private,
                CaseRef = c.Id,
                CustomerDisplayName = author?.DisplayName,
            });
        }
        catch (TemplateValidationException ex)
        {
            problem = "template: " + string.Join("; ", ex.Errors.Count > 0 ? ex.Errors : [ex.Message]);
        }

        var summary = problem ?? $"{decision.Kind}: {decision.Reason}";
        return new Plan(action, channel, target, decision, rendered, Cut(summary), problem);
    }

    /// <summary>What the brand already sent for this target, from the outbox (other levels; see MessagingRules.Decide).</summary>
    private static int AlreadySent(PrivateMessageTarget target, IReadOnlyList<OutboxEntry> history)
    {
        var sent = history.Where(e => e.Status == OutboxStatus.Sent && e.Channel != nameof(MessagingAction.PublicReply));
        return target.Platform == Platform.WeChat
            ? sent.Count(e => (e.UpdatedAt ?? e.RecordedAt) >= (target.CustomerLastMessageAt ?? target.MentionCreatedAt))
            : sent.Count(e => e.TargetId == target.ReplyToId);
    }

    private static bool IsSafety(Case c, EscalationMessage message) =>
        c.Categories.Concat(message.Categories).Contains(TemplateCategory.Safety, StringComparer.OrdinalIgnoreCase);

    private static string Cut(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 500 ? line : string.Concat(line.AsSpan(0, 499), "…");
    }

    private sealed record Plan(
        string Action,
        MessagingAction Channel,
        PrivateMessageTarget? Target,
        MessagingDecision? Decision,
        RenderedMessage? Rendered,
        string Summary,
        string? Problem);

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Information, "Escalation of case {CaseId}: {Action} recorded as {Status}")]
        public static partial void Recorded(ILogger logger, string caseId, string action, OutboxStatus status);

        [LoggerMessage(4002, LogLevel.Information, "Escalation of case {CaseId}: {Action} was already recorded ({Status}); nothing sent again")]
        public static partial void AlreadyRecorded(ILogger logger, string caseId, string action, OutboxStatus status);

        [LoggerMessage(4003, LogLevel.Warning, "Escalation for unknown case {CaseId} (level {Level}) recorded in the poison table")]
        public static partial void UnknownCase(ILogger logger, string caseId, int level);

        [LoggerMessage(4004, LogLevel.Information, "Escalation of case {CaseId}: {Action} is being sent by another delivery; retry later")]
        public static partial void InProgress(ILogger logger, string caseId, string action);

        [LoggerMessage(4005, LogLevel.Warning, "Escalation of case {CaseId}: {Action} on {Platform} may have been sent before the process stopped; a person must verify")]
        public static partial void PossiblySent(ILogger logger, string caseId, string action, string platform);

        [LoggerMessage(4006, LogLevel.Information, "Escalation of case {CaseId}: sending {Action} again (attempt {Attempt}); the platform refuses a second private reply")]
        public static partial void Resending(ILogger logger, string caseId, string action, int attempt);

        [LoggerMessage(4007, LogLevel.Information, "Escalation of case {CaseId}: {Action} answered {Outcome} (error code {ErrorCode})")]
        public static partial void Outcome(ILogger logger, string caseId, string action, SendOutcomeKind outcome, string? errorCode);

        [LoggerMessage(4008, LogLevel.Information, "Case {CaseId}: {From} → {To} after escalation")]
        public static partial void CaseUpdated(ILogger logger, string caseId, CaseStatus from, CaseStatus to);

        [LoggerMessage(4009, LogLevel.Warning, "Escalation {Action} of case {CaseId} was dead-lettered ({Reason}); the case needs a person")]
        public static partial void DeadLettered(ILogger logger, string caseId, string action, string reason);
    }
}
