using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Storage;
using SocialFirst.Classification;
using SocialFirst.Core;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Triage;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst bench-triage [--mentions 400] [--concurrency 1,4,16,32] [--one-author]</c>: triage throughput against
/// real storage (<c>Storage__ConnectionString</c>, normally Azurite). Runs <see cref="TriageService"/> as the app composes
/// it (embedded classifier, Table Storage case store, default policy) with a recording escalation sink, at each degree
/// of concurrency (like the queue trigger's <c>batchSize</c>), and prints mentions/s and per-mention latency. With
/// <c>--one-author</c> every mention comes from one author, so all of them go into one case and contend for its ETag
/// (the worst case). Tables get a fresh prefix per run; nothing is deleted (use an in-memory Azurite).
/// </summary>
public sealed class BenchTriageCommand : Command
{
    private static readonly string[] Texts =
    [
        "The cap of my salad dressing bottle broke and cut my thumb, there is glass in it",
        "Ordered two weeks ago and the parcel still has not arrived, tracking says nothing",
        "You charged me twice for the same order, please refund the second payment",
        "Thanks for the quick help yesterday, the replacement works perfectly!",
        "Is the blue kettle available in the store on Main Street?",
        "I want to cancel my subscription, the app keeps crashing every morning",
        "Mein Paket ist seit einer Woche verschwunden und niemand antwortet",
        "El pedido llegó roto y nadie responde a mis correos",
        "包裹说好昨天到，到现在还没收到，客服也不回复",
        "Someone logged into my account and changed the password, help",
    ];

    private readonly TextWriter _output;
    private readonly Option<int> _mentions = new("--mentions") { Description = "Mentions per concurrency level", DefaultValueFactory = _ => 400 };
    private readonly Option<string> _concurrency = new("--concurrency") { Description = "Comma-separated degrees of concurrency", DefaultValueFactory = _ => "1,4,16,32" };
    private readonly Option<bool> _oneAuthor = new("--one-author") { Description = "All mentions from one author (one case, ETag contention)" };

    public BenchTriageCommand(TextWriter output)
        : base("bench-triage", "Measure triage throughput (mentions/s) against storage (Azurite) at several degrees of concurrency.")
    {
        _output = output;
        Options.Add(_mentions);
        Options.Add(_concurrency);
        Options.Add(_oneAuthor);
        SetAction(async (parse, ct) =>
        {
            if (!TryParseLevels(parse.GetValue(_concurrency), out var levels) || parse.GetValue(_mentions) is < 1 or > 100_000)
            {
                await _output.WriteLineAsync("--concurrency must be comma-separated numbers 1..256 and --mentions 1..100000");
                return 2;
            }

            var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
            using var host = BuildHost(prefix);
            return await RunAsync(host.Services, parse.GetValue(_mentions), levels, parse.GetValue(_oneAuthor), ct);
        });
    }

    public async Task<int> RunAsync(IServiceProvider services, int mentions, IReadOnlyList<int> levels, bool oneAuthor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(levels);
        await services.GetRequiredService<TableCaseStore>().EnsureTablesAsync(ct);
        var triage = services.GetRequiredService<TriageService>();
        var time = services.GetRequiredService<TimeProvider>();
        var run = Guid.NewGuid().ToString("N")[..6];

        // Warm-up: JIT, connection pool, classifier model.
        await MeasureAsync(triage, Build(run + "w", 40, oneAuthor: false, time), 4, ct);

        await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"load average before: {LoadAverage()}; {Environment.ProcessorCount} cores; {(oneAuthor ? "one author (one case)" : "distinct authors")}"));
        await _output.WriteLineAsync("| concurrency | mentions | ok | failed | seconds | mentions/s | p50 ms | p90 ms | p99 ms |");
        await _output.WriteLineAsync("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var failures = 0;
        foreach (var level in levels)
        {
            var batch = Build(string.Create(CultureInfo.InvariantCulture, $"{run}c{level}"), mentions, oneAuthor, time);
            var r = await MeasureAsync(triage, batch, level, ct);
            failures += r.Failed;
            await _output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"| {level} | {mentions} | {r.Ok} | {r.Failed} | {r.Seconds:0.00} | **{r.Ok / r.Seconds:0}** | {Percentile(r.Latencies, 0.5):0.0} | {Percentile(r.Latencies, 0.9):0.0} | {Percentile(r.Latencies, 0.99):0.0} |"));
        }

        var sink = services.GetRequiredService<IEscalationSink>() as RecordingSink;
        await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"load average after: {LoadAverage()}; escalations recorded: {sink?.Count ?? 0}; failures (concurrency exceptions would be retried by the queue): {failures}"));
        return 0;
    }

    private static async Task<Result> MeasureAsync(TriageService triage, IReadOnlyList<Mention> mentions, int concurrency, CancellationToken ct)
    {
        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(mentions, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (m, token) =>
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                await triage.TriageAsync(m, token);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is CaseConcurrencyException or global::Azure.RequestFailedException)
            {
                // Too many concurrent writers to one case, pointer or author profile: the queue would retry the message.
                Interlocked.Increment(ref failed);
            }
        });
        return new Result(latencies.Count, failed, clock.Elapsed.TotalSeconds, latencies.Order().ToArray());
    }

    private static List<Mention> Build(string run, int count, bool oneAuthor, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return Enumerable.Range(0, count).Select(i =>
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var author = oneAuthor ? "bench-" + run : $"bench-{run}-{n}";
            return new Mention
            {
                Platform = Platform.X,
                BrandAccountId = "2244994945",
                Kind = MentionKind.Mention,
                EventId = $"{run}-{n}",
                ObjectId = $"{run}-o{n}",
                Author = new MentionAuthor(author, "user" + n, null, 50 + (i * 37 % 20_000)),
                Text = Texts[i % Texts.Length] + " #" + n,
                CreatedAt = now.AddMilliseconds(-count + i),
            };
        }).ToList();
    }

    /// <summary>The app's triage composition with the embedded classifier and a recording sink; <paramref name="settings"/> override configuration.</summary>
    internal static IHost BuildHost(string prefix, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Storage:TablePrefix"] = prefix;
        builder.Configuration["Brands:bench:Accounts:0"] = "x:2244994945";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddSingleton<IMentionClassifier>(new EmbeddedClassifier());
        builder.Services.AddSingleton<IEscalationSink, RecordingSink>();
        builder.Services.AddSocialFirstStorage().AddTableCaseStore().AddSocialFirstTriage();
        return builder.Build();
    }

    private static bool TryParseLevels(string? text, out IReadOnlyList<int> levels)
    {
        var parsed = new List<int>();
        levels = parsed;
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level is < 1 or > 256)
            {
                return false;
            }

            parsed.Add(level);
        }

        return parsed.Count > 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed record Result(int Ok, int Failed, double Seconds, double[] Latencies);

    /// <summary>Counts escalations instead of sending them.</summary>
    private sealed class RecordingSink : IEscalationSink
    {
        private int _count;

        public int Count => _count;

        public Task SendAsync(EscalationMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
