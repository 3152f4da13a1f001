using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Watch.Application;

/// <summary>What one trend watch run did.</summary>
/// <param name="Brands">Brands checked.</param>
/// <param name="Observed">Observations counted (recorded since the previous run).</param>
/// <param name="WindowsEvaluated">Complete windows evaluated, over all brands.</param>
/// <param name="Alerts">New incidents alerted.</param>
/// <param name="Continuing">Open incidents whose signals were significant again.</param>
/// <param name="Closed">Incidents closed after their quiet period.</param>
/// <param name="CasesLinked">Cases noted as linked to an incident.</param>
/// <param name="Conflicts">State saves lost to another run (reloaded and retried).</param>
/// <param name="Failed">Brands whose run failed (logged; retried by the next run).</param>
public sealed record TrendWatchReport(int Brands, int Observed, int WindowsEvaluated, int Alerts, int Continuing, int Closed, int CasesLinked, int Conflicts, int Failed)
{
    /// <summary>Observation partitions (brand hours) purged by this run.</summary>
    public int PurgedHours { get; init; }

    /// <summary>Observation rows deleted by this run's purge.</summary>
    public int PurgedObservations { get; init; }
}

/// <summary>
/// The trend timer's work, per brand: load the <see cref="TrendWatchState"/>, count the observations triage recorded
/// since its cursor (<see cref="TrendDetector.Observe"/>, which also links late mentions to incidents), evaluate the
/// windows complete by now (<see cref="TrendDetector.Evaluate"/>), and save the state conditionally on its version
/// together with the effects: incident records to write, alerts to raise, cases to note. Only the run whose save wins
/// delivers them, then removes them from the state; a run that loses reloads and finds the work done. Effects of a run
/// that crashed after saving are delivered by a later run once their lease has passed. Observation partitions the
/// saved state has consumed (hours ending <see cref="TrendWatchOptions.PurgeMarginHours"/> before its cursor) are
/// deleted a bounded number at a time, their progress saved with the state (<see cref="TrendWatchState.PurgedThrough"/>).
/// docs/watch-trends.md.
/// </summary>
public sealed partial class TrendWatchService(
    ITrendObservationLog observations,
    ITrendWatchStateStore states,
    IIncidentStore incidents,
    ICaseStore cases,
    IEnumerable<IAlertSink> alertSinks,
    IOptionsMonitor<BrandOptions> brands,
    IOptions<TrendWatchOptions> options,
    TimeProvider time,
    ILogger<TrendWatchService> logger)
{
    /// <summary>The actor of the case history notes this service writes.</summary>
    public const string Actor = "trend-watch";

    /// <summary>The history reason a case linked to <paramref name="incidentId"/> gets.</summary>
    public static string LinkReason(string incidentId) => "linked to trend incident " + incidentId;

    /// <summary>The brands watched: the configured ones and <see cref="BrandOptions.DefaultBrandId"/>.</summary>
    public IReadOnlyList<string> Brands() =>
        brands.CurrentValue.Items.Keys.Select(k => k.ToLowerInvariant()).Append(BrandOptions.DefaultBrandId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public async Task<TrendWatchReport> RunAsync(CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var list = Brands();
        foreach (var brand in list)
        {
            try
            {
                await RunBrandAsync(brand, tally, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                tally.Failed++;
                Log.BrandFailed(logger, brand, ex);
            }
        }

        var report = new TrendWatchReport(list.Count, tally.Observed, tally.Windows, tally.Alerts, tally.Continuing, tally.Closed, tally.CasesLinked, tally.Conflicts, tally.Failed)
        {
            PurgedHours = tally.PurgedHours,
            PurgedObservations = tally.PurgedObservations,
        };
        Log.Run(logger, report.Brands, report.Observed, report.WindowsEvaluated, report.Alerts, report.Closed);
        return report;
    }

    private async Task RunBrandAsync(string brand, Tally tally, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var detector = new TrendDetector(o.PolicyFor(brand));
        Purge? purge = null;
        for (var attempt = 1; attempt <= o.MaxSaveAttempts; attempt++)
        {
            var loaded = await states.LoadAsync(brand, cancellationToken);
            var state = loaded?.State ?? new TrendWatchState { Trends = new BrandTrendState { BrandId = brand } };
            var version = loaded?.Version;
            var now = time.GetUtcNow();

            // Effects a crashed run saved but did not confirm: take them over once their lease has passed.
            if (state.HasPendingEffects && (state.EffectsClaimedAt is not { } claimed || now - claimed >= TimeSpan.FromSeconds(o.EffectsLeaseSeconds)))
            {
                state.EffectsClaimedAt = now;
                if (await states.TrySaveAsync(brand, state, version, cancellationToken) is not { } claimedVersion)
                {
                    tally.Conflicts++;
                    continue;
                }

                var leftovers = Effects.Of(state);
                Log.Leftovers(logger, brand, leftovers.Incidents.Count, leftovers.Alerts.Count, leftovers.CaseLinks.Count);
                var delivered = await DeliverAsync(brand, state, leftovers, tally, now, cancellationToken);
                await ConfirmAsync(brand, state, claimedVersion, delivered, cancellationToken);
                continue;
            }

            var upTo = now - TimeSpan.FromSeconds(o.SettleSeconds);
            var floor = upTo - TimeSpan.FromHours(o.MaxBacklogHours);
            var after = state.ObservedUpTo ?? floor;
            if (after < floor)
            {
                Log.BacklogSkipped(logger, brand, after, floor);
                after = floor;
            }

            if (upTo <= after)
            {
                return;
            }

            var trends = state.Trends;
            var recorded = await observations.ReadAsync(brand, after, upTo, cancellationToken);
            var before = trends.Incidents.ToDictionary(i => i.Id, StringComparer.Ordinal);

            // A mention recorded twice (a triage retry in another partition) is counted once while it is still known here.
            var known = trends.Pending.Select(p => p.MentionId).Concat(trends.Incidents.SelectMany(i => i.MentionIds)).ToHashSet(StringComparer.Ordinal);
            var changed = new HashSet<string>(StringComparer.Ordinal);
            var observed = 0;
            foreach (var r in recorded.OrderBy(r => r.Observation.At).ThenBy(r => r.Observation.MentionId, StringComparer.Ordinal))
            {
                if (!string.Equals(r.Observation.BrandId, brand, StringComparison.Ordinal) || !known.Add(r.Observation.MentionId))
                {
                    continue;
                }

                observed++;
                if (detector.Observe(trends, r.Observation) is { } linked)
                {
                    changed.Add(linked);
                }
            }

            var evaluation = detector.Evaluate(trends, upTo);
            if (observed == 0 && evaluation.WindowsEvaluated == 0 && evaluation.ClosedIncidents.Count == 0)
            {
                // Nothing changed: no write (and no blob at all for a brand without mentions).
                return;
            }

            changed.UnionWith(evaluation.Alerts.Select(a => a.Incident.Id));
            changed.UnionWith(evaluation.ContinuingIncidentIds);
            changed.UnionWith(evaluation.ClosedIncidents.Select(i => i.Id));
            var links = new List<IncidentCaseLink>();
            foreach (var incident in trends.Incidents.Where(i => changed.Contains(i.Id)))
            {
                var old = before.TryGetValue(incident.Id, out var b) ? b.CaseIds : [];
                links.AddRange(incident.CaseIds.Except(old, StringComparer.Ordinal).Select(c => new IncidentCaseLink(incident.Id, c)));
            }

            var effects = new Effects(changed.Order(StringComparer.Ordinal).ToList(), evaluation.Alerts.Select(TrendAlertNotice.From).ToList(), links);

            // Hours the saved state has consumed (its cursor, before this run moves it) go; their progress is saved
            // with this state. Once per run: a repeat after a lost save would find the same partitions empty.
            purge ??= await PurgeConsumedAsync(brand, state, cancellationToken);
            if (purge.To is { } purgedTo && purgedTo > (state.PurgedThrough ?? DateTimeOffset.MinValue))
            {
                state.PurgedThrough = purgedTo;
            }

            state.ObservedUpTo = upTo;
            if (effects.Any)
            {
                state.PendingIncidents = state.PendingIncidents.Union(effects.Incidents, StringComparer.Ordinal).ToList();
                state.PendingAlerts = [.. state.PendingAlerts, .. effects.Alerts];
                state.PendingCaseLinks = state.PendingCaseLinks.Union(effects.CaseLinks).ToList();
                state.EffectsClaimedAt = now;
            }

            if (await states.TrySaveAsync(brand, state, version, cancellationToken) is not { } saved)
            {
                // Another run saved first: read its state and do what is left (usually nothing).
                tally.Conflicts++;
                Log.Conflict(logger, brand, attempt);
                continue;
            }

            tally.Observed += observed;
            tally.PurgedHours += purge.Hours;
            tally.PurgedObservations += purge.Rows;
            tally.Windows += evaluation.WindowsEvaluated;
            tally.Continuing += evaluation.ContinuingIncidentIds.Count;
            tally.Closed += evaluation.ClosedIncidents.Count;
            foreach (var closed in evaluation.ClosedIncidents)
            {
                Log.IncidentClosed(logger, brand, closed.Id, closed.LinkedMentionCount);
            }

            if (effects.Any)
            {
                var delivered = await DeliverAsync(brand, state, effects, tally, now, cancellationToken);
                await ConfirmAsync(brand, state, saved, delivered, cancellationToken);
            }

            return;
        }

        Log.GaveUp(logger, brand, o.MaxSaveAttempts);
    }

    /// <summary>
    /// Deletes the next observation partitions that <paramref name="saved"/> (as loaded: its cursor is stored) has
    /// consumed: from <see cref="TrendWatchState.PurgedThrough"/> (first time: the cursor less the baseline and two days)
    /// to the hour <see cref="TrendWatchOptions.PurgeMarginHours"/> before the cursor, at most
    /// <see cref="TrendWatchOptions.MaxPurgedHoursPerRun"/> hours. A failure is logged and leaves the progress where it was.
    /// </summary>
    private async Task<Purge> PurgeConsumedAsync(string brand, TrendWatchState saved, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.MaxPurgedHoursPerRun == 0 || saved.ObservedUpTo is not { } cursor)
        {
            return Purge.None;
        }

        var limit = TrendObservationHours.Floor(cursor - TimeSpan.FromHours(o.PurgeMarginHours));
        var from = saved.PurgedThrough is { } through
            ? TrendObservationHours.Floor(through)
            : TrendObservationHours.Floor(cursor - TimeSpan.FromDays(o.PolicyFor(brand).BaselineDays + 2));
        if (from >= limit)
        {
            return Purge.None;
        }

        var to = from.AddHours(o.MaxPurgedHoursPerRun);
        if (to > limit)
        {
            to = limit;
        }

        try
        {
            var rows = await observations.PurgeAsync(brand, from, to, cancellationToken);
            var hours = (int)(to - from).TotalHours;
            Log.Purged(logger, brand, from, to, rows);
            return new Purge(to, hours, rows);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.PurgeFailed(logger, brand, from, to, ex);
            return Purge.None;
        }
    }

    /// <summary>Writes incident records, raises alerts and notes cases; returns what was done (failures stay pending).</summary>
    private async Task<Effects> DeliverAsync(string brand, TrendWatchState state, Effects effects, Tally tally, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var byId = state.Trends.Incidents.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var summaries = effects.Alerts.Concat(state.PendingAlerts).DistinctBy(a => a.IncidentId).ToDictionary(a => a.IncidentId, a => a.Summary, StringComparer.Ordinal);
        var doneIncidents = new List<string>();
        foreach (var id in effects.Incidents)
        {
            try
            {
                if (byId.TryGetValue(id, out var incident))
                {
                    await incidents.UpsertAsync(new IncidentRecord(incident, summaries.GetValueOrDefault(id)), cancellationToken);
                }

                doneIncidents.Add(id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.EffectFailed(logger, brand, id, "incident record", ex);
            }
        }

        var doneAlerts = new List<TrendAlertNotice>();
        foreach (var notice in effects.Alerts)
        {
            try
            {
                await AlertAsync(brand, notice, byId.GetValueOrDefault(notice.IncidentId), now, cancellationToken);
                doneAlerts.Add(notice);
                tally.Alerts++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.EffectFailed(logger, brand, notice.IncidentId, "alert", ex);
            }
        }

        var doneLinks = new List<IncidentCaseLink>();
        foreach (var link in effects.CaseLinks)
        {
            try
            {
                switch (await NoteCaseAsync(link, now, cancellationToken))
                {
                    case true:
                        tally.CasesLinked++;
                        doneLinks.Add(link);
                        break;
                    case false:
                        doneLinks.Add(link);
                        break;
                    default:
                        Log.CaseGaveUp(logger, link.CaseId, link.IncidentId);
                        break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.EffectFailed(logger, brand, link.IncidentId, "case note", ex);
            }
        }

        return new Effects(doneIncidents, doneAlerts, doneLinks);
    }

    private async Task AlertAsync(string brand, TrendAlertNotice notice, Incident? incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var examples = string.Join(", ", notice.ExampleMentionIds);
        Log.TrendAlert(logger, brand, notice.IncidentId, notice.Severity, string.Join(", ", notice.Terms), notice.Summary, examples);
        var categories = notice.Terms.Where(TrendTerms.IsCategory).Select(t => t[TrendTerms.CategoryPrefix.Length..]).ToList();
        var alert = new EscalationAlert(
            AlertKind.Trend,
            brand,
            incident?.CaseIds.FirstOrDefault() ?? notice.IncidentId,
            "trend",
            (int)notice.Severity + 1,
            OutboxStatus.NeedsHuman,
            $"trend incident {notice.IncidentId}: {notice.Summary}; example mentions: {examples}",
            categories,
            now,
            $"trend:{brand}:{notice.IncidentId}");
        foreach (var sink in alertSinks)
        {
            await sink.AlertAsync(alert, cancellationToken);
        }
    }

    /// <summary>Adds a history note to the case once: true when written, false when not needed (gone, or noted), null when it kept changing.</summary>
    private async Task<bool?> NoteCaseAsync(IncidentCaseLink link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reason = LinkReason(link.IncidentId);
        for (var attempt = 1; attempt <= options.Value.MaxCaseUpdateAttempts; attempt++)
        {
            var c = await cases.GetCaseAsync(link.CaseId, cancellationToken);
            if (c is null || c.History.Any(h => h.Actor == Actor && h.Reason == reason))
            {
                return false;
            }

            var history = c.History.Append(new CaseTransition(c.Status, c.Status, Actor, reason, now)).ToList();
            if (history.Count > Case.MaxHistory)
            {
                history.RemoveRange(1, history.Count - Case.MaxHistory);
            }

            if (await cases.TryUpdateCaseAsync(c with { History = history, UpdatedAt = now }, cancellationToken) is { } stored)
            {
                await cases.IndexCaseAsync(stored, cancellationToken);
                return true;
            }
        }

        return null;
    }

    /// <summary>Removes delivered effects from the stored state (reloading when another run saved in between).</summary>
    private async Task ConfirmAsync(string brand, TrendWatchState state, string version, Effects delivered, CancellationToken cancellationToken)
    {
        if (!delivered.Any)
        {
            return;
        }

        for (var attempt = 1; attempt <= options.Value.MaxSaveAttempts; attempt++)
        {
            state.PendingIncidents.RemoveAll(id => delivered.Incidents.Contains(id, StringComparer.Ordinal));
            state.PendingAlerts.RemoveAll(a => delivered.Alerts.Any(d => d.IncidentId == a.IncidentId));
            state.PendingCaseLinks.RemoveAll(delivered.CaseLinks.Contains);
            if (!state.HasPendingEffects)
            {
                state.EffectsClaimedAt = null;
            }

            if (await states.TrySaveAsync(brand, state, version, cancellationToken) is not null)
            {
                return;
            }

            if (await states.LoadAsync(brand, cancellationToken) is not { } reloaded)
            {
                return;
            }

            (state, version) = (reloaded.State, reloaded.Version);
        }

        Log.ConfirmGaveUp(logger, brand);
    }

    private sealed record Effects(IReadOnlyList<string> Incidents, IReadOnlyList<TrendAlertNotice> Alerts, IReadOnlyList<IncidentCaseLink> CaseLinks)
    {
        public bool Any => Incidents.Count > 0 || Alerts.Count > 0 || CaseLinks.Count > 0;

        public static Effects Of(TrendWatchState state) => new([.. state.PendingIncidents], [.. state.PendingAlerts], [.. state.PendingCaseLinks]);
    }

    /// <summary>What a purge did: the new progress (null: nothing to do, or failed), hours and rows deleted.</summary>
    private sealed record Purge(DateTimeOffset? To, int Hours, int Rows)
    {
        public static Purge None { get; } = new(null, 0, 0);
    }

    private sealed class Tally
    {
        public int PurgedHours { get; set; }

        public int PurgedObservations { get; set; }

        public int Observed { get; set; }

        public int Windows { get; set; }

        public int Alerts { get; set; }

        public int Continuing { get; set; }

        public int Closed { get; set; }

        public int CasesLinked { get; set; }

        public int Conflicts { get; set; }

        public int Failed { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(9701, LogLevel.Error, "TREND ALERT for brand {BrandId}: incident {IncidentId} ({Severity}) about {Terms}: {Summary}; example mentions {Examples}")]
        public static partial void TrendAlert(ILogger logger, string brandId, string incidentId, TrendSeverity severity, string terms, string summary, string examples);

        [LoggerMessage(9702, LogLevel.Information, "Trend incident {IncidentId} of brand {BrandId} closed after its quiet period ({Mentions} mentions linked)")]
        public static partial void IncidentClosed(ILogger logger, string brandId, string incidentId, int mentions);

        [LoggerMessage(9703, LogLevel.Debug, "Trend state of brand {BrandId} was saved by another run first (attempt {Attempt}); reading it again")]
        public static partial void Conflict(ILogger logger, string brandId, int attempt);

        [LoggerMessage(9704, LogLevel.Warning, "Trend state of brand {BrandId} kept changing ({Attempts} conflicting saves); left for the next run")]
        public static partial void GaveUp(ILogger logger, string brandId, int attempts);

        [LoggerMessage(9705, LogLevel.Warning, "Trend watch of brand {BrandId}: delivering effects left by an earlier run ({Incidents} incidents, {Alerts} alerts, {Cases} case notes)")]
        public static partial void Leftovers(ILogger logger, string brandId, int incidents, int alerts, int cases);

        [LoggerMessage(9706, LogLevel.Warning, "Trend watch of brand {BrandId}: the {Effect} of incident {IncidentId} failed; retried by a later run")]
        public static partial void EffectFailed(ILogger logger, string brandId, string incidentId, string effect, Exception exception);

        [LoggerMessage(9707, LogLevel.Warning, "Case {CaseId} kept changing; its link to trend incident {IncidentId} is noted by a later run")]
        public static partial void CaseGaveUp(ILogger logger, string caseId, string incidentId);

        [LoggerMessage(9708, LogLevel.Warning, "Trend watch of brand {BrandId} could not confirm delivered effects; a later run may deliver them again")]
        public static partial void ConfirmGaveUp(ILogger logger, string brandId);

        [LoggerMessage(9709, LogLevel.Warning, "Trend watch of brand {BrandId} was behind: observations recorded between {From} and {To} are not counted")]
        public static partial void BacklogSkipped(ILogger logger, string brandId, DateTimeOffset from, DateTimeOffset to);

        [LoggerMessage(9710, LogLevel.Error, "Trend watch of brand {BrandId} failed; the next run retries")]
        public static partial void BrandFailed(ILogger logger, string brandId, Exception exception);

        [LoggerMessage(9711, LogLevel.Information, "Trend watch: {Brands} brands, {Observed} observations counted, {Windows} windows evaluated, {Alerts} alerts, {Closed} incidents closed")]
        public static partial void Run(ILogger logger, int brands, int observed, int windows, int alerts, int closed);

        [LoggerMessage(9712, LogLevel.Debug, "Trend watch of brand {BrandId}: purged {Rows} consumed observations recorded from {From} to {To}")]
        public static partial void Purged(ILogger logger, string brandId, DateTimeOffset from, DateTimeOffset to, int rows);

        [LoggerMessage(9713, LogLevel.Warning, "Trend watch of brand {BrandId}: purging observations recorded from {From} to {To} failed; the next run retries")]
        public static partial void PurgeFailed(ILogger logger, string brandId, DateTimeOffset from, DateTimeOffset to, Exception exception);
    }
}
