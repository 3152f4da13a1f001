using SocialFirst.Core.Watch;

namespace SocialFirst.Core.Tests.Watch;

public class WatchStatisticsTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(5.0, 3.1780538303479458)]   // ln 4! = ln 24
    [InlineData(0.5, 0.5723649429247001)]   // ln √π
    [InlineData(101.0, 363.73937555556347)] // ln 100!
    public void LogGamma_KnownValues(double x, double expected) =>
        Assert.Equal(expected, WatchStatistics.LogGamma(x), 9);

    [Fact]
    public void CountUpperTail_PoissonWhenVarianceIsTheMean_MatchesClosedForm()
    {
        // P(X ≥ 5 | λ = 1) = 1 − e⁻¹(1 + 1 + 1/2 + 1/6 + 1/24) = 0.0036598468...
        Assert.Equal(0.0036598468273, WatchStatistics.CountUpperTail(5, 1.0, 1.0), 10);
    }

    [Fact]
    public void CountUpperTail_Overdispersed_MatchesDirectSumAndIsHeavierThanPoisson()
    {
        // NB with mean 2, variance 6: p = 1/3, r = 1. That is geometric: P(X = k) = p(1−p)^k, so P(X ≥ 8) = (2/3)^8.
        var nb = WatchStatistics.CountUpperTail(8, 2.0, 6.0);

        Assert.Equal(Math.Pow(2.0 / 3, 8), nb, 10);
        Assert.True(nb > WatchStatistics.CountUpperTail(8, 2.0, 2.0));
    }

    [Fact]
    public void CountUpperTail_FarTail_StaysPositiveAndTiny()
    {
        var p = WatchStatistics.CountUpperTail(100, 0.2, 0.2);

        Assert.True(p is > 0 and < 1e-200, p.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void CountUpperTail_AtOrBelowTheMean_IsOne() => Assert.Equal(1.0, WatchStatistics.CountUpperTail(3, 3.0, 3.0));

    [Theory]
    [InlineData(3, 5, 0.5, 0.5)]          // (10 + 5 + 1) / 32
    [InlineData(1, 10, 0.1, 0.6513215599)] // 1 − 0.9^10
    [InlineData(11, 10, 0.5, 0.0)]
    [InlineData(0, 10, 0.5, 1.0)]
    public void BinomialUpperTail_KnownValues(int k, int n, double p, double expected) =>
        Assert.Equal(expected, WatchStatistics.BinomialUpperTail(k, n, p), 9);

    [Theory]
    [InlineData(0.375, 25.0)] // h = 0.375 × 4 = 1.5 → halfway between 20 and 30
    [InlineData(0.9, 46.0)]  // h = 0.9 × 4 = 3.6 → 40 + 0.6 × 10
    [InlineData(0.0, 10.0)]
    [InlineData(1.0, 50.0)]
    public void Quantile_LinearBetweenClosestRanks(double q, double expected) =>
        Assert.Equal(expected, WatchStatistics.Quantile([10, 20, 30, 40, 50], q), 9);
}
