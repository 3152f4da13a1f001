using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Escalation;
using SocialFirst.Azure.Storage;
using SocialFirst.Azure.Watch;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Metrics;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst bench-metrics [--cases 2000] [--days 60] [--repeat 3]</c>: the care scorecard against real storage
/// (<c>Storage__ConnectionString</c>, normally Azurite), live versus with the daily roll-up. Seeds a fresh brand (fresh
/// table prefix) with N cases over the last D days through the Table case store (<see cref="CareBenchSeeder"/>), then
/// times <see cref="CareMetricsService"/> reading every case live, one roll-up run (<see cref="CareRollUpService"/>), and
/// the scorecard again with the roll-up, for the whole period and for its settled days only, and checks that both
/// paths give the same scorecard. Nothing is deleted (use an in-memory Azurite).
/// </summary>
public sealed class BenchMetricsCommand : Command
{
    private readonly TextWriter _output;
    private readonly Option<int> _cases = new("--cases") { Description = "Cases to seed", DefaultValueFactory = _ => 2000 };
    private readonly Option<int> _days = new("--days") { Description = "Days the cases are spread over (ending now)", DefaultValueFactory = _ => 60 };
    private readonly Option<int> _repeat = new("--repeat") { Description = "Timed scorecards per path (the median is shown)", DefaultValueFactory = _ => 3 };

    public BenchMetricsCommand(TextWriter output)
        : base("bench-metrics", "Measure the care scorecard against storage (Azurite): live versus with the daily roll-up.")
    {
        _output = output;
        Options.Add(_cases);
        Options.Add(_days);
        Options.Add(_repeat);
        SetAction(async (parse, ct) =>
        {
            int cases = parse.GetValue(_cases), days = parse.GetValue(_days), repeat = parse.GetValue(_repeat);
            if (cases is < 1 or > 1_000_000 || days is < 16 or > 3650 || repeat is < 1 or > 50)
            {
                await _output.WriteLineAsync("--cases must be 1..1000000, --days 16..3650 (some days must be settled) and --repeat 1..50");
                return 2;
            }

            using var host = BuildHost("bench" + Guid.NewGuid().ToString("N")[..8]);
            return await RunAsync(host.Services, cases, days, repeat, ct);
        });
    }

    public async Task<int> RunAsync(IServiceProvider services, int cases, int days, int repeat, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var clients = services.GetRequiredService<StorageClients>();
        var store = services.GetRequiredService<TableCaseStore>();
        var outbox = new TableEscalationOutbox(clients);
        var dayStore = new TableCareDayStore(clients);
        await store.EnsureTablesAsync(ct);
        await clients.Table(TableEscalationOutbox.TableBaseName).CreateIfNotExistsAsync(ct);
        await dayStore.EnsureTableAsync(ct);

        var now = new FixedTime(TimeProvider.System.GetUtcNow());
        var brand = "b" + Guid.NewGuid().ToString("N")[..8];
        var options = Microsoft.Extensions.Options.Options.Create(new WatchOptions { Metrics = new CareMetricsOptions { MaxCases = 1_000_000 } });
        var policies = new ConfiguredSlaPolicyProvider(new FixedMonitor<WatchOptions>(options.Value));
        var live = new CareMetricsService(store, outbox, policies, options, now, NullLogger<CareMetricsService>.Instance);
        var rolled = new CareMetricsService(store, outbox, policies, options, now, NullLogger<CareMetricsService>.Instance, dayStore);
        var brands = new BrandOptions();
        brands.Items[brand] = new BrandDefinition();
        var rollUp = new CareRollUpService(store, outbox, dayStore, new FixedMonitor<BrandOptions>(brands), options, now, NullLogger<CareRollUpService>.Instance);

        var clock = Stopwatch.StartNew();
        await CareBenchSeeder.SeedAsync(store, outbox, brand, cases, days, now.GetUtcNow(), seed: 7, parallelism: 16, ct);
        await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"seeded {cases} cases of brand {brand} over {days} days in {clock.Elapsed.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores; load average {LoadAverage()}"));

        var from = CareDays.Start(CareDays.Of(now.GetUtcNow()).AddDays(-days));
        var to = now.GetUtcNow().AddMinutes(1);
        var settledTo = CareDays.Start(CareDays.LastSettled(now.GetUtcNow(), options.Value.Metrics.EffectiveSettleDays).AddDays(1));
        var periods = new[] { ("whole period", from, to), ("settled days only", from, settledTo) };

        var liveCards = new List<(string Json, double Ms, int Cases)>();
        foreach (var (_, f, t) in periods)
        {
            liveCards.Add(await TimeAsync(live, brand, f, t, repeat, ct));
        }

        clock.Restart();
        var report = await rollUp.RunAsync(ct);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"roll-up run: {report.Days} days, {report.Cases} cases in {buildSeconds:0.0} s (once; then daily for one new day); more: {report.More}"));

        await _output.WriteLineAsync("| period | cases | live ms | with roll-up ms | speed-up | same scorecard |");
        await _output.WriteLineAsync("|---|---:|---:|---:|---:|---|");
        var identical = true;
        for (var i = 0; i < periods.Length; i++)
        {
            var (name, f, t) = periods[i];
            var withRollUp = await TimeAsync(rolled, brand, f, t, repeat, ct);
            var same = withRollUp.Json == liveCards[i].Json;
            identical &= same;
            await _output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} ({f:yyyy-MM-dd} – {t:yyyy-MM-dd}) | {liveCards[i].Cases} | {liveCards[i].Ms:0} | **{withRollUp.Ms:0}** | {liveCards[i].Ms / withRollUp.Ms:0.0}× | {(same ? "yes" : "NO")} |"));
        }

        return identical ? 0 : 1;
    }

    /// <summary>Median wall time of <paramref name="repeat"/> scorecards after one warm-up; the scorecard as JSON.</summary>
    private static async Task<(string Json, double Ms, int Cases)> TimeAsync(CareMetricsService metrics, string brand, DateTimeOffset from, DateTimeOffset to, int repeat, CancellationToken ct)
    {
        var card = await metrics.ComputeAsync(brand, from, to, ct);
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var start = Stopwatch.GetTimestamp();
            card = await metrics.ComputeAsync(brand, from, to, ct);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return (JsonSerializer.Serialize(card), times.Order().ElementAt(times.Count / 2), card.Overall.Cases);
    }

    /// <summary>Storage and the Table case store, configured from the environment (<c>Storage__ConnectionString</c>).</summary>
    internal static IHost BuildHost(string prefix)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Storage:TablePrefix"] = prefix;
        builder.Services.AddSocialFirstStorage().AddTableCaseStore();
        return builder.Build();
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>One moment for the whole run, so both paths judge the cases as of the same instant.</summary>
    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class FixedMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
