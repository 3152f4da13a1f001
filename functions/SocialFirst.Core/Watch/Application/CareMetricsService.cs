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
/// A brand's care scorecard for a period. Settled days (<see cref="CareMetricsOptions.EffectiveSettleDays"/>) come from
/// the daily roll-up (<see cref="ICareDayStore"/>, written by <see cref="CareRollUpService"/>) when it has them; the
/// other days are read live: the brand's cases opened on them (plus the re-contact window after the period) through the
/// by-age index, one point read per case (the outbox only for cases the escalation step touched), mapped with
/// <see cref="CaseTimelineMapper"/>. Both give the same <see cref="CareCaseFacts"/>, so the scorecard
/// (<see cref="CareMetricsCalculator"/>, as of now) is the same either way. See docs/watch.md.
/// </summary>
public sealed partial class CareMetricsService(
    ICaseStore cases,
    IEscalationOutbox outbox,
    ISlaPolicyProvider policies,
    IOptions<WatchOptions> options,
    TimeProvider time,
    ILogger<CareMetricsService> logger,
    ICareDayStore? days = null)
{
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
        var until = horizon > to ? horizon : to; // cases opened before this are known when judging re-contacts

        var rolledUp = await ReadRollUpAsync(brandId, from, to, asOf, o, cancellationToken);
        var timelines = rolledUp.Values.SelectMany(d => d.Cases).Select(f => f.ForPeriod(until)).ToList();
        var rolledUpCases = timelines.Count;

        var liveDays = CareDays.Touched(from, to).Where(d => !rolledUp.ContainsKey(d)).ToList();
        int live = 0, listed = 0;
        if (liveDays.Count > 0)
        {
            bool IsLive(CaseSummary s) => s.OpenedAt < to && !rolledUp.ContainsKey(CareDays.Of(s.OpenedAt));
            var listFrom = CareDays.Start(liveDays[0]) > from ? CareDays.Start(liveDays[0]) : from;
            var summaries = await CareCaseReader.ListAsync(cases, brandId, listFrom, until, IsLive, o.MaxCases, cancellationToken);
            var read = await CareCaseReader.ReadAsync(cases, outbox, summaries.Where(IsLive).ToList(), o.Parallelism, cancellationToken);
            timelines.AddRange(CareCaseReader.ToFacts(read, summaries, window).Select(f => f.ForPeriod(until)));
            live = read.Count;
            listed = summaries.Count;
        }

        var scorecard = CareMetricsCalculator.Compute(brandId, timelines, from, to, policies.For(brandId), asOf);
        Log.Computed(logger, brandId, live, rolledUpCases, rolledUp.Count, listed);
        return scorecard;
    }

    /// <summary>The roll-up's days of the period that are settled and present; none without a store or with it turned off.</summary>
    private async Task<IReadOnlyDictionary<DateOnly, CareDay>> ReadRollUpAsync(
        string brandId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, CareMetricsOptions o, CancellationToken cancellationToken)
    {
        var first = CareDays.Of(from);
        var last = CareDays.Of(to.AddTicks(-1));
        var lastSettled = CareDays.LastSettled(asOf, o.EffectiveSettleDays);
        if (days is null || !o.UseRollUp || first > lastSettled)
        {
            return new Dictionary<DateOnly, CareDay>();
        }

        return await days.ReadAsync(brandId, first, last < lastSettled ? last : lastSettled, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(9601, LogLevel.Information, "Care metrics for {BrandId}: {Live} cases read live, {RolledUp} from {Days} rolled-up days, {Listed} listed")]
        public static partial void Computed(ILogger logger, string brandId, int live, int rolledUp, int days, int listed);
    }
}
