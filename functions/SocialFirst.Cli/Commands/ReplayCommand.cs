using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialFirst.Azure.Storage;
using SocialFirst.Core;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst replay --from T --to T [--platform meta]</c>: re-ingests archived, accepted raw deliveries received in
/// [from, to) through the same parsing as the webhooks. Mentions that were queued before are skipped, so a replay
/// never creates duplicates; use it after a parser fix or an outage. Storage settings come from the environment
/// (<c>Storage__ConnectionString</c>, or the service URIs and managed identity), as for the app.
/// </summary>
public sealed class ReplayCommand : Command
{
    private readonly TextWriter _output;
    private readonly Option<DateTimeOffset> _from = new("--from") { Description = "Start of the range (ISO 8601, inclusive)", Required = true };
    private readonly Option<DateTimeOffset> _to = new("--to") { Description = "End of the range (ISO 8601, exclusive)", Required = true };
    private readonly Option<string?> _platform = new("--platform") { Description = "Only this platform (meta, x, wechat, weibo, generic)" };

    public ReplayCommand(TextWriter output)
        : base("replay", "Re-ingest archived raw deliveries by time range, without creating duplicates.")
    {
        _output = output;
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_platform);
        SetAction(async (parse, ct) =>
        {
            using var host = BuildHost();
            return await RunAsync(host.Services, parse.GetValue(_from), parse.GetValue(_to), parse.GetValue(_platform), ct);
        });
    }

    /// <summary>The replay itself, against whatever services the caller composed (the tests pass the app's own).</summary>
    public async Task<int> RunAsync(IServiceProvider services, DateTimeOffset from, DateTimeOffset to, string? platform, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (to <= from)
        {
            await _output.WriteLineAsync("--to must be after --from");
            return 2;
        }

        var archive = services.GetRequiredService<IRawDeliveryArchive>();
        var ingestion = services.GetRequiredService<IngestionService>();
        int deliveries = 0, mentions = 0, queued = 0, failed = 0;
        await foreach (var delivery in archive.ListAsync(platform, from, to, ct))
        {
            var outcome = await ingestion.ReplayAsync(delivery, ct);
            deliveries++;
            mentions += outcome.Mentions;
            queued += outcome.Queued;
            if (outcome.Error is not null)
            {
                failed++;
            }

            await _output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{delivery.ReceivedAt:O}  {delivery.Platform,-8} {delivery.Id}  mentions {outcome.Mentions}, queued again {outcome.Queued}{(outcome.Error is null ? string.Empty : "  ERROR " + outcome.Error)}"));
        }

        await _output.WriteLineAsync($"{deliveries} deliveries replayed: {mentions} mentions, {queued} queued again, {mentions - queued} already queued, {failed} unreadable");
        return failed == 0 ? 0 : 1;
    }

    private static IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSocialFirstCore().AddSocialFirstPlatforms().AddSocialFirstStorage();
        return builder.Build();
    }
}
