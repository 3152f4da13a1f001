using System.Globalization;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Tests.Watch.Trends;

/// <summary>
/// A seeded synthetic mention stream for one brand: a diurnal curve (quiet at 04:00, busiest at 16:00 UTC), quieter
/// weekends, a random level per day, Poisson counts per window, Zipf-distributed key phrases, a fifth negative, a few
/// categories. Incidents can be injected on top.
/// </summary>
internal sealed class SyntheticTrendStream
{
    public const string Brand = "acme";
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero); // a Monday

    private readonly Random _random;
    private readonly string[] _vocabulary;
    private readonly double[] _cumulative;
    private readonly List<Injection> _injections = [];
    private int _sequence;

    public SyntheticTrendStream(int seed, int days = 14, double peakPerWindow = 24, int vocabularySize = 300, int windowMinutes = 15)
    {
        _random = new Random(seed);
        Days = days;
        PeakPerWindow = peakPerWindow;
        WindowMinutes = windowMinutes;
        _vocabulary = Enumerable.Range(1, vocabularySize).Select(i => "topic " + i.ToString("000", CultureInfo.InvariantCulture)).ToArray();
        var weights = Enumerable.Range(1, vocabularySize).Select(i => 1.0 / Math.Pow(i, 1.1)).ToArray();
        var sum = weights.Sum();
        _cumulative = new double[vocabularySize];
        var acc = 0.0;
        for (var i = 0; i < vocabularySize; i++)
        {
            acc += weights[i] / sum;
            _cumulative[i] = acc;
        }
    }

    public int Days { get; }

    public double PeakPerWindow { get; }

    public int WindowMinutes { get; }

    public int WindowsPerDay => 1440 / WindowMinutes;

    public int TotalWindows => Days * WindowsPerDay;

    public static string Vocabulary(int rank) => "topic " + rank.ToString("000", CultureInfo.InvariantCulture);

    public DateTimeOffset WindowStart(int window) => Start.AddMinutes(window * WindowMinutes);

    /// <summary>Extra mentions carrying <paramref name="term"/> (plus background phrases), half of them negative.</summary>
    public SyntheticTrendStream WithSpike(string term, int fromWindow, int windows, int perWindow)
    {
        _injections.Add(new Injection(fromWindow, windows, perWindow, [term], NegativeShare: 0.5, Category: null));
        return this;
    }

    /// <summary>Extra mentions carrying all of <paramref name="terms"/> together, negative, safety category.</summary>
    public SyntheticTrendStream WithCluster(IReadOnlyList<string> terms, int fromWindow, int windows, int perWindow)
    {
        _injections.Add(new Injection(fromWindow, windows, perWindow, terms, NegativeShare: 0.9, Category: CareCategory.Safety));
        return this;
    }

    /// <summary>Extra negative mentions about the usual (random) phrases.</summary>
    public SyntheticTrendStream WithNegativeSurge(int fromWindow, int windows, int perWindow)
    {
        _injections.Add(new Injection(fromWindow, windows, perWindow, [], NegativeShare: 1.0, Category: CareCategory.ServiceFailure));
        return this;
    }

    /// <summary>The expected mentions per window at a time (before Poisson noise and the daily level).</summary>
    public double Rate(DateTimeOffset at)
    {
        var hour = at.UtcDateTime.TimeOfDay.TotalHours;
        var diurnal = 0.5 - (0.5 * Math.Cos(2 * Math.PI * (hour - 4) / 24));
        var weekend = at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.7 : 1.0;
        return PeakPerWindow * (0.08 + (0.92 * diurnal)) * weekend;
    }

    /// <summary>The mentions window by window.</summary>
    public IEnumerable<(int Window, DateTimeOffset End, List<TrendObservation> Mentions)> Windows()
    {
        var dayLevel = 1.0;
        for (var w = 0; w < TotalWindows; w++)
        {
            if (w % WindowsPerDay == 0)
            {
                // A random level per day (news, campaigns, weather): log-normal, σ = 0.1.
                dayLevel = Math.Exp(0.1 * Gaussian());
            }

            var start = WindowStart(w);
            var mentions = new List<TrendObservation>();
            var n = Poisson(Rate(start) * dayLevel);
            for (var i = 0; i < n; i++)
            {
                mentions.Add(Background(start));
            }

            foreach (var injection in _injections.Where(x => w >= x.From && w < x.From + x.Windows))
            {
                for (var i = 0; i < injection.PerWindow; i++)
                {
                    mentions.Add(Injected(start, injection));
                }
            }

            yield return (w, start.AddMinutes(WindowMinutes), mentions);
        }
    }

    private TrendObservation Background(DateTimeOffset windowStart)
    {
        var terms = new List<string>();
        var k = 1 + _random.Next(3);
        for (var i = 0; i < k; i++)
        {
            var t = Zipf();
            if (!terms.Contains(t))
            {
                terms.Add(t);
            }
        }

        var categories = new List<string>();
        var c = _random.NextDouble();
        if (c < 0.10)
        {
            categories.Add(CareCategory.Billing);
        }
        else if (c < 0.15)
        {
            categories.Add(CareCategory.ServiceFailure);
        }
        else if (c < 0.17)
        {
            categories.Add(CareCategory.Safety);
        }

        var sentiment = _random.NextDouble() switch
        {
            < 0.2 => Sentiment.Negative,
            < 0.5 => Sentiment.Positive,
            _ => Sentiment.Neutral,
        };
        return Make(windowStart, terms, categories, sentiment);
    }

    private TrendObservation Injected(DateTimeOffset windowStart, Injection injection)
    {
        var terms = new List<string>(injection.Terms) { Zipf() };
        var categories = injection.Category is null ? new List<string>() : [injection.Category];
        var sentiment = _random.NextDouble() < injection.NegativeShare ? Sentiment.Negative : Sentiment.Neutral;
        return Make(windowStart, terms.Distinct().ToList(), categories, sentiment);
    }

    private TrendObservation Make(DateTimeOffset windowStart, List<string> terms, List<string> categories, Sentiment sentiment)
    {
        var at = windowStart.AddSeconds(_random.Next(WindowMinutes * 60));
        var id = "m" + (++_sequence).ToString(CultureInfo.InvariantCulture);
        return new TrendObservation(Brand, at, id, terms, categories, sentiment, "case-" + id);
    }

    private string Zipf()
    {
        var u = _random.NextDouble();
        var i = Array.BinarySearch(_cumulative, u);
        i = i < 0 ? ~i : i;
        return _vocabulary[Math.Min(i, _vocabulary.Length - 1)];
    }

    private int Poisson(double lambda)
    {
        var l = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= _random.NextDouble();
        }
        while (p > l);
        return k - 1;
    }

    private double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private sealed record Injection(int From, int Windows, int PerWindow, IReadOnlyList<string> Terms, double NegativeShare, string? Category);
}

/// <summary>Feeds a stream to a detector window by window, evaluating at each window's end, as a timer would.</summary>
internal static class TrendReplay
{
    public static (List<TrendAlert> Alerts, BrandTrendState State) Run(SyntheticTrendStream stream, TrendPolicy? policy = null, BrandTrendState? state = null)
    {
        var detector = new TrendDetector(policy ?? TrendPolicy.Default);
        state ??= new BrandTrendState { BrandId = SyntheticTrendStream.Brand };
        var alerts = new List<TrendAlert>();
        foreach (var (_, end, mentions) in stream.Windows())
        {
            foreach (var m in mentions)
            {
                detector.Observe(state, m);
            }

            alerts.AddRange(detector.Evaluate(state, end).Alerts);
        }

        return (alerts, state);
    }

    /// <summary>The window number (from the stream start) an alert was raised for.</summary>
    public static int WindowOf(SyntheticTrendStream stream, TrendAlert alert) =>
        (int)((alert.WindowStart - SyntheticTrendStream.Start).TotalMinutes / stream.WindowMinutes);
}
