using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Metrics;
using static SocialFirst.Core.Tests.Watch.Application.WatchCases;

namespace SocialFirst.Core.Tests.Watch.Application;

public class CareRollUpServiceTests
{
    private readonly InMemoryCaseStore _store = new();
    private readonly ListOutbox _outbox = new();
    private readonly DayStore _days = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 20, 12, 0, 0, TimeSpan.Zero));

    private CareRollUpService CreateSut(WatchOptions? options = null)
    {
        var brands = new BrandOptions();
        brands.Items["acme"] = new BrandDefinition();
        return new(_store, _outbox, _days, new StaticMonitor<BrandOptions>(brands), Options.Create(options ?? new WatchOptions()), _time, NullLogger<CareRollUpService>.Instance);
    }

    private CareMetricsService Metrics(bool rollUp) =>
        new(_store, _outbox, new ConfiguredSlaPolicyProvider(new StaticMonitor<WatchOptions>(new())), Options.Create(new WatchOptions()), _time, NullLogger<CareMetricsService>.Instance, rollUp ? _days : null);

    /// <summary>
    /// Alice's case A (Mon 5 Jan) is resolved only on 14 January and she comes back on 17 January (case B): a re-contact
    /// for a period whose end + 7 days reaches the 17th, not for one that ends on the 6th. Carol's C is reopened.
    /// </summary>
    private void Seed()
    {
        _store.Seed(Open("A", Monday.AddHours(10), author: "alice").Then(CaseStatus.Triaged, Monday.AddHours(10)).Then(CaseStatus.Resolved, Monday.AddDays(9)));
        _store.Seed(Open("B", Monday.AddDays(12), author: "alice").Then(CaseStatus.Triaged, Monday.AddDays(12)).Then(CaseStatus.Resolved, Monday.AddDays(12).AddHours(2)));
        _store.Seed(Open("C", Monday.AddDays(1).AddHours(9), author: "carol").Then(CaseStatus.Triaged, Monday.AddDays(1).AddHours(9))
            .Then(CaseStatus.Resolved, Monday.AddDays(1).AddHours(11)).Then(CaseStatus.Triaged, Monday.AddDays(2)).Then(CaseStatus.Resolved, Monday.AddDays(2).AddHours(1)));
        _store.Seed(Open("D", new DateTimeOffset(2026, 2, 18, 9, 0, 0, TimeSpan.Zero), author: "dave").Then(CaseStatus.Triaged, new DateTimeOffset(2026, 2, 18, 9, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void LastSettled_SettleDays_IsTheLastWholeDayThatLongAgo()
    {
        Assert.Equal(new DateOnly(2026, 2, 5), CareDays.LastSettled(_time.GetUtcNow(), 14)); // the 5th ended on the 6th, 14 days before the 20th
        Assert.Equal(new DateOnly(2026, 2, 19), CareDays.LastSettled(new DateTimeOffset(2026, 2, 20, 0, 0, 0, TimeSpan.Zero), 0));
        Assert.Equal([new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 6)], CareDays.Touched(Monday.AddHours(7), Monday.AddDays(2)));
    }

    [Fact]
    public async Task RunAsync_TwiceWithCases_WritesSettledDaysOnceWithoutIds()
    {
        Seed();

        var first = await CreateSut().RunAsync(CancellationToken.None);
        var second = await CreateSut().RunAsync(CancellationToken.None);

        Assert.Equal(new DateOnly(2026, 2, 5), first.LastSettled);
        Assert.Equal(32, first.Days);                 // 5 January … 5 February, empty days included; not the 18th
        Assert.Equal(3, first.Cases);
        Assert.Equal((0, 0), (second.Days, second.Cases));
        var a = Assert.Single(_days.Days[Monday].Cases);
        Assert.Equal(Monday.AddDays(12), a.ReturnedAt);
        Assert.Equal(string.Empty, a.Timeline.CaseId);
        Assert.True(Assert.Single(_days.Days[Monday.AddDays(1)].Cases).Reopened);
    }

    [Fact]
    public async Task RunAsync_SmallBudget_StopsAndTheNextRunContinues()
    {
        Seed();
        var options = new WatchOptions { Metrics = new CareMetricsOptions { RollUpCasesPerRun = 2 } };

        var first = await CreateSut(options).RunAsync(CancellationToken.None);
        var second = await CreateSut(options).RunAsync(CancellationToken.None);

        Assert.Equal((2, true), (first.Days, first.More));
        Assert.Equal(2, second.Days);
        Assert.Equal(4, _days.Days.Count);
    }

    [Theory]
    [InlineData("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z")] // until the 13th: Alice's return on the 17th is not known
    [InlineData("2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z")] // until the 19th: it is
    [InlineData("2026-01-05T08:00:00Z", "2026-02-20T00:00:00Z")] // settled and live days, partial first day
    public async Task ComputeAsync_AfterRollUp_IsTheLiveScorecard(string from, string to)
    {
        Seed();
        var (f, t) = (DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        var live = await Metrics(rollUp: false).ComputeAsync("acme", f, t, CancellationToken.None);
        await CreateSut().RunAsync(CancellationToken.None);
        _store.Seed(Open("Z-hidden", Monday.AddHours(20), author: "zed").Then(CaseStatus.Triaged, Monday.AddHours(20))); // added to a rolled-up day: not seen

        var rolledUp = await Metrics(rollUp: true).ComputeAsync("acme", f, t, CancellationToken.None);

        Assert.Equal(JsonSerializer.Serialize(live), JsonSerializer.Serialize(rolledUp));
    }

    private sealed class DayStore : ICareDayStore
    {
        public Dictionary<DateTimeOffset, CareDay> Days { get; } = [];

        public Task<IReadOnlyDictionary<DateOnly, CareDay>> ReadAsync(string brandId, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<DateOnly, CareDay>>(Days.Values.Where(d => d.Day >= first && d.Day <= last)
                .ToDictionary(d => d.Day, d => d with { Cases = d.Cases.Select(c => c with { Timeline = c.Timeline with { CaseId = string.Empty } }).ToList() }));

        public Task<IReadOnlySet<DateOnly>> ListDaysAsync(string brandId, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<DateOnly>>(Days.Values.Select(d => d.Day).Where(d => d >= first && d <= last).ToHashSet());

        public Task WriteAsync(string brandId, CareDay day, CancellationToken cancellationToken)
        {
            Days[CareDays.Start(day.Day)] = day with { Cases = day.Cases.Select(c => c with { Timeline = c.Timeline with { CaseId = string.Empty } }).ToList() };
            return Task.CompletedTask;
        }
    }
}
