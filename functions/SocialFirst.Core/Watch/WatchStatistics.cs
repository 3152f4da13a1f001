namespace SocialFirst.Core.Watch;

/// <summary>
/// The few distributions the watch features need, computed in log space so that tail probabilities far below 1e-15
/// stay exact enough to rank. Pure functions.
/// </summary>
internal static class WatchStatistics
{
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos approximation, g = 7; about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        if (x <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma is defined here for x > 0 only.");
        }

        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var a = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < Lanczos.Length; i++)
        {
            a += Lanczos[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    /// <summary>
    /// P(X ≥ <paramref name="count"/>) for a count with the given mean and variance: Poisson when the variance does not
    /// exceed the mean, otherwise negative binomial with that mean and variance (method of moments). Returns 1 when the
    /// count is not above the mean.
    /// </summary>
    public static double CountUpperTail(int count, double mean, double variance)
    {
        if (mean <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be positive.");
        }

        if (count <= mean)
        {
            return 1.0;
        }

        double logTerm;
        Func<int, double> ratio;
        if (variance <= mean * (1 + 1e-9))
        {
            logTerm = -mean + (count * Math.Log(mean)) - LogGamma(count + 1.0);
            ratio = k => mean / (k + 1.0);
        }
        else
        {
            // NB(r, p): mean = r(1−p)/p, variance = mean/p  ⇒  p = mean/variance, r = mean² / (variance − mean).
            var p = mean / variance;
            var r = mean * mean / (variance - mean);
            logTerm = LogGamma(count + r) - LogGamma(r) - LogGamma(count + 1.0) + (r * Math.Log(p)) + (count * Math.Log(1 - p));
            ratio = k => (k + r) / (k + 1.0) * (1 - p);
        }

        return SumTail(count, logTerm, ratio);
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, p).</summary>
    public static double BinomialUpperTail(int k, int n, double p)
    {
        if (k <= 0)
        {
            return 1.0;
        }

        if (k > n)
        {
            return 0.0;
        }

        if (p <= 0)
        {
            return 0.0;
        }

        if (p >= 1)
        {
            return 1.0;
        }

        var logTerm = LogGamma(n + 1.0) - LogGamma(k + 1.0) - LogGamma(n - k + 1.0) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));
        var sum = 0.0;
        var term = Math.Exp(logTerm);
        for (var i = k; i <= n; i++)
        {
            sum += term;
            term *= (double)(n - i) / (i + 1) * (p / (1 - p));
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return Math.Min(1.0, sum);
    }

    /// <summary>The q-quantile (0..1) of sorted values by linear interpolation between closest ranks (Excel PERCENTILE.INC, R type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        var h = (sorted.Count - 1) * Math.Clamp(q, 0, 1);
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static double SumTail(int start, double logFirst, Func<int, double> ratio)
    {
        // Sum in a scaled space so that a first term below double's range still gives a usable (tiny) answer.
        var sum = 0.0;
        var term = 1.0;
        for (var k = start; k < start + 100_000; k++)
        {
            sum += term;
            term *= ratio(k);
            if (term < sum * 1e-15)
            {
                break;
            }
        }

        return Math.Min(1.0, Math.Exp(logFirst + Math.Log(sum)));
    }
}
