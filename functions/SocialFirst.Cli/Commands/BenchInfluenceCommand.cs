using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Escalation;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst bench-influence [--cases 2000] [--days 60] [--repeat 3] [--parallelism 16]</c>: the key-opinion-leader
/// ranking against real storage (<c>Storage__ConnectionString</c>, normally Azurite). Seeds a fresh brand (fresh table
/// prefix) with N cases over the last D days and their mentions from an author pool of N/3 through the Table case store
/// (<see cref="CareBenchSeeder.SeedWithMentionsAsync"/>), then times <see cref="InfluenceService"/> (Table mention-facts
/// reader, default settings but <c>Parallelism</c>) for each list — critic, advocate, rising — as the median of
/// <c>--repeat</c> rankings after one warm-up, all as of one fixed moment. Nothing is deleted (use an in-memory Azurite).
/// </summary>
public sealed class BenchInfluenceCommand : Command
{
    private readonly TextWriter _output;
    private readonly Option<int> _cases = new("--cases") { Description = "Cases to seed", DefaultValueFactory = _ => 2000 };
    private readonly Option<int> _days = new("--days") { Description = "Days the cases are spread over (ending now)", DefaultValueFactory = _ => 60 };
    private readonly Option<int> _repeat = new("--repeat") { Description = "Timed rankings per list (the median is shown)", DefaultValueFactory = _ => 3 };
    private readonly Option<int> _parallelism = new("--parallelism") { Description = "Watch:Influence:Parallelism, cases read at the same time", DefaultValueFactory = _ => new InfluenceOptions().Parallelism };

    public BenchInfluenceCommand(TextWriter output)
        : base("bench-influence", "Measure the influencer ranking (critic, advocate, rising) against storage (Azurite).")
    {
        _output = output;
        Options.Add(_cases);
        Options.Add(_days);
        Options.Add(_repeat);
        Options.Add(_parallelism);
        SetAction(async (parse, ct) =>
        {
            int cases = parse.GetValue(_cases), days = parse.GetValue(_days), repeat = parse.GetValue(_repeat), parallelism = parse.GetValue(_parallelism);
            if (cases is < 1 or > 1_000_000 || days is < 1 or > 90 || repeat is < 1 or > 50 || parallelism is < 1 or > 64)
            {
                await _output.WriteLineAsync("--cases must be 1..1000000, --days 1..90 (the look-back window), --repeat 1..50 and --parallelism 1..64");
                return 2;
            }

            using var host = BenchMetricsCommand.BuildHost("bench" + Guid.NewGuid().ToString("N")[..8]);
            return await RunAsync(host.Services, cases, days, repeat, parallelism, ct);
        });
    }

    public async Task<int> RunAsync(IServiceProvider services, int cases, int days, int repeat, int parallelism, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var clients = services.GetRequiredService<StorageClients>();
        var store = services.GetRequiredService<TableCaseStore>();
        var outbox = new TableEscalationOutbox(clients);
        await store.EnsureTablesAsync(ct);
        await clients.Table(TableEscalationOutbox.TableBaseName).CreateIfNotExistsAsync(ct);

        var now = new BenchMetricsCommand.FixedTime(TimeProvider.System.GetUtcNow());
        var brand = "b" + Guid.NewGuid().ToString("N")[..8];
        var options = Microsoft.Extensions.Options.Options.Create(new InfluenceOptions { MaxCases = 1_000_000, Parallelism = parallelism });
        var influence = new InfluenceService(store, new TableCaseMentionFactsReader(clients), options, now, NullLogger<InfluenceService>.Instance);

        var clock = Stopwatch.StartNew();
        var seeded = await CareBenchSeeder.SeedWithMentionsAsync(store, outbox, brand, cases, days, now.GetUtcNow(), seed: 7, parallelism: 16, ct);
        await _output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"seeded {cases} cases of brand {brand} over {days} days with {seeded.Mentions} mentions by {seeded.Authors} authors in {clock.Elapsed.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores; load average {BenchMetricsCommand.LoadAverage()}"));

        await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| list | cases read | authors ranked | mentions counted | listed | ms (median of {repeat}, parallelism {parallelism}) |"));
        await _output.WriteLineAsync("|---|---:|---:|---:|---:|---:|");
        foreach (var list in new[] { InfluenceList.Critic, InfluenceList.Advocate, InfluenceList.Rising })
        {
            var report = await influence.RankAsync(brand, list, InfluenceService.MaxTop, null, ct); // warm-up
            var times = new List<double>();
            for (var i = 0; i < repeat; i++)
            {
                var start = Stopwatch.GetTimestamp();
                report = await influence.RankAsync(brand, list, InfluenceService.MaxTop, null, ct);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            await _output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"| {list.ToString().ToLowerInvariant()} | {report.CasesRead:N0} | {report.AuthorsRanked:N0} | {report.MentionsCounted:N0} | {report.Authors.Count} | **{times.Order().ElementAt(times.Count / 2):N0}** |"));
        }

        // Where the time goes: the by-age index listing alone (the query InfluenceService starts with), without the mention reads.
        var listing = new List<double>();
        var listed = 0;
        for (var i = 0; i <= repeat; i++)
        {
            var start = Stopwatch.GetTimestamp();
            listed = await CountIndexAsync(store, brand, now.GetUtcNow().AddDays(-new InfluenceOptions().LookbackDays - new InfluenceOptions().CaseSpanDays), ct);
            if (i > 0)
            {
                listing.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| (index listing alone, pages of {CaseQuery.MaxPageSize}) | {listed:N0} | | | | {listing.Order().ElementAt(listing.Count / 2):N0} |"));
        await _output.WriteLineAsync("load average " + BenchMetricsCommand.LoadAverage());
        return 0;
    }

    private static async Task<int> CountIndexAsync(TableCaseStore store, string brand, DateTimeOffset since, CancellationToken ct)
    {
        var query = new CaseQuery { BrandId = brand, Since = since, Order = CaseOrder.Oldest, PageSize = CaseQuery.MaxPageSize };
        var count = 0;
        string? token = null;
        do
        {
            var page = await store.ListCasesAsync(query, token, ct);
            count += page.Items.Count;
            token = page.ContinuationToken;
        }
        while (token is not null);
        return count;
    }
}
