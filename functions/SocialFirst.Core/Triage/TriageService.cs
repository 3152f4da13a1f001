using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Triage.Policies;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Triage;

/// <summary>
/// The triage use case for one queued mention: classify it, find its brand, file it into a case (its thread's case, its
/// author's open case within the window, or a new one), score the case's urgency and route urgent cases to the
/// escalation queue. Edits and deletes update the stored mention instead.
/// <para>
/// Queue messages arrive at least once and possibly concurrently, so every step is idempotent and the event is marked
/// processed only at the end: a crash anywhere means the retry repeats the steps, each of which notices what is done
/// already. Cases are changed with optimistic concurrency (read, change, write-if-unchanged, retry); new cases start
/// behind an insert-if-absent gate on the author's pointer, so concurrent mentions of one author open one case.
/// </para>
/// </summary>
public sealed partial class TriageService
{
    /// <summary>The actor recorded in case histories for the pipeline's own transitions.</summary>
    public const string Actor = "triage";

    private readonly IMentionClassifier _classifier;
    private readonly IBrandResolver _brands;
    private readonly ICaseStore _store;
    private readonly IEscalationSink _escalations;
    private readonly IPiiRedactor _redactor;
    private readonly IUrgencyPolicyProvider _policies;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<TriageOptions> _options;
    private readonly ILogger<TriageService> _logger;
    private readonly ITrendObservationSink _trends;

    /// <summary>One urgency policy for every brand.</summary>
    public TriageService(
        IMentionClassifier classifier,
        IBrandResolver brands,
        ICaseStore store,
        IEscalationSink escalations,
        IPiiRedactor redactor,
        UrgencyPolicy policy,
        TimeProvider time,
        IOptionsMonitor<TriageOptions> options,
        ILogger<TriageService> logger)
        : this(classifier, brands, store, escalations, redactor, new StaticUrgencyPolicyProvider(policy), time, options, logger)
    {
    }

    /// <summary>
    /// Each brand's urgency policy from <paramref name="policies"/> (the constructor DI uses). <paramref name="trends"/>
    /// records each filed mention for trend detection; without one nothing is recorded.
    /// </summary>
    [ActivatorUtilitiesConstructor]
    public TriageService(
        IMentionClassifier classifier,
        IBrandResolver brands,
        ICaseStore store,
        IEscalationSink escalations,
        IPiiRedactor redactor,
        IUrgencyPolicyProvider policies,
        TimeProvider time,
        IOptionsMonitor<TriageOptions> options,
        ILogger<TriageService> logger,
        ITrendObservationSink? trends = null)
    {
        _trends = trends ?? NullTrendObservationSink.Instance;
        _classifier = classifier;
        _brands = brands;
        _store = store;
        _escalations = escalations;
        _redactor = redactor;
        _policies = policies;
        _time = time;
        _options = options;
        _logger = logger;
    }

    private TriageOptions Options => _options.CurrentValue;

    public async Task<TriageOutcome> TriageAsync(Mention mention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var brandId = _brands.Resolve(mention.Platform, mention.BrandAccountId);
        var processed = await _store.FindProcessedAsync(mention.DedupKey, cancellationToken);
        if (processed is not null)
        {
            var known = processed.Length > 0 ? await _store.GetCaseAsync(processed, cancellationToken) : null;
            Log.Duplicate(_logger, mention.Platform, mention.Change, processed);
            return new TriageOutcome(
                processed,
                known?.BrandId ?? brandId,
                Duplicate: true,
                known?.Urgency ?? 0,
                known?.Urgent ?? false,
                known?.EscalationLevel > 0,
                "duplicate delivery: already triaged, nothing changed");
        }

        return mention.Change == MentionChange.Created
            ? await TriageNewAsync(mention, brandId, cancellationToken)
            : await ApplyChangeAsync(mention, brandId, cancellationToken);
    }

    private async Task<TriageOutcome> TriageNewAsync(Mention mention, string brandId, CancellationToken cancellationToken)
    {
        var brand = _brands.Get(brandId);
        var classification = await ClassifyAsync(mention, cancellationToken);
        var text = await PrepareTextAsync(mention.Text, brand.RedactPii, classification.Language, cancellationToken);
        var now = _time.GetUtcNow();

        var (current, route) = await FindOrOpenCaseAsync(mention, brandId, now, cancellationToken);
        var earlierCases = await _store.CountAuthorCasesAsync(
            mention.Platform, mention.Author.Id, brandId, now - TimeSpan.FromDays(Options.RepeatContactDays), current.Id, cancellationToken);

        var key = CaseMention.KeyFor(mention.CreatedAt, mention.DedupKey);
        var policy = _policies.GetPolicy(brandId);
        UrgencyAssessment? assessment = null;
        for (var attempt = 1; ; attempt++)
        {
            assessment = UrgencyScorer.Score(
                new UrgencyInput(
                    classification,
                    mention.Author.Followers,
                    PriorContacts: current.MentionCount + earlierCases,
                    UnansweredFor: current.WaitingSince is { } waiting && now > waiting ? now - waiting : TimeSpan.Zero,
                    AuthorKey: AuthorKeys.For(mention.Platform, mention.Author.Id),
                    AuthorHandle: mention.Author.Handle,
                    Text: mention.Text,
                    At: now),
                policy);
            var updated = WithMention(current, mention, classification, assessment, now);
            var filed = ToCaseMention(current.Id, key, mention, text, classification, assessment, now);
            var result = await _store.TryAppendMentionAsync(updated, filed, cancellationToken);
            if (result.Status == AppendStatus.Appended)
            {
                current = result.Case ?? throw new InvalidOperationException("the store did not return the appended case");
                break;
            }

            if (result.Status == AppendStatus.AlreadyPresent)
            {
                // A retry after a crash, or the same event delivered twice at once: the mention is in; finish the other steps.
                Log.AlreadyFiled(_logger, current.Id);
                assessment = null;
                current = result.Case ?? await ReloadAsync(current.Id, cancellationToken);
                break;
            }

            if (attempt >= Options.MaxConcurrencyRetries)
            {
                throw new CaseConcurrencyException($"case {current.Id}: gave up filing a mention after {attempt} conflicting writes");
            }

            Log.Conflict(_logger, current.Id, attempt);
            current = await ReloadAsync(current.Id, cancellationToken);
        }

        await _store.IndexCaseAsync(current, cancellationToken);
        await _store.RecordMentionLocationAsync(mention.Platform, mention.ObjectId, new MentionLocation(current.Id, key), cancellationToken);
        await _store.RecordAuthorActivityAsync(
            new AuthorActivity(
                mention.Platform,
                mention.Author.Id,
                mention.Author.Handle,
                mention.Author.DisplayName,
                mention.Author.Followers,
                mention.Kind,
                classification.Sentiment,
                mention.CreatedAt,
                mention.DedupKey),
            cancellationToken);
        current = await RouteAsync(current, mention.DedupKey, cancellationToken);
        await RecordTrendObservationAsync(mention, brandId, classification, current.Id, cancellationToken);
        await _store.MarkProcessedAsync(mention.DedupKey, current.Id, cancellationToken);

        var decision = $"{route}; {assessment?.Decision ?? current.UrgencyDecision}";
        Log.Triaged(_logger, current.Id, brandId, route, current.Urgency, current.Urgent, current.EscalationLevel, current.Status);
        return new TriageOutcome(current.Id, current.BrandId, Duplicate: false, current.Urgency, current.Urgent, current.EscalationLevel > 0, decision);
    }

    /// <summary>Records the mention for trend detection (no text); a failure is logged and never fails triage.</summary>
    private async Task RecordTrendObservationAsync(Mention mention, string brandId, ClassificationResult classification, string caseId, CancellationToken cancellationToken)
    {
        try
        {
            await _trends.RecordAsync(TrendObservation.FromClassification(brandId, mention.DedupKey, mention.CreatedAt, classification, caseId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.TrendRecordFailed(_logger, caseId, ex);
        }
    }

    private async Task<ClassificationResult> ClassifyAsync(Mention mention, CancellationToken cancellationToken)
    {
        var request = new ClassificationRequest(mention.DedupKey, mention.Text, mention.LanguageHint, mention.Platform.ToString());
        var results = await _classifier.ClassifyAsync([request], cancellationToken);
        return results.Count == 1 ? results[0] : throw new InvalidOperationException($"the classifier returned {results.Count} results for one request");
    }

    /// <summary>Which case the mention belongs to, and why (for the decision text).</summary>
    private async Task<(Case Case, string Route)> FindOrOpenCaseAsync(Mention mention, string brandId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // 1. A retry: the mention is filed already.
        if (await _store.FindMentionAsync(mention.Platform, mention.ObjectId, cancellationToken) is { } own
            && await _store.GetCaseAsync(own.CaseId, cancellationToken) is { } ownCase)
        {
            return (ownCase, "already filed in case " + ownCase.Id);
        }

        // 2. A reply in a thread whose parent or root is a mention in an open case of the same brand.
        foreach (var reference in new[] { mention.ParentId, mention.ThreadId }.Distinct())
        {
            if (string.IsNullOrEmpty(reference) || reference == mention.ObjectId)
            {
                continue;
            }

            if (await _store.FindMentionAsync(mention.Platform, reference, cancellationToken) is { } location
                && await _store.GetCaseAsync(location.CaseId, cancellationToken) is { } threadCase
                && threadCase.BrandId == brandId
                && threadCase.Status.AcceptsMentions())
            {
                return (threadCase, "joined thread case " + threadCase.Id);
            }
        }

        // 3. The author's open case within the window, or a new case behind the author's pointer.
        for (var attempt = 1; attempt <= Options.MaxConcurrencyRetries; attempt++)
        {
            var pointer = await _store.GetAuthorPointerAsync(brandId, mention.Platform, mention.Author.Id, cancellationToken);
            if (pointer is not null)
            {
                var pointed = await _store.GetCaseAsync(pointer.CaseId, cancellationToken)
                    ?? await CreateFromPointerAsync(pointer, mention.Author.Handle, now, cancellationToken);
                if (JoinsAuthorCase(pointed, mention, brandId))
                {
                    return (pointed, pointed.FirstMentionKey == mention.DedupKey ? "opened case " + pointed.Id : "joined author's open case " + pointed.Id);
                }
            }

            var id = await NewCaseIdAsync(mention.DedupKey, cancellationToken);
            var fresh = new AuthorCasePointer(brandId, mention.Platform, mention.Author.Id, id, mention.CreatedAt, mention.DedupKey) { Version = pointer?.Version };
            if (await _store.TrySetAuthorPointerAsync(fresh, cancellationToken))
            {
                var opened = await CreateFromPointerAsync(fresh, mention.Author.Handle, now, cancellationToken);
                return (opened, "opened case " + opened.Id);
            }

            // Another mention of this author moved the pointer first: read it again and probably join that case.
            Log.PointerConflict(_logger, brandId, attempt);
        }

        throw new CaseConcurrencyException($"gave up finding the case for a {mention.Platform} mention after {Options.MaxConcurrencyRetries} conflicting writes");
    }

    private bool JoinsAuthorCase(Case c, Mention mention, string brandId) =>
        c.BrandId == brandId
        && c.AuthorId == mention.Author.Id
        && c.Status.AcceptsMentions()
        && (mention.CreatedAt - c.LastMentionAt).Duration() <= Options.CaseWindow;

    /// <summary>Creates the case a pointer names if it is not there yet (the pointer's writer may still be creating it, or may have crashed).</summary>
    private async Task<Case> CreateFromPointerAsync(AuthorCasePointer pointer, string? handle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var opened = Case.Open(pointer.CaseId, pointer.BrandId, pointer.Platform, pointer.AuthorId, handle, pointer.OpenedAt, pointer.FirstMentionKey, now, Actor);
        return await _store.TryCreateCaseAsync(opened, cancellationToken)
            ?? await _store.GetCaseAsync(pointer.CaseId, cancellationToken)
            ?? throw new CaseConcurrencyException($"case {pointer.CaseId} was neither created nor found");
    }

    /// <summary>The case id for a mention that opens a case, skipping ids that another case already holds (a hash collision).</summary>
    private async Task<string> NewCaseIdAsync(string dedupKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var id = CaseId.Create(dedupKey, attempt);
            var existing = await _store.GetCaseAsync(id, cancellationToken);
            if (existing is null || existing.FirstMentionKey == dedupKey)
            {
                return id;
            }

            Log.IdCollision(_logger, id, attempt);
        }

        throw new CaseConcurrencyException("no free case id after 8 attempts");
    }

    private async Task<Case> ReloadAsync(string caseId, CancellationToken cancellationToken) =>
        await _store.GetCaseAsync(caseId, cancellationToken) ?? throw new CaseConcurrencyException($"case {caseId} disappeared");

    /// <summary>The case with one more mention: counts, times, categories, strongest urgency, status and an escalation claim.</summary>
    internal static Case WithMention(Case c, Mention mention, ClassificationResult classification, UrgencyAssessment assessment, DateTimeOffset now)
    {
        var updated = c with
        {
            MentionCount = c.MentionCount + 1,
            LastMentionAt = c.MentionCount == 0 || mention.CreatedAt > c.LastMentionAt ? mention.CreatedAt : c.LastMentionAt,
            UpdatedAt = now,
            WaitingSince = c.WaitingSince ?? mention.CreatedAt,
            Language = classification.Language,
            LastSentiment = classification.Sentiment,
            Categories = c.Categories.Concat(classification.Categories.Select(m => m.Category)).Distinct(StringComparer.Ordinal).ToList(),
            AuthorHandle = c.AuthorHandle ?? (mention.Author.Id == c.AuthorId ? mention.Author.Handle : null),
        };

        // The case keeps its strongest assessment: urgent beats not urgent, then the higher score.
        if ((assessment.Urgent, assessment.Score).CompareTo((c.Urgent, c.Urgency)) >= 0 || c.PolicyVersion.Length == 0)
        {
            updated = updated with
            {
                Urgency = assessment.Score,
                Urgent = assessment.Urgent || c.Urgent,
                UrgencyFactors = assessment.Factors,
                UrgencyDecision = assessment.Decision,
                PolicyVersion = assessment.PolicyVersion,
            };
        }

        var spam = classification.HasCategory(CareCategory.Spam) && !assessment.Urgent;
        updated = updated.Status switch
        {
            CaseStatus.New when spam => updated.TransitionTo(CaseStatus.Spam, Actor, "classified as spam", now),
            CaseStatus.New => updated.TransitionTo(CaseStatus.Triaged, Actor, "classified and scored", now),
            CaseStatus.Spam when !spam => updated.TransitionTo(CaseStatus.Triaged, Actor, "a mention that is not spam arrived", now),
            CaseStatus.AwaitingCustomer => updated.TransitionTo(CaseStatus.Triaged, Actor, "the customer wrote again", now),
            _ => updated,
        };

        if (updated.Urgent && updated.EscalationLevel == 0 && updated.PendingEscalation is null && updated.Status != CaseStatus.Spam)
        {
            updated = updated with { PendingEscalation = new PendingEscalation(1, mention.DedupKey, now) };
        }

        return updated;
    }

    /// <summary>
    /// Sends the escalation this mention claimed (if any) and then records it on the case. A failed send throws, so the
    /// queue retries the mention; the retry finds the claim still pending and sends again, which the sink de-duplicates
    /// by message id (caseId-L{level}).
    /// </summary>
    private async Task<Case> RouteAsync(Case c, string dedupKey, CancellationToken cancellationToken)
    {
        if (c.PendingEscalation is not { } pending || pending.ClaimedBy != dedupKey)
        {
            return c;
        }

        var now = _time.GetUtcNow();
        await _escalations.SendAsync(
            new EscalationMessage
            {
                CaseId = c.Id,
                BrandId = c.BrandId,
                Level = pending.Level,
                Platform = c.Platform.ToString(),
                Reason = c.UrgencyDecision,
                RaisedAt = now,
                Urgency = c.Urgency,
                Categories = c.Categories,
            },
            cancellationToken);
        Log.Escalated(_logger, c.Id, pending.Level, c.Urgency);

        for (var attempt = 1; ; attempt++)
        {
            if (c.PendingEscalation is not { } p || p.ClaimedBy != dedupKey)
            {
                return c;
            }

            var updated = c with { EscalationLevel = Math.Max(c.EscalationLevel, p.Level), PendingEscalation = null };
            if (updated.Status != CaseStatus.Escalated && CaseStatusRules.CanTransition(updated.Status, CaseStatus.Escalated))
            {
                updated = updated.TransitionTo(CaseStatus.Escalated, Actor, $"escalated at level {p.Level}: {c.UrgencyDecision}", now);
            }

            if (await _store.TryUpdateCaseAsync(updated, cancellationToken) is { } stored)
            {
                await _store.IndexCaseAsync(stored, cancellationToken);
                return stored;
            }

            if (attempt >= Options.MaxConcurrencyRetries)
            {
                throw new CaseConcurrencyException($"case {c.Id}: gave up recording escalation level {p.Level} after {attempt} conflicting writes");
            }

            c = await ReloadAsync(c.Id, cancellationToken);
        }
    }

    /// <summary>An edit, delete, hide or unhide of a mention we may have filed.</summary>
    private async Task<TriageOutcome> ApplyChangeAsync(Mention mention, string brandId, CancellationToken cancellationToken)
    {
        var location = await _store.FindMentionAsync(mention.Platform, mention.ObjectId, cancellationToken);
        if (location is null)
        {
            Log.UnknownChange(_logger, mention.Platform, mention.Change);
            return new TriageOutcome(string.Empty, brandId, Duplicate: false, 0, false, false, "change for unknown mention ignored");
        }

        var brand = _brands.Get(brandId);
        var text = mention.Change == MentionChange.Edited
            ? await PrepareTextAsync(mention.Text, brand.RedactPii, mention.LanguageHint, cancellationToken)
            : default;
        var stored = await _store.UpdateMentionAsync(
            location,
            m => mention.Change switch
            {
                MentionChange.Deleted => m with { Text = string.Empty, TextTruncated = false, Deleted = true, DeletedAt = m.DeletedAt ?? mention.CreatedAt },
                // A late edit never brings a deleted text back.
                MentionChange.Edited when m.Deleted => null,
                MentionChange.Edited => m with { Text = text.Text, TextTruncated = text.Truncated, TextRedacted = text.Redacted, EditedAt = mention.CreatedAt },
                MentionChange.Hidden => m with { Hidden = true },
                MentionChange.Unhidden => m with { Hidden = false },
                _ => null,
            },
            cancellationToken);
        var c = await _store.GetCaseAsync(location.CaseId, cancellationToken);
        await _store.MarkProcessedAsync(mention.DedupKey, location.CaseId, cancellationToken);

        var decision = stored is null
            ? "change for a mention no longer stored ignored"
            : mention.Change switch
            {
                MentionChange.Deleted => "mention deleted: text removed",
                MentionChange.Edited when stored.Deleted => "edit of a deleted mention ignored",
                MentionChange.Edited => "mention text updated",
                MentionChange.Hidden => "mention marked hidden",
                _ => "mention marked visible",
            };
        Log.ChangeApplied(_logger, location.CaseId, mention.Change);
        return new TriageOutcome(location.CaseId, c?.BrandId ?? brandId, Duplicate: false, c?.Urgency ?? 0, c?.Urgent ?? false, c?.EscalationLevel > 0, decision);
    }

    private async Task<StoredText> PrepareTextAsync(string text, bool redact, string? language, CancellationToken cancellationToken)
    {
        var value = text ?? string.Empty;
        var redacted = false;
        if (redact && value.Length > 0)
        {
            var clean = await _redactor.RedactAsync(value, language, cancellationToken);
            redacted = !string.Equals(clean, value, StringComparison.Ordinal);
            value = clean;
        }

        var max = Options.MaxStoredTextChars;
        if (value.Length <= max)
        {
            return new StoredText(value, false, redacted);
        }

        // Cut on a character boundary: never between the halves of a surrogate pair.
        var cut = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return new StoredText(value[..cut], true, redacted);
    }

    private static CaseMention ToCaseMention(
        string caseId,
        string key,
        Mention mention,
        StoredText text,
        ClassificationResult classification,
        UrgencyAssessment assessment,
        DateTimeOffset now) => new()
        {
            CaseId = caseId,
            Key = key,
            DedupKey = mention.DedupKey,
            Platform = mention.Platform,
            Kind = mention.Kind,
            EventId = mention.EventId,
            ObjectId = mention.ObjectId,
            ThreadId = mention.ThreadId,
            ParentId = mention.ParentId,
            AuthorId = mention.Author.Id,
            AuthorHandle = mention.Author.Handle,
            Followers = mention.Author.Followers,
            Text = text.Text,
            TextTruncated = text.Truncated,
            TextRedacted = text.Redacted,
            Language = classification.Language,
            Sentiment = classification.Sentiment,
            Categories = classification.Categories.Select(c => c.Category).ToList(),
            Urgency = assessment.Score,
            Urgent = assessment.Urgent,
            CreatedAt = mention.CreatedAt,
            TriagedAt = now,
            Permalink = mention.Permalink,
            RawDeliveryRef = mention.RawDeliveryRef,
        };

    private readonly record struct StoredText(string Text, bool Truncated, bool Redacted);

    private static partial class Log
    {
        [LoggerMessage(7001, LogLevel.Information, "Triaged mention into case {CaseId} of brand {Brand} ({Route}): urgency {Urgency}, urgent {Urgent}, escalation level {Level}, status {Status}")]
        public static partial void Triaged(ILogger logger, string caseId, string brand, string route, double urgency, bool urgent, int level, CaseStatus status);

        [LoggerMessage(7002, LogLevel.Information, "Duplicate {Platform} {Change} event (case {CaseId}); nothing changed")]
        public static partial void Duplicate(ILogger logger, Platform platform, MentionChange change, string caseId);

        [LoggerMessage(7003, LogLevel.Debug, "Case {CaseId} changed concurrently (attempt {Attempt}); reading it again")]
        public static partial void Conflict(ILogger logger, string caseId, int attempt);

        [LoggerMessage(7004, LogLevel.Debug, "Author pointer for brand {Brand} changed concurrently (attempt {Attempt}); reading it again")]
        public static partial void PointerConflict(ILogger logger, string brand, int attempt);

        [LoggerMessage(7005, LogLevel.Information, "Case {CaseId} escalated at level {Level} (urgency {Urgency})")]
        public static partial void Escalated(ILogger logger, string caseId, int level, double urgency);

        [LoggerMessage(7006, LogLevel.Information, "{Platform} {Change} event for a mention we do not have; ignored")]
        public static partial void UnknownChange(ILogger logger, Platform platform, MentionChange change);

        [LoggerMessage(7007, LogLevel.Information, "Applied {Change} to a mention of case {CaseId}")]
        public static partial void ChangeApplied(ILogger logger, string caseId, MentionChange change);

        [LoggerMessage(7008, LogLevel.Information, "Mention was already filed in case {CaseId}; finishing the remaining steps")]
        public static partial void AlreadyFiled(ILogger logger, string caseId);

        [LoggerMessage(7009, LogLevel.Warning, "Case id {CaseId} is taken by another case (attempt {Attempt}); deriving another")]
        public static partial void IdCollision(ILogger logger, string caseId, int attempt);

        [LoggerMessage(7010, LogLevel.Warning, "Could not record the trend observation of a mention in case {CaseId}; trend detection will miss it")]
        public static partial void TrendRecordFailed(ILogger logger, string caseId, Exception exception);
    }
}

/// <summary>Too many concurrent writers to one case or pointer; the queue message is retried later.</summary>
public sealed class CaseConcurrencyException : Exception
{
    public CaseConcurrencyException()
    {
    }

    public CaseConcurrencyException(string message)
        : base(message)
    {
    }

    public CaseConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
