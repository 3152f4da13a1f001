using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Watch.Metrics;

namespace SocialFirst.Core.Watch.Application;

/// <summary>What one roll-up run did: counts only.</summary>
/// <param name="LastSettled">The newest day that was settled at the run (UTC date).</param>
/// <param name="Brands">Brands looked at.</param>
/// <param name="Days">Days written (empty days included).</param>
/// <param name="Cases">Cases read and rolled up.</param>
/// <param name="More">True when <see cref="CareMetricsOptions.RollUpCasesPerRun"/> stopped the run; the next run continues.</param>
public sealed record CareRollUpReport(DateOnly LastSettled, int Brands, int Days, int Cases, bool More);

/// <summary>
/// The daily roll-up timer's work (docs/watch.md, "Daily roll-up"): for each brand (the <c>Brands</c> section plus
/// <c>default</c>), every settled day from its oldest case on that the <see cref="ICareDayStore"/> does not have yet is
/// read live, once, as the scorecard would read it, and written as a <see cref="CareDay"/>. Days are done oldest first
/// and whole; a run stops after <see cref="CareMetricsOptions.RollUpCasesPerRun"/> cases and the next one continues
/// (what is written stays written, and writing a day again replaces it with the same facts).
/// </summary>
public sealed partial class CareRollUpService(
    ICaseStore cases,
    IEscalationOutbox outbox,
    ICareDayStore days,
    IOptionsMonitor<BrandOptions> brands,
    IOptions<WatchOptions> options,
    TimeProvider time,
    ILogger<CareRollUpService> logger)
{
    public async Task<CareRollUpReport> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value.Metrics;
        var now = time.GetUtcNow();
        var lastSettled = CareDays.LastSettled(now, o.EffectiveSettleDays);
        var brandIds = brands.CurrentValue.Items.Keys.Select(k => k.ToLowerInvariant()).Append(BrandOptions.DefaultBrandId)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var budget = new Budget(o.RollUpCasesPerRun);
        int written = 0, rolledUp = 0;
        foreach (var brand in brandIds)
        {
            var (d, c) = await RollUpBrandAsync(brand, lastSettled, now, budget, cancellationToken);
            written += d;
            rolledUp += c;
        }

        var report = new CareRollUpReport(lastSettled, brandIds.Count, written, rolledUp, budget.Exhausted);
        Log.Run(logger, report.Days, report.Cases, report.Brands, report.More);
        return report;
    }

    /// <summary>Rolls up the brand's missing settled days while the budget lasts; returns days written and cases read.</summary>
    private async Task<(int Days, int Cases)> RollUpBrandAsync(string brandId, DateOnly lastSettled, DateTimeOffset now, Budget budget, CancellationToken cancellationToken)
    {
        var oldest = (await cases.ListCasesAsync(new CaseQuery { BrandId = brandId, Order = CaseOrder.Oldest, PageSize = 1 }, null, cancellationToken)).Items;
        if (oldest.Count == 0 || CareDays.Of(oldest[0].OpenedAt) > lastSettled)
        {
            return (0, 0);
        }

        var present = await days.ListDaysAsync(brandId, CareDays.Of(oldest[0].OpenedAt), lastSettled, cancellationToken);
        int written = 0, read = 0;
        for (var day = CareDays.Of(oldest[0].OpenedAt); day <= lastSettled; day = day.AddDays(1))
        {
            if (present.Contains(day))
            {
                continue;
            }

            if (budget.Exhausted)
            {
                break;
            }

            var facts = await ReadDayAsync(brandId, day, now, cancellationToken);
            await days.WriteAsync(brandId, new CareDay(day, facts), cancellationToken);
            budget.Spend(Math.Max(1, facts.Count));
            written++;
            read += facts.Count;
        }

        return (written, read);
    }

    /// <summary>
    /// The day's cases, read as the scorecard reads them. Re-contacts are looked for among the cases opened up to the
    /// latest resolution of the day plus the window (at most now), so each case's <see cref="CareCaseFacts.ReturnedAt"/>
    /// is what the live path would find for any period.
    /// </summary>
    private async Task<List<CareCaseFacts>> ReadDayAsync(string brandId, DateOnly day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var o = options.Value.Metrics;
        var window = TimeSpan.FromDays(o.ReContactWindowDays);
        var next = CareDays.Start(day.AddDays(1));
        var ofDay = await CareCaseReader.ListAsync(cases, brandId, CareDays.Start(day), next, _ => false, int.MaxValue, cancellationToken);
        if (ofDay.Count == 0)
        {
            return [];
        }

        var read = await CareCaseReader.ReadAsync(cases, outbox, ofDay, o.Parallelism, cancellationToken);
        var known = ofDay;
        if (read.Select(r => r.Case.ResolvedAt).Max() is { } latest && window > TimeSpan.Zero)
        {
            var until = latest + window < now ? latest + window : now;
            known = [.. ofDay, .. await CareCaseReader.ListAsync(cases, brandId, next, until.AddTicks(1), _ => false, int.MaxValue, cancellationToken)];
        }

        return CareCaseReader.ToFacts(read, known, window);
    }

    /// <summary>Cases a run may still read; shared by the brands of one run.</summary>
    private sealed class Budget(int cases)
    {
        private int _left = cases;

        public bool Exhausted => _left <= 0;

        public void Spend(int n) => _left -= n;
    }

    private static partial class Log
    {
        [LoggerMessage(9622, LogLevel.Information, "Care roll-up: {Days} days written ({Cases} cases) for {Brands} brands; more to do: {More}")]
        public static partial void Run(ILogger logger, int days, int cases, int brands, bool more);
    }
}
