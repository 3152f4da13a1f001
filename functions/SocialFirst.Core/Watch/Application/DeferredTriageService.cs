using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Core.Watch.Application;

/// <summary>What one quiet-hours re-check found.</summary>
/// <param name="Brands">Brands looked at.</param>
/// <param name="QuietBrands">Brands still inside their quiet hours (not looked at).</param>
/// <param name="Checked">Open cases read.</param>
/// <param name="Escalated">Deferred cases escalated by this run.</param>
/// <param name="Skipped">Deferred cases left for the next run (a triage claim in flight, too old, or conflicting writes).</param>
public sealed record DeferredTriageReport(int Brands, int QuietBrands, int Checked, int Escalated, int Skipped);

/// <summary>
/// Escalates the cases that triage deferred because they turned urgent during the brand's quiet hours
/// (<see cref="QuietHours"/>: the case stays not urgent with a decision "deferred until HH:mm …" and its score). Once the
/// brand's window is over, each such case, open, never escalated and scoring at least the policy's threshold, is sent
/// the way triage sends it: an <see cref="EscalationMessage"/> at level 1 (message id <c>caseId-L1</c>, so a repeat or
/// a concurrent triage send is dropped by the sink), then recorded on the case (conditional on its version). Sending
/// before recording makes a crash safe: the next run finds the case still deferred and sends the same message id.
/// </summary>
public sealed partial class DeferredTriageService(
    ICaseStore cases,
    IEscalationSink escalations,
    IUrgencyPolicyProvider policies,
    IOptionsMonitor<BrandOptions> brands,
    IOptionsMonitor<DeferredTriageOptions> options,
    TimeProvider time,
    ILogger<DeferredTriageService> logger)
{
    /// <summary>The actor recorded in case histories.</summary>
    public const string Actor = "quiet-hours";

    /// <summary>How <see cref="UrgencyScorer"/> begins the decision of a deferred case.</summary>
    public const string DeferredPrefix = "deferred until ";

    private const int PageSize = 100;

    private enum Outcome
    {
        NotDeferred,
        Escalated,
        Skipped,
    }

    /// <summary>True when the case is one that quiet hours deferred and nothing has escalated since.</summary>
    public static bool IsDeferred(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.IsOpen
            && !c.Urgent
            && c.EscalationLevel == 0
            && c.UrgencyDecision.StartsWith(DeferredPrefix, StringComparison.Ordinal);
    }

    public async Task<DeferredTriageReport> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var brandList = brands.CurrentValue.Items.Keys.Select(k => k.ToLowerInvariant()).Append(BrandOptions.DefaultBrandId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        int quiet = 0, read = 0, escalated = 0, skipped = 0;
        foreach (var brand in brandList)
        {
            var policy = policies.GetPolicy(brand);
            if (policy.QuietHours is { } window && window.Contains(time.GetUtcNow(), out _))
            {
                quiet++;
                continue;
            }

            var query = new CaseQuery { BrandId = brand, Order = CaseOrder.MostUrgent, Urgent = false, PageSize = PageSize };
            string? token = null;
            var seen = 0;
            var below = false;
            do
            {
                var page = await cases.ListCasesAsync(query, token, cancellationToken);
                foreach (var summary in page.Items.Take(o.MaxCasesPerBrand - seen))
                {
                    // Highest score first: below the threshold nothing was deferred (a deferred case scored at least that).
                    if (summary.Urgency < policy.Threshold)
                    {
                        below = true;
                        break;
                    }

                    if (summary.EscalationLevel > 0)
                    {
                        continue;
                    }

                    read++;
                    var outcome = await CheckAsync(summary, policy, o, cancellationToken);
                    escalated += outcome == Outcome.Escalated ? 1 : 0;
                    skipped += outcome == Outcome.Skipped ? 1 : 0;
                }

                seen += page.Items.Count;
                token = !below && seen < o.MaxCasesPerBrand ? page.ContinuationToken : null;
            }
            while (token is not null);
        }

        var report = new DeferredTriageReport(brandList.Count, quiet, read, escalated, skipped);
        Log.Run(logger, report.Checked, report.Escalated, report.Skipped, report.QuietBrands);
        return report;
    }

    private async Task<Outcome> CheckAsync(CaseSummary summary, UrgencyPolicy policy, DeferredTriageOptions o, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= o.MaxUpdateAttempts; attempt++)
        {
            var c = await cases.GetCaseAsync(summary.Id, cancellationToken);
            if (c is null || !IsDeferred(c) || c.Urgency < policy.Threshold)
            {
                return Outcome.NotDeferred;
            }

            var now = time.GetUtcNow();
            if (c.PendingEscalation is not null || now - c.OpenedAt > TimeSpan.FromDays(o.MaxCaseAgeDays))
            {
                // Triage is sending it right now (or the SLA watch picks up a stranded claim); or it is a replay of old news.
                return Outcome.Skipped;
            }

            const int level = 1;
            await escalations.SendAsync(
                new EscalationMessage
                {
                    CaseId = c.Id,
                    BrandId = c.BrandId,
                    Level = level,
                    Platform = c.Platform.ToString(),
                    Reason = c.UrgencyDecision,
                    RaisedAt = now,
                    Urgency = c.Urgency,
                    Categories = c.Categories,
                },
                cancellationToken);

            var decision = "urgent (quiet hours over): " + c.UrgencyDecision;
            var updated = c with { EscalationLevel = Math.Max(c.EscalationLevel, level), Urgent = true, UrgencyDecision = decision };
            updated = updated.Status != CaseStatus.Escalated && CaseStatusRules.CanTransition(updated.Status, CaseStatus.Escalated)
                ? updated.TransitionTo(CaseStatus.Escalated, Actor, $"escalated at level {level}: {decision}", now)
                : Note(updated, $"escalated at level {level}: {decision}", now);
            if (await cases.TryUpdateCaseAsync(updated, cancellationToken) is { } stored)
            {
                await cases.IndexCaseAsync(stored, cancellationToken);
                Log.Escalated(logger, c.Id, c.BrandId, c.Urgency);
                return Outcome.Escalated;
            }
        }

        Log.GaveUp(logger, summary.Id, o.MaxUpdateAttempts);
        return Outcome.Skipped;
    }

    private static Case Note(Case c, string reason, DateTimeOffset at)
    {
        var history = c.History.Append(new CaseTransition(c.Status, c.Status, Actor, reason, at)).ToList();
        if (history.Count > Case.MaxHistory)
        {
            history.RemoveRange(1, history.Count - Case.MaxHistory);
        }

        return c with { History = history, UpdatedAt = at };
    }

    private static partial class Log
    {
        [LoggerMessage(9691, LogLevel.Information, "Case {CaseId} of {BrandId} was deferred by quiet hours; escalated now at level 1 (urgency {Urgency})")]
        public static partial void Escalated(ILogger logger, string caseId, string brandId, double urgency);

        [LoggerMessage(9692, LogLevel.Warning, "Case {CaseId} kept changing ({Attempts} conflicting writes); left for the next quiet-hours re-check")]
        public static partial void GaveUp(ILogger logger, string caseId, int attempts);

        [LoggerMessage(9693, LogLevel.Information, "Quiet-hours re-check: {Checked} cases read, {Escalated} escalated, {Skipped} left for later, {QuietBrands} brands still in quiet hours")]
        public static partial void Run(ILogger logger, int @checked, int escalated, int skipped, int quietBrands);
    }
}
