using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Escalation.Templates;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Cases;

/// <summary>How an agent's reply request ended.</summary>
public enum CaseReplyStatus
{
    /// <summary>The platform accepted the reply (now, or for an earlier request with the same key).</summary>
    Sent,

    /// <summary>Recorded in the outbox with the exact text, not sent: sending is off for the platform (the default).</summary>
    DryRun,

    /// <summary>Not sendable within the platform's rules (window closed, one reply per comment used, no channel, refused); a person must answer elsewhere.</summary>
    NeedsHuman,

    /// <summary>The request was incomplete or malformed; nothing was recorded.</summary>
    Invalid,

    /// <summary>No case with that id.</summary>
    NotFound,

    /// <summary>The case is not open (resolved, closed, spam); nothing was recorded.</summary>
    Rejected,

    /// <summary>Another request with the same key is sending right now; ask again after <see cref="CaseReplyResult.RetryAfter"/>.</summary>
    InProgress,

    /// <summary>The platform asked us to retry later (rate limit, outage); nothing reached the customer. Repeat the request with the same key.</summary>
    RetryLater,

    /// <summary>The key was used before for a different reply (other text or channel); nothing was sent.</summary>
    KeyReused,

    /// <summary>The case kept changing while the outcome was recorded; the reply itself is settled. Repeat the request with the same key.</summary>
    Conflict,
}

/// <summary>Which way an agent answers: privately (comment private reply or DM, the default) or publicly (X only).</summary>
public enum ReplyChannel
{
    Private,
    Public,
}

/// <summary>The outcome of an agent reply: the outbox entry (the durable record) and the case as stored afterwards.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Case">The case after recording the outcome (or as read, when nothing was recorded).</param>
/// <param name="Entry">The outbox entry under the request's key; null when nothing was recorded.</param>
/// <param name="Error">Why not, for the statuses that are not an outcome of sending.</param>
/// <param name="Replayed">True when an earlier request with the same key had recorded the entry.</param>
/// <param name="RetryAfter">For InProgress and RetryLater: when to ask again, if known.</param>
public sealed record CaseReplyResult(CaseReplyStatus Status, Case? Case, OutboxEntry? Entry, string? Error, bool Replayed = false, TimeSpan? RetryAfter = null)
{
    public static CaseReplyResult Invalid(string error) => new(CaseReplyStatus.Invalid, null, null, error);
}

/// <summary>
/// Sends an agent's reply to the customer through the escalation outbox, so it is sent at most once per idempotency key
/// whatever the retries: the intended reply is recorded (insert-if-absent under case id + <c>agent-reply-{hash of the
/// key}</c>) <b>before</b> the platform is called, the outcome is recorded conditionally on the entry's ETag, and a
/// repeated request finds the entry and answers with its outcome instead of sending again. The platform rules are the
/// escalation's (<see cref="MessagingRules"/> with <see cref="PrivateMessageTarget.SentByHumanAgent"/> set, so a person
/// may use Meta's HUMAN_AGENT window; Meta's one private reply per comment counts escalations too) and so is the switch
/// (<see cref="EscalationOptions.Sends"/>: dry run by default). A sent reply is the brand's answer: the case moves to
/// AwaitingCustomer (its first response, for the metrics, if it had none). The text is never logged or put in the history.
/// </summary>
public sealed partial class CaseReplyService
{
    /// <summary>Outbox action prefix of agent replies (the rest is a hash of the client's idempotency key).</summary>
    public const string ActionPrefix = "agent-reply-";

    /// <summary>Outbox <see cref="OutboxEntry.TemplateId"/> prefix: agent replies come from a person, not a template.</summary>
    public const string AuthorPrefix = "agent:";

    public const int MaxKeyLength = 200;

    private readonly ICaseStore _cases;
    private readonly IEscalationOutbox _outbox;
    private readonly PrivateMessengerSelector _messengers;
    private readonly IOptionsMonitor<BrandOptions> _brands;
    private readonly EscalationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CaseReplyService> _logger;

    public CaseReplyService(
        ICaseStore cases,
        IEscalationOutbox outbox,
        PrivateMessengerSelector messengers,
        IOptionsMonitor<BrandOptions> brands,
        IOptions<EscalationOptions> options,
        TimeProvider time,
        ILogger<CaseReplyService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cases = cases;
        _outbox = outbox;
        _messengers = messengers;
        _brands = brands;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private TimeSpan Lease => TimeSpan.FromSeconds(_options.ClaimLeaseSeconds);

    /// <summary>The outbox action for a client's idempotency key (hashed: keys are free text, row keys are not).</summary>
    public static string ActionFor(string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return ActionPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
    }

    /// <summary>Parses the request's channel: null or empty is private.</summary>
    public static bool TryParseChannel(string? value, out ReplyChannel channel)
    {
        channel = ReplyChannel.Private;
        return string.IsNullOrWhiteSpace(value)
            || (!int.TryParse(value, out _) && Enum.TryParse(value.Trim(), ignoreCase: true, out channel) && Enum.IsDefined(channel));
    }

    /// <summary>
    /// Sends <paramref name="text"/> from <paramref name="actor"/> to the customer of the case, once per
    /// <paramref name="idempotencyKey"/>. A repeated request (same key, same text and channel) answers with the first
    /// one's outcome; a pending one whose send was never accepted (the platform said retry later) is sent again.
    /// </summary>
    public async Task<CaseReplyResult> ReplyAsync(
        string caseId,
        string? text,
        string? actor,
        ReplyChannel channel,
        string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (CaseActionsService.Check(actor) is { } bad)
        {
            return CaseReplyResult.Invalid(bad.Error!);
        }

        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxKeyLength || idempotencyKey.Any(char.IsControl))
        {
            return CaseReplyResult.Invalid($"an idempotency key is required (Idempotency-Key header or requestId, 1–{MaxKeyLength} printable characters): the same key never sends twice");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return CaseReplyResult.Invalid("text is required");
        }

        if (string.IsNullOrWhiteSpace(caseId))
        {
            return CaseReplyResult.Invalid("case id is required");
        }

        var body = text.Trim();
        var who = actor!.Trim();
        var c = await _cases.GetCaseAsync(caseId, cancellationToken);
        if (c is null)
        {
            return new CaseReplyResult(CaseReplyStatus.NotFound, null, null, $"no case '{caseId}'");
        }

        var action = ActionFor(idempotencyKey);
        if (await _outbox.GetAsync(c.Id, action, cancellationToken) is { } existing)
        {
            return await ResumeAsync(c, existing, body, channel, cancellationToken);
        }

        if (!c.IsOpen)
        {
            Log.Refused(_logger, c.Id, c.Status);
            return new CaseReplyResult(CaseReplyStatus.Rejected, c, null, $"case {c.Id} is {c.Status}; reopen it (status triaged) before replying");
        }

        var templateChannel = channel == ReplyChannel.Public ? TemplateChannel.Public : TemplateChannel.Private;
        if (channel == ReplyChannel.Public && !MessageLimits.PlatformsFor(TemplateChannel.Public).Contains(c.Platform))
        {
            return CaseReplyResult.Invalid($"public replies are supported on {string.Join(", ", MessageLimits.PlatformsFor(TemplateChannel.Public))} only, not {c.Platform}; reply privately");
        }

        var limit = MessageLimits.For(c.Platform, templateChannel);
        var length = MessageLimits.Measure(body, limit.Unit);
        if (length > limit.Max)
        {
            return CaseReplyResult.Invalid(string.Create(CultureInfo.InvariantCulture, $"text is too long for {c.Platform}: {length} > {limit.Max} ({limit.Source})"));
        }

        var plan = await PlanAsync(c, channel, cancellationToken);
        var now = _time.GetUtcNow();
        var status = plan.Problem is not null || plan.Decision is { Kind: MessagingDecisionKind.NotSupported } ? OutboxStatus.NeedsHuman
            : !_options.Sends(c.Platform) ? OutboxStatus.DryRun
            : plan.Decision is not { CanSend: true } ? OutboxStatus.NeedsHuman
            : OutboxStatus.Pending;
        var detail = status == OutboxStatus.DryRun
            ? _options.DryRunReason(c.Platform) + "; " + plan.Summary
            : plan.Summary;
        var entry = new OutboxEntry(c.Id, action, c.Platform.ToString(), status, Cut(detail), now)
        {
            Text = body,
            TemplateId = AuthorPrefix + who,
            TargetId = plan.Target?.ReplyToId,
            Channel = plan.Channel.ToString(),
            Attempts = status == OutboxStatus.Pending ? 1 : 0,
            ClaimedAt = status == OutboxStatus.Pending ? now : null,
            UpdatedAt = now,
        };
        var (stored, created) = await _outbox.AddIfAbsentAsync(entry, cancellationToken);
        if (!created)
        {
            // A concurrent request with the same key got there first.
            return await ResumeAsync(c, stored, body, channel, cancellationToken);
        }

        Log.Recorded(_logger, c.Id, action, stored.Status, who);
        return stored.Status == OutboxStatus.Pending
            ? await SendAsync(c, stored, plan.Target!, cancellationToken)
            : await FinishAsync(c.Id, stored, replayed: false, cancellationToken);
    }

    /// <summary>A request whose key is recorded already: the same answer, or the send finished if it never was.</summary>
    private async Task<CaseReplyResult> ResumeAsync(Case c, OutboxEntry entry, string text, ReplyChannel channel, CancellationToken cancellationToken)
    {
        var wasPublic = entry.Channel == nameof(MessagingAction.PublicReply);
        if (!string.Equals(entry.Text, text, StringComparison.Ordinal) || wasPublic != (channel == ReplyChannel.Public))
        {
            Log.KeyReused(_logger, c.Id, entry.Action);
            return new CaseReplyResult(CaseReplyStatus.KeyReused, c, null, "this idempotency key was used for a different reply (text or channel); use a new key for a new reply");
        }

        if (entry.IsFinal)
        {
            return await FinishAsync(c.Id, entry, replayed: true, cancellationToken);
        }

        var now = _time.GetUtcNow();
        if (entry.ClaimedAt is { } claimed && now - claimed < Lease)
        {
            return new CaseReplyResult(CaseReplyStatus.InProgress, c, entry, "a request with this key is being sent right now; ask again shortly", Replayed: true, RetryAfter: Lease - (now - claimed));
        }

        // Never accepted (the platform said retry later), or a Meta comment private reply, which Meta refuses a second time.
        var safeToResend = entry.ClaimedAt is null || entry.Channel == nameof(MessagingAction.CommentPrivateReply);
        if (!safeToResend)
        {
            Log.PossiblySent(_logger, c.Id, entry.Action);
            var settled = await SettleAsync(entry, e => e with { Status = OutboxStatus.NeedsHuman, Detail = "possibly sent, verify: the process stopped between sending and recording; not re-sent blindly", ClaimedAt = null }, force: false, cancellationToken);
            return settled.IsFinal
                ? await FinishAsync(c.Id, settled, replayed: true, cancellationToken)
                : new CaseReplyResult(CaseReplyStatus.InProgress, c, settled, "another request with this key took it over; ask again shortly", Replayed: true, RetryAfter: Lease);
        }

        var reclaimed = await _outbox.TryUpdateAsync(entry with { Attempts = entry.Attempts + 1, ClaimedAt = now, UpdatedAt = now }, cancellationToken);
        if (reclaimed is null)
        {
            return new CaseReplyResult(CaseReplyStatus.InProgress, c, entry, "another request with this key took it over; ask again shortly", Replayed: true, RetryAfter: Lease);
        }

        var mentions = await _cases.GetMentionsAsync(c.Id, cancellationToken);
        var target = EscalationTargets.Resolve(c, mentions, _brands.CurrentValue, reclaimed.TargetId, out var problem);
        if (target is null)
        {
            var settled = await SettleAsync(reclaimed, e => e with { Status = OutboxStatus.NeedsHuman, Detail = Cut("cannot send again: " + problem), ClaimedAt = null }, force: true, cancellationToken);
            return await FinishAsync(c.Id, settled, replayed: true, cancellationToken);
        }

        var result = await SendAsync(c, reclaimed, target, cancellationToken);
        return result with { Replayed = true };
    }

    /// <summary>Calls the platform for a claimed Pending entry and records the outcome.</summary>
    private async Task<CaseReplyResult> SendAsync(Case c, OutboxEntry entry, PrivateMessageTarget target, CancellationToken cancellationToken)
    {
        var isPublic = entry.Channel == nameof(MessagingAction.PublicReply);

        // A person wrote it: Messenger/Instagram DMs after 24 h go out with the HUMAN_AGENT tag (the rules allowed it).
        var tagged = !isPublic && target.Kind == MentionKind.DirectMessage
            && MessagingRules.Decide(target with { SentByHumanAgent = true }, 0, _time.GetUtcNow()).UseHumanAgentTag;
        var outcome = await _messengers.SendAsync(c.Platform, entry, isPublic ? target : target with { SentByHumanAgent = tagged }, cancellationToken);

        var line = Cut($"{outcome.Kind}: {outcome.Detail}");
        Log.Outcome(_logger, c.Id, entry.Action, outcome.Kind, outcome.ErrorCode);
        if (outcome.ShouldRetry)
        {
            // Released: the platform did not take it, so the next request with this key may send again.
            var released = await SettleAsync(entry, e => e with { ClaimedAt = null, LastOutcome = line }, force: false, cancellationToken);
            return new CaseReplyResult(CaseReplyStatus.RetryLater, c, released, "the platform asked to retry later: " + line, RetryAfter: outcome.RetryAfter);
        }

        var status = outcome.OutboxStatus ?? OutboxStatus.NeedsHuman;
        var detail = line;
        if (outcome.Kind == SendOutcomeKind.AlreadyDone && entry.Attempts <= 1)
        {
            // On a first attempt "already replied" means someone else used the one reply, not that ours went out.
            status = OutboxStatus.NeedsHuman;
            detail = Cut("the platform allows one reply here and it was used already: " + line);
        }

        var settled = await SettleAsync(
            entry,
            e => e with { Status = status, Detail = detail, PlatformMessageId = outcome.PlatformMessageId ?? e.PlatformMessageId, ClaimedAt = null, LastOutcome = line },
            force: true,
            cancellationToken);
        return await FinishAsync(c.Id, settled, replayed: false, cancellationToken);
    }

    /// <summary>Records a final entry on the case once (the entry remembers it), and answers with both.</summary>
    private async Task<CaseReplyResult> FinishAsync(string caseId, OutboxEntry entry, bool replayed, CancellationToken cancellationToken)
    {
        Case? c;
        if (entry.IsFinal && !entry.CaseRecorded)
        {
            (var recorded, c) = await RecordOnCaseAsync(caseId, entry, cancellationToken);
            if (!recorded)
            {
                return new CaseReplyResult(CaseReplyStatus.Conflict, null, entry, $"case {caseId} kept changing while the reply was recorded on it; repeat the request with the same key", replayed);
            }

            entry = await SettleAsync(entry, e => e with { CaseRecorded = true }, force: true, cancellationToken);
        }
        else
        {
            c = await _cases.GetCaseAsync(caseId, cancellationToken);
        }

        var status = entry.Status switch
        {
            OutboxStatus.Sent => CaseReplyStatus.Sent,
            OutboxStatus.DryRun => CaseReplyStatus.DryRun,
            _ => CaseReplyStatus.NeedsHuman,
        };
        return new CaseReplyResult(status, c, entry, status == CaseReplyStatus.NeedsHuman ? entry.Detail : null, replayed);
    }

    /// <summary>
    /// Brings the case up to date with a final entry, once (the history entry ends with the outbox key): Sent moves it to
    /// AwaitingCustomer (through Triaged from New), or notes it when it waits for the customer already; DryRun and
    /// NeedsHuman are notes. The actor is the agent. A case that stopped being open meanwhile only gets nothing (the
    /// outbox keeps the record): a note would move its resolution time. Not recorded when the case kept changing.
    /// </summary>
    private async Task<(bool Recorded, Case? Case)> RecordOnCaseAsync(string caseId, OutboxEntry entry, CancellationToken cancellationToken)
    {
        var marker = $" [{entry.IdempotencyKey}]";
        var actor = entry.TemplateId is { } t && t.StartsWith(AuthorPrefix, StringComparison.Ordinal) ? t[AuthorPrefix.Length..] : "agent";
        var channel = entry.Channel == nameof(MessagingAction.PublicReply) ? "public reply" : "private reply";
        for (var attempt = 1; attempt <= _options.MaxCaseUpdateAttempts; attempt++)
        {
            var c = await _cases.GetCaseAsync(caseId, cancellationToken);
            if (c is null || !c.IsOpen || c.History.Any(h => h.Reason.EndsWith(marker, StringComparison.Ordinal)))
            {
                return (true, c);
            }

            var now = _time.GetUtcNow();
            Case u;
            if (entry.Status == OutboxStatus.Sent)
            {
                var reason = $"agent reply sent on {entry.Platform} ({channel})" + marker;
                u = c.Status == CaseStatus.New ? c.TransitionTo(CaseStatus.Triaged, actor, "answered by an agent", now) : c;
                u = CaseStatusRules.CanTransition(u.Status, CaseStatus.AwaitingCustomer)
                    ? u.TransitionTo(CaseStatus.AwaitingCustomer, actor, reason, now)
                    : CaseActionsService.Annotate(u, actor, reason, now).Updated!;
            }
            else
            {
                var reason = entry.Status == OutboxStatus.DryRun
                    ? $"agent reply recorded as a dry run on {entry.Platform} ({channel}), not sent"
                    : "agent reply not sent, a person must answer elsewhere: " + Cut(entry.Detail);
                u = CaseActionsService.Annotate(c, actor, reason + marker, now).Updated!;
            }

            if (await _cases.TryUpdateCaseAsync(u, cancellationToken) is { } stored)
            {
                await _cases.IndexCaseAsync(stored, cancellationToken);
                Log.CaseUpdated(_logger, caseId, c.Status, stored.Status);
                return (true, stored);
            }
        }

        return (false, null);
    }

    /// <summary>
    /// Writes <paramref name="change"/> with the entry's ETag. On a conflict it reads the entry again: a final entry
    /// wins; otherwise the change is applied to the fresh copy when <paramref name="force"/>, or abandoned.
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

            var fresh = await _outbox.GetAsync(entry.CaseId, entry.Action, cancellationToken);
            if (fresh is null || (fresh.IsFinal && !entry.IsFinal) || !force)
            {
                return fresh ?? entry;
            }

            entry = fresh;
        }

        return entry;
    }

    private async Task<Plan> PlanAsync(Case c, ReplyChannel channel, CancellationToken cancellationToken)
    {
        var mentions = await _cases.GetMentionsAsync(c.Id, cancellationToken);
        var resolved = EscalationTargets.Resolve(c, mentions, _brands.CurrentValue, objectId: null, out var problem);
        var defaultAction = channel == ReplyChannel.Public ? MessagingAction.PublicReply
            : resolved is { Kind: not MentionKind.DirectMessage, Platform: Platform.Facebook or Platform.Instagram } ? MessagingAction.CommentPrivateReply
            : MessagingAction.DirectMessage;
        if (resolved is null)
        {
            return new Plan(defaultAction, null, null, Cut(problem!), problem);
        }

        var target = resolved with { SentByHumanAgent = true };
        MessagingDecision decision;
        if (channel == ReplyChannel.Public)
        {
            // X documents no window or count for replies under a post; the one-reply rule is the automation's own.
            decision = new MessagingDecision(MessagingDecisionKind.Allowed, MessagingAction.PublicReply, "public reply under the customer's post, by an agent");
        }
        else
        {
            decision = MessagingRules.Decide(target, AlreadySent(target, await _outbox.ListAsync(c.Id, cancellationToken)), _time.GetUtcNow());
            if (decision.Action == MessagingAction.PublicReply)
            {
                // The author does not accept DMs: the agent decides whether to answer publicly (channel "public").
                decision = decision with { Kind = MessagingDecisionKind.NotSupported, Action = MessagingAction.None, Reason = decision.Reason + " (send the reply with channel public)" };
            }
        }

        var action = decision.Action == MessagingAction.None ? defaultAction : decision.Action;
        return new Plan(action, target, decision, Cut($"{decision.Kind}: {decision.Reason}"), null);
    }

    /// <summary>What the brand already sent privately for this target (any escalation or agent reply), from the outbox.</summary>
    private static int AlreadySent(PrivateMessageTarget target, IReadOnlyList<OutboxEntry> history)
    {
        var sent = history.Where(e => e.Status == OutboxStatus.Sent && e.Channel != nameof(MessagingAction.PublicReply));
        return target.Platform == Platform.WeChat
            ? sent.Count(e => (e.UpdatedAt ?? e.RecordedAt) >= (target.CustomerLastMessageAt ?? target.MentionCreatedAt))
            : sent.Count(e => e.TargetId == target.ReplyToId);
    }

    private static string Cut(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 500 ? line : string.Concat(line.AsSpan(0, 499), "…");
    }

    private sealed record Plan(MessagingAction Channel, PrivateMessageTarget? Target, MessagingDecision? Decision, string Summary, string? Problem);

    private static partial class Log
    {
        [LoggerMessage(4511, LogLevel.Information, "Case {CaseId}: agent reply {Action} by {Actor} recorded as {Status}")]
        public static partial void Recorded(ILogger logger, string caseId, string action, OutboxStatus status, string actor);

        [LoggerMessage(4512, LogLevel.Information, "Case {CaseId}: agent reply {Action} answered {Outcome} (error code {ErrorCode})")]
        public static partial void Outcome(ILogger logger, string caseId, string action, SendOutcomeKind outcome, string? errorCode);

        [LoggerMessage(4513, LogLevel.Warning, "Case {CaseId}: agent reply {Action} may have been sent before the process stopped; a person must verify")]
        public static partial void PossiblySent(ILogger logger, string caseId, string action);

        [LoggerMessage(4514, LogLevel.Information, "Case {CaseId}: idempotency key of agent reply {Action} reused for a different reply; refused")]
        public static partial void KeyReused(ILogger logger, string caseId, string action);

        [LoggerMessage(4515, LogLevel.Information, "Case {CaseId}: agent reply refused in status {Status}")]
        public static partial void Refused(ILogger logger, string caseId, CaseStatus status);

        [LoggerMessage(4516, LogLevel.Information, "Case {CaseId}: {From} → {To} after an agent reply")]
        public static partial void CaseUpdated(ILogger logger, string caseId, CaseStatus from, CaseStatus to);
    }
}
