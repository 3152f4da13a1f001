using System.Diagnostics;
using System.Globalization;
using System.Text;
using SocialFirst.Classification;
using SocialFirst.Core.Classification;

namespace SocialFirst.Cli.Evaluation;

/// <summary>A quick, seconds-long measurement of startup, single-thread throughput and memory (BenchmarkDotNet has the careful numbers).</summary>
public static class SpeedProbe
{
    /// <summary>Mentions are measured at about this length (the brief's "typical 200-char mention").</summary>
    public const int TypicalLength = 200;

    /// <summary>Joins consecutive texts (same language, since the set is grouped by language) until each is at least <paramref name="length"/> characters.</summary>
    public static IReadOnlyList<string> Typical(IReadOnlyList<string> texts, int length)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new List<string>();
        var current = new StringBuilder();
        foreach (var t in texts)
        {
            current.Append(current.Length > 0 ? " " : string.Empty).Append(t);
            if (current.Length >= length)
            {
                result.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            result.Add(current.ToString());
        }

        return result;
    }

    public static string Measure(IReadOnlyList<string> texts, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var started = Stopwatch.GetTimestamp();
        var classifier = new EmbeddedClassifier();
        classifier.Classify(new ClassificationRequest("warm-up", texts.Count > 0 ? texts[0] : "hello"));
        var startup = Stopwatch.GetElapsedTime(started);
        var loaded = GC.GetTotalMemory(forceFullCollection: true);

        var requests = Typical(texts, TypicalLength).Select((t, i) => new ClassificationRequest(i.ToString(CultureInfo.InvariantCulture), t)).ToArray();
        // Warm up for a second so the JIT's optimised tier is in place: we report steady-state throughput.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            foreach (var r in requests)
            {
                classifier.Classify(r);
            }
        }

        var count = 0L;
        var chars = 0L;
        var run = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        while (run.Elapsed < duration)
        {
            foreach (var r in requests)
            {
                classifier.Classify(r);
                chars += r.Text.Length;
            }

            count += requests.Length;
        }

        run.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var process = Process.GetCurrentProcess();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"startup (load data + first classification): {startup.TotalMilliseconds:0} ms");
        sb.AppendLine(CultureInfo.InvariantCulture, $"throughput (one thread): {count / run.Elapsed.TotalSeconds:0} mentions/s over {count} mentions, mean {(double)chars / Math.Max(1, count):0} chars, CPU {cpu.TotalSeconds:0.0} s in {run.Elapsed.TotalSeconds:0.0} s");
        sb.AppendLine(CultureInfo.InvariantCulture, $"managed heap after load: {(loaded - before) / 1048576.0:0.0} MB (model data); process working set {process.WorkingSet64 / 1048576.0:0} MB, peak {process.PeakWorkingSet64 / 1048576.0:0} MB");
        return sb.ToString();
    }
}
