using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Watch.Metrics;
using SocialFirst.Core.Watch.Sla;

namespace SocialFirst.Core.Watch.Application;

/// <summary>What one SLA watch run found.</summary>
/// <param name="Brands">Brands checked.</param>
/// <param name="Checked">Open cases evaluated.</param>
/// <param name="AboutToBreach">Cases about to breach (warned now or before).</param>
/// <param name="Breached">Cases past a target.</param>
/// <param name="Escalated">Escalations raised by this run (breaches and stranded triage claims).</param>
/// <param name="Warned">About-to-breach warnings first recorded by this run.</param>
/// <param name="Skipped">Cases left for the next run (a triage claim in flight, or conflicting writes).</param>
/// <param name="TooOld">Open cases not evaluated because they were opened more than <see cref="SlaWatchOptions.MaxCaseAgeDays"/> ago.</param>
/// <param name="NextCheckAt">The earliest moment a checked case changes status; null when none is pending.</param>
public sealed record SlaWatchReport(int Brands, int Checked, int AboutToBreach, int Breached, int Escalated, int Warned, int Skipped, int TooOld, DateTimeOffset? NextCheckAt);

/// <summary>
/// The SLA timer's work: for every brand, the open cases most urgent first; each is evaluated with the brand's
/// <see cref="SlaEvaluator"/>. A breach that has not been escalated yet sends <see cref="EscalationMessage"/> with the
/// next level (message id <c>caseId-L{n}</c>, so a repeat is dropped by the sink) and then records the level on the case
/// (conditional on its version); an about-to-breach case is warned about once (a history note). A triage claim left
/// pending for longer than <see cref="SlaWatchOptions.StaleClaimMinutes"/> (its mention was poisoned) is sent here.
/// Sending before recording makes a crash safe: the next run computes the same level and message id again.
/// </summary>
public sealed partial class SlaWatchService(
    ICaseStore cases,
    IEscalationSink escalations,
    ISlaPolicyProvider policies,
    IOptionsMonitor<BrandOptions> brands,
    IOptions<WatchOptions> options,
    TimeProvider time,
    ILogger<SlaWatchService> logger)
{
    private const int PageSize = 200;

    private enum Outcome
    {
        Ok,
        AboutToBreach,
        Warned,
        Breached,
        Escalated,
        Skipped,
        TooOld,
    }

    /// <summary>The brands watched: the configured ones and <see cref="BrandOptions.DefaultBrandId"/>.</summary>
    public IReadOnlyList<string> Brands() =>
        brands.CurrentValue.Items.Keys.Select(k => k.ToLowerInvariant()).Append(BrandOptions.DefaultBrandId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public async Task<SlaWatchReport> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value.SlaWatch;
        var counts = new Dictionary<Outcome, int>();
        DateTimeOffset? next = null;
        var brandList = Brands();
        var checkedCases = 0;
        foreach (var brand in brandList)
        {
            var sla = policies.For(brand);
            var query = new CaseQuery { BrandId = brand, Order = CaseOrder.MostUrgent, PageSize = PageSize };
            string? token = null;
            var seen = 0;
            do
            {
                var page = await cases.ListCasesAsync(query, token, cancellationToken);
                foreach (var summary in page.Items.Take(o.MaxCasesPerBrand - seen))
                {
                    var (outcome, nextCheck) = time.GetUtcNow() - summary.OpenedAt > TimeSpan.FromDays(o.MaxCaseAgeDays)
                        ? (Outcome.TooOld, null)
                        : await CheckAsync(summary.Id, sla, o, cancellationToken);
                    counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
                    checkedCases += outcome == Outcome.TooOld ? 0 : 1;
                    if (nextCheck is { } n && (next is null || n < next))
                    {
                        next = n;
                    }
                }

                seen += page.Items.Count;
                token = seen < o.MaxCasesPerBrand ? page.ContinuationToken : null;
            }
            while (token is not null);
        }

        int C(Outcome k) => counts.GetValueOrDefault(k);
        var report = new SlaWatchReport(brandList.Count, checkedCases, C(Outcome.AboutToBreach) + C(Outcome.Warned), C(Outcome.Breached) + C(Outcome.Escalated), C(Outcome.Escalated), C(Outcome.Warned), C(Outcome.Skipped), C(Outcome.TooOld), next);
        Log.Run(logger, report.Checked, report.Breached, report.Escalated, report.AboutToBreach);
        return report;
    }

    private async Task<(Outcome Outcome, DateTimeOffset? Next)> CheckAsync(string caseId, SlaEvaluator sla, SlaWatchOptions o, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= o.MaxUpdateAttempts; attempt++)
        {
            var c = await cases.GetCaseAsync(caseId, cancellationToken);
            if (c is null || !c.IsOpen)
            {
                return (Outcome.Ok, null);
            }

            var now = time.GetUtcNow();
            if (c.PendingEscalation is { } pending)
            {
                if (now - pending.ClaimedAt < TimeSpan.FromMinutes(o.StaleClaimMinutes))
                {
                    // Triage is sending this one right now; it records it itself.
                    return (Outcome.Skipped, pending.ClaimedAt + TimeSpan.FromMinutes(o.StaleClaimMinutes));
                }

                var reason = $"{SlaWatchReasons.EscalatedPrefix} {pending.Level.ToString(CultureInfo.InvariantCulture)}: stranded triage claim sent";
                await SendAsync(c, pending.Level, c.UrgencyDecision, now, cancellationToken);
                Log.StrandedClaim(logger, c.Id, c.BrandId, pending.Level);
                if (await RecordAsync(c with { PendingEscalation = null }, pending.Level, reason, now, cancellationToken))
                {
                    return (Outcome.Escalated, null);
                }

                continue;
            }

            var evaluation = sla.Evaluate(CaseTimelineMapper.ToTimeline(c, [], reContacted: false), now);
            var clock = evaluation.Target == SlaTargetKind.FirstResponse ? evaluation.FirstResponse : evaluation.Resolution;
            var band = CaseTimelineMapper.Band(c).ToString().ToLowerInvariant();
            var target = evaluation.Target == SlaTargetKind.FirstResponse ? "first response" : "resolution";
            if (evaluation.RaiseEscalation)
            {
                var level = evaluation.EscalationLevel;
                var over = CareScorecard.Minutes(evaluation.TimeOver.TotalMinutes);
                var why = $"SLA breach: {target} {over} over target ({band}, {sla.Policy.Version})";
                await SendAsync(c, level, why, now, cancellationToken);
                Log.Breach(logger, c.Id, c.BrandId, target, band, (long)evaluation.TimeOver.TotalMinutes, level);
                if (await RecordAsync(c, level, $"{SlaWatchReasons.EscalatedPrefix} {level.ToString(CultureInfo.InvariantCulture)}: {target} {over} over target", now, cancellationToken))
                {
                    return (Outcome.Escalated, evaluation.NextCheckAt);
                }

                continue;
            }

            if (evaluation.Status == SlaStatus.Breached)
            {
                return (Outcome.Breached, evaluation.NextCheckAt);
            }

            if (evaluation.Status != SlaStatus.AboutToBreach)
            {
                return (Outcome.Ok, evaluation.NextCheckAt);
            }

            var warning = string.Create(CultureInfo.InvariantCulture, $"{SlaWatchReasons.WarningPrefix}: {target} due {clock.DueAt:yyyy-MM-ddTHH:mm:ssZ}");
            if (c.History.Any(h => h.Actor == CaseTimelineMapper.SlaWatchActor && h.Reason == warning))
            {
                return (Outcome.AboutToBreach, evaluation.NextCheckAt);
            }

            if (await TryWriteAsync(Note(c, warning, now), cancellationToken))
            {
                Log.AboutToBreach(logger, c.Id, c.BrandId, target, band, (long)evaluation.TimeLeft.TotalMinutes);
                return (Outcome.Warned, evaluation.NextCheckAt);
            }
        }

        Log.GaveUp(logger, caseId, o.MaxUpdateAttempts);
        return (Outcome.Skipped, null);
    }

    private Task SendAsync(Case c, int level, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        escalations.SendAsync(
            new EscalationMessage
            {
                CaseId = c.Id,
                BrandId = c.BrandId,
                Level = level,
                Platform = c.Platform.ToString(),
                Reason = reason,
                RaisedAt = now,
                Urgency = c.Urgency,
                Categories = c.Categories,
            },
            cancellationToken);

    /// <summary>Records the level: New/Triaged cases move to Escalated, others keep their status and get a history note.</summary>
    private async Task<bool> RecordAsync(Case c, int level, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var raised = c with { EscalationLevel = Math.Max(c.EscalationLevel, level) };
        var updated = raised.Status is CaseStatus.New or CaseStatus.Triaged
            ? raised.TransitionTo(CaseStatus.Escalated, CaseTimelineMapper.SlaWatchActor, reason, now)
            : Note(raised, reason, now);
        return await TryWriteAsync(updated, cancellationToken);
    }

    private async Task<bool> TryWriteAsync(Case updated, CancellationToken cancellationToken)
    {
        if (await cases.TryUpdateCaseAsync(updated, cancellationToken) is not { } stored)
        {
            return false;
        }

        await cases.IndexCaseAsync(stored, cancellationToken);
        return true;
    }

    private static Case Note(Case c, string reason, DateTimeOffset at)
    {
        var history = c.History.Append(new CaseTransition(c.Status, c.Status, CaseTimelineMapper.SlaWatchActor, reason, at)).ToList();
        if (history.Count > Case.MaxHistory)
        {
            history.RemoveRange(1, history.Count - Case.MaxHistory);
        }

        return c with { History = history, UpdatedAt = at };
    }

    private static partial class Log
    {
        [LoggerMessage(9611, LogLevel.Error, "SLA ALERT: case {CaseId} of {BrandId} breached its {Target} target ({Band}) by {OverMinutes} min; escalated to level {Level}")]
        public static partial void Breach(ILogger logger, string caseId, string brandId, string target, string band, long overMinutes, int level);

        [LoggerMessage(9612, LogLevel.Warning, "SLA warning: case {CaseId} of {BrandId} is about to breach its {Target} target ({Band}); {LeftMinutes} min left")]
        public static partial void AboutToBreach(ILogger logger, string caseId, string brandId, string target, string band, long leftMinutes);

        [LoggerMessage(9613, LogLevel.Warning, "Case {CaseId} of {BrandId} had a stranded triage escalation claim at level {Level}; sent it")]
        public static partial void StrandedClaim(ILogger logger, string caseId, string brandId, int level);

        [LoggerMessage(9614, LogLevel.Warning, "Case {CaseId} kept changing ({Attempts} conflicting writes); left for the next SLA run")]
        public static partial void GaveUp(ILogger logger, string caseId, int attempts);

        [LoggerMessage(9615, LogLevel.Information, "SLA watch: {Checked} open cases checked, {Breached} breached, {Escalated} escalated, {AboutToBreach} about to breach")]
        public static partial void Run(ILogger logger, int @checked, int breached, int escalated, int aboutToBreach);
    }
}
