using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Classification.Cascade;

namespace SocialFirst.Core.Tests.Classification;

public sealed class InMemoryClassifierBudgetTests
{
    private static readonly DateTimeOffset January = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryReserveAsync_WithinBudget_ReservesUntilSpent()
    {
        var budget = new InMemoryClassifierBudget(5);

        Assert.True(await budget.TryReserveAsync(3, January, CancellationToken.None));
        Assert.True(await budget.TryReserveAsync(2, January, CancellationToken.None));
        Assert.False(await budget.TryReserveAsync(1, January, CancellationToken.None));
        Assert.Equal(5, budget.Used(January));
    }

    [Fact]
    public async Task TryReserveAsync_MoreThanLeft_ReservesNothing()
    {
        var budget = new InMemoryClassifierBudget(5);
        await budget.TryReserveAsync(3, January, CancellationToken.None);

        Assert.False(await budget.TryReserveAsync(3, January, CancellationToken.None));
        Assert.Equal(3, budget.Used(January));
        Assert.True(await budget.TryReserveAsync(2, January, CancellationToken.None));
    }

    [Fact]
    public async Task TryReserveAsync_NextMonthUtc_StartsAgain()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 31, 23, 59, 59, TimeSpan.Zero));
        var budget = new InMemoryClassifierBudget(2);
        Assert.True(await budget.TryReserveAsync(2, clock.GetUtcNow(), CancellationToken.None));
        Assert.False(await budget.TryReserveAsync(1, clock.GetUtcNow(), CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await budget.TryReserveAsync(2, clock.GetUtcNow(), CancellationToken.None));
        Assert.Equal(2, budget.Used(clock.GetUtcNow()));
    }

    [Fact]
    public async Task TryReserveAsync_LocalOffset_UsesTheUtcMonth()
    {
        var budget = new InMemoryClassifierBudget(1);
        // 1 February 01:00 in UTC+02:00 is still 31 January in UTC.
        await budget.TryReserveAsync(1, new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero), CancellationToken.None);

        Assert.False(await budget.TryReserveAsync(1, new DateTimeOffset(2026, 2, 1, 1, 0, 0, TimeSpan.FromHours(2)), CancellationToken.None));
    }

    [Fact]
    public async Task TryReserveAsync_ZeroBudget_RefusesEverything()
    {
        var budget = new InMemoryClassifierBudget(0);

        Assert.False(await budget.TryReserveAsync(1, January, CancellationToken.None));
    }
}
