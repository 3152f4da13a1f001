using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Tests.Watch.Trends;

/// <summary>
/// Recall and false alarms of the trend detector on seeded synthetic scenarios (the figures in docs/benchmarks.md,
/// "Trend detection"). Each scenario is 14 days of one brand; half carry one injected incident (a term spike, a
/// co-occurring cluster or a negative surge, in rotation) starting at a random window on days 3–13.
/// </summary>
internal static class TrendDetectionEvaluation
{
    public sealed record Result(
        int CleanScenarios,
        int IncidentScenarios,
        int Detected,
        int DetectedSpikes,
        int DetectedClusters,
        int DetectedSurges,
        int FalseAlarmsClean,
        int FalseAlarmsInIncidentScenarios,
        double CleanDays,
        double Seconds)
    {
        public double Recall => (double)Detected / IncidentScenarios;

        public double FalseAlarmsPerDay => FalseAlarmsClean / CleanDays;
    }

    public static Result Run(int scenarios, TrendPolicy? policy = null, int seedBase = 0)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cleanFalse = 0;
        var incidentFalse = 0;
        var detected = new int[3];
        var cleanDays = 0.0;
        for (var i = 0; i < scenarios; i++)
        {
            var clean = new SyntheticTrendStream(seed: seedBase + 10_000 + i);
            cleanFalse += TrendReplay.Run(clean, policy).Alerts.Count;
            cleanDays += clean.Days;

            var (stream, kind, from, terms) = Inject(seedBase + 20_000 + i, i % 3);
            var alerts = TrendReplay.Run(stream, policy).Alerts;
            var hit = alerts.Any(a => IsHit(stream, a, kind, from, terms));
            if (hit)
            {
                detected[kind]++;
            }

            // Anything else, outside the incident's windows (and the hour after), is a false alarm.
            incidentFalse += alerts.Count(a => TrendReplay.WindowOf(stream, a) is var w && (w < from || w > from + 8));
        }

        return new Result(scenarios, scenarios, detected.Sum(), detected[0], detected[1], detected[2], cleanFalse, incidentFalse, cleanDays, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Kind 0: spike of a phrase; 1: "cut" + "blood" + "salad dressing" together; 2: negative surge.</summary>
    public static (SyntheticTrendStream Stream, int Kind, int From, string[] Terms) Inject(int seed, int kind)
    {
        var random = new Random(seed);
        var stream = new SyntheticTrendStream(seed);
        var from = (3 * stream.WindowsPerDay) + random.Next(10 * stream.WindowsPerDay);
        switch (kind)
        {
            case 0:
                // A mid-frequency phrase or one never seen, 6–10 extra mentions a window for 45 minutes.
                var term = random.Next(2) == 0 ? SyntheticTrendStream.Vocabulary(5 + random.Next(45)) : "recall notice";
                stream.WithSpike(term, from, windows: 3, perWindow: 6 + random.Next(5));
                return (stream, kind, from, [term]);
            case 1:
                string[] cluster = ["cut", "blood", "salad dressing"];
                stream.WithCluster(cluster, from, windows: 3, perWindow: 4 + random.Next(3));
                return (stream, kind, from, cluster);
            default:
                stream.WithNegativeSurge(from, windows: 3, perWindow: 8 + random.Next(5));
                return (stream, kind, from, [TrendTerms.NegativeSentiment]);
        }
    }

    /// <summary>An alert in the incident's first or second window that names what was injected.</summary>
    public static bool IsHit(SyntheticTrendStream stream, TrendAlert alert, int kind, int from, string[] terms)
    {
        var w = TrendReplay.WindowOf(stream, alert);
        if (w < from || w > from + 1)
        {
            return false;
        }

        return kind switch
        {
            0 => alert.Terms.Contains(terms[0]),
            1 => terms.All(alert.Terms.Contains) && alert.Cluster is not null,
            _ => alert.Has(TrendSignalKind.NegativeSurge),
        };
    }
}
