using SocialFirst.Core.Watch.Sla;

namespace SocialFirst.Core.Watch.Metrics;

/// <summary>
/// Computes a <see cref="CareScorecard"/> from case timelines: the cases of one brand opened in [from, to), judged
/// as of a moment (SLA clocks still running at that moment count only once they have breached). Pure.
/// </summary>
public static class CareMetricsCalculator
{
    public static CareScorecard Compute(
        string brandId,
        IEnumerable<CaseTimeline> timelines,
        DateTimeOffset from,
        DateTimeOffset to,
        SlaEvaluator sla,
        DateTimeOffset asOf)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        ArgumentNullException.ThrowIfNull(timelines);
        ArgumentNullException.ThrowIfNull(sla);
        if (to <= from)
        {
            throw new ArgumentException("The period must end after it starts.", nameof(to));
        }

        var cases = timelines
            .Where(t => string.Equals(t.BrandId, brandId, StringComparison.Ordinal) && t.OpenedAt >= from && t.OpenedAt < to && t.OpenedAt <= asOf)
            .Select(t => new Judged(AsOf(t, asOf), sla.Evaluate(AsOf(t, asOf), asOf)))
            .ToList();

        var byPlatform = cases.GroupBy(c => c.Case.Platform).OrderBy(g => g.Key)
            .Select(g => Row("platform", g.Key.ToString().ToLowerInvariant(), g.ToList())).ToList();
        var byUrgency = cases.GroupBy(c => c.Case.Urgency).OrderByDescending(g => g.Key)
            .Select(g => Row("urgency", g.Key.ToString().ToLowerInvariant(), g.ToList())).ToList();
        return new CareScorecard(brandId, from, to, asOf, sla.Policy.Version, Row("all", "all", cases), byPlatform, byUrgency);
    }

    /// <summary>What was known at <paramref name="asOf"/>: later responses and resolutions had not happened yet.</summary>
    private static CaseTimeline AsOf(CaseTimeline t, DateTimeOffset asOf) => t with
    {
        FirstResponseAt = t.FirstResponseAt <= asOf ? t.FirstResponseAt : null,
        ResolvedAt = t.ResolvedAt <= asOf ? t.ResolvedAt : null,
    };

    private static CareMetricsRow Row(string dimension, string key, List<Judged> cases)
    {
        var responseMinutes = cases
            .Select(c => c.Case.FirstResponseAt ?? c.Case.ResolvedAt)
            .Zip(cases, (at, c) => at is { } a ? (a - c.Case.OpenedAt).TotalMinutes : (double?)null)
            .OfType<double>()
            .Order()
            .ToList();
        var resolved = cases.Where(c => c.Case.IsResolved).ToList();
        var resolutionMinutes = resolved.Select(c => (c.Case.ResolvedAt!.Value - c.Case.OpenedAt).TotalMinutes).Order().ToList();
        var complaints = cases.Where(c => c.Case.IsComplaint).ToList();
        var escalated = cases.Where(c => c.Case.EscalationLevel > 0 || c.Case.EscalatedToHuman).ToList();

        return new CareMetricsRow
        {
            Dimension = dimension,
            Key = key,
            Cases = cases.Count,
            Responded = responseMinutes.Count,
            Resolved = resolved.Count,
            FirstResponseMedianMinutes = Quantile(responseMinutes, 0.5),
            FirstResponseP90Minutes = Quantile(responseMinutes, 0.9),
            ResolutionMedianMinutes = Quantile(resolutionMinutes, 0.5),
            ResolutionP90Minutes = Quantile(resolutionMinutes, 0.9),
            Complaints = complaints.Count,
            ComplaintsMovedToPrivateShare = Share(complaints, c => c.Case.MovedToPrivate),
            ResolvedInChannelShare = Share(resolved, c => c.Case.ResolvedInChannel),
            FirstResponseSlaAdherence = Adherence(cases.Select(c => c.Sla.FirstResponse)),
            ResolutionSlaAdherence = Adherence(cases.Select(c => c.Sla.Resolution)),
            ReContactRate = Share(resolved, c => c.Case.ReContacted),
            Escalated = escalated.Count,
            HumanEscalationShare = Share(escalated, c => c.Case.EscalatedToHuman),
        };
    }

    /// <summary>Met of decided: completed clocks, and running clocks that have already breached.</summary>
    private static double? Adherence(IEnumerable<SlaClockReading> readings)
    {
        var decided = readings.Where(r => r.Completed || r.Status == SlaStatus.Breached).ToList();
        return decided.Count == 0 ? null : Math.Round((double)decided.Count(r => r.Met) / decided.Count, 4);
    }

    private static double? Share(List<Judged> of, Func<Judged, bool> predicate) =>
        of.Count == 0 ? null : Math.Round((double)of.Count(predicate) / of.Count, 4);

    private static double? Quantile(List<double> sorted, double q) =>
        sorted.Count == 0 ? null : Math.Round(WatchStatistics.Quantile(sorted, q), 2);

    private sealed record Judged(CaseTimeline Case, SlaEvaluation Sla);
}
