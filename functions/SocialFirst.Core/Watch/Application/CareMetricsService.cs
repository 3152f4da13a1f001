using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Watch.Metrics;

namespace SocialFirst.Core.Watch.Application;

/// <summary>Thrown when a metrics request would read more cases than <see cref="CareMetricsOptions.MaxCases"/> allows.</summary>
public sealed class CareMetricsLimitException : Exception
{
    public CareMetricsLimitException()
    {
    }

    public CareMetricsLimitException(string message)
        : base(message)
    {
    }

    public CareMetricsLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A brand's care scorecard for a period, from the case store: lists the brand's cases opened in [from, to) (plus the
/// re-contact window after it) through the by-age index, reads each case in the period (one point read; the outbox
/// only for cases the escalation step touched), maps them with <see cref="CaseTimelineMapper"/> and computes with
/// <see cref="CareMetricsCalculator"/> as of now. Cost grows with the number of cases: see docs/watch.md.
/// </summary>
public sealed partial class CareMetricsService(
    ICaseStore cases,
    IEscalationOutbox outbox,
    ISlaPolicyProvider policies,
    IOptions<WatchOptions> options,
    TimeProvider time,
    ILogger<CareMetricsService> logger)
{
    private const int PageSize = CaseQuery.MaxPageSize;

    public async Task<CareScorecard> ComputeAsync(string brandId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        if (to <= from)
        {
            throw new ArgumentException("the period must end after it starts", nameof(to));
        }

        var o = options.Value.Metrics;
        var asOf = time.GetUtcNow();
        var window = TimeSpan.FromDays(o.ReContactWindowDays);
        var horizon = to + window < asOf ? to + window : asOf;
        var summaries = await ListAsync(brandId, from, horizon > to ? horizon : to, o.MaxCases, cancellationToken);
        var inPeriod = summaries.Where(s => s.OpenedAt < to).ToList();

        var timelines = new ConcurrentBag<CaseTimeline>();
        await Parallel.ForEachAsync(
            inPeriod,
            new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism, CancellationToken = cancellationToken },
            async (summary, ct) =>
            {
                var c = await cases.GetCaseAsync(summary.Id, ct);
                if (c is null)
                {
                    return;
                }

                IReadOnlyList<OutboxEntry> entries = TouchedByEscalation(c) ? await outbox.ListAsync(c.Id, ct) : [];
                timelines.Add(CaseTimelineMapper.ToTimeline(c, entries, CaseTimelineMapper.IsReContact(c, summaries, window)));
            });

        var scorecard = CareMetricsCalculator.Compute(brandId, timelines, from, to, policies.For(brandId), asOf);
        Log.Computed(logger, brandId, inPeriod.Count, summaries.Count);
        return scorecard;
    }

    /// <summary>Only cases the escalation step has seen can have outbox entries; the rest need no outbox read.</summary>
    private static bool TouchedByEscalation(Case c) =>
        c.EscalationLevel > 0 || c.PendingEscalation is not null || c.History.Any(h => h.Actor == EscalationService.Actor);

    private async Task<List<CaseSummary>> ListAsync(string brandId, DateTimeOffset from, DateTimeOffset until, int max, CancellationToken cancellationToken)
    {
        var result = new List<CaseSummary>();
        var query = new CaseQuery { BrandId = brandId, Since = from, Order = CaseOrder.Oldest, PageSize = PageSize };
        string? token = null;
        do
        {
            var page = await cases.ListCasesAsync(query, token, cancellationToken);
            foreach (var s in page.Items)
            {
                if (s.OpenedAt >= until)
                {
                    return result;
                }

                if (result.Count >= max)
                {
                    throw new CareMetricsLimitException($"more than {max} cases in the period (Watch:Metrics:MaxCases); ask for a shorter period");
                }

                result.Add(s);
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(9601, LogLevel.Information, "Care metrics for {BrandId}: {Cases} cases in the period, {Listed} listed")]
        public static partial void Computed(ILogger logger, string brandId, int cases, int listed);
    }
}
