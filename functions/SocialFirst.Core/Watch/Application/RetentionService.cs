using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Watch.Application;

/// <summary>What one retention run did: counts only.</summary>
/// <param name="RawDeliveriesBefore">The archive cutoff used (the shortest <see cref="BrandDefinition.RawDeliveryDays"/>).</param>
/// <param name="RawDeliveriesDeleted">Archived deliveries deleted.</param>
/// <param name="Brands">Brands whose cases were looked at.</param>
/// <param name="CasesScanned">Cases looked at.</param>
/// <param name="CasesStripped">Cases whose texts or handles were removed by this run.</param>
/// <param name="MentionsStripped">Mention rows changed by this run.</param>
/// <param name="OutboxEntries">Escalation outbox entries whose text was removed by this run.</param>
/// <param name="More">True when a limit stopped the run; the next run continues.</param>
public sealed record RetentionReport(
    DateTimeOffset RawDeliveriesBefore,
    int RawDeliveriesDeleted,
    int Brands,
    int CasesScanned,
    int CasesStripped,
    int MentionsStripped,
    int OutboxEntries,
    bool More)
{
    /// <summary>Closed trend incidents whose linked mention ids were removed by this run.</summary>
    public int IncidentsStripped { get; init; }
}

/// <summary>
/// The retention timer's work (docs/retention.md): deletes archived raw deliveries older than the shortest
/// <see cref="BrandDefinition.RawDeliveryDays"/> (the archive is not split by brand), and for each brand removes the
/// customer texts and handles of cases unchanged for the brand's <see cref="BrandDefinition.TextDays"/>, with the text
/// of their escalation outbox entries; the cases, their counts, categories and urgency stay. Trend incidents closed
/// that long ago lose their linked mention ids (terms, counts, case ids and times stay). Bounded by
/// <see cref="RetentionOptions"/>; a run that stops at a limit, or is cut off, is continued by the next one.
/// </summary>
public sealed partial class RetentionService(
    IRawDeliveryRetention rawDeliveries,
    ICaseTextRetention texts,
    IEscalationOutbox outbox,
    IOptionsMonitor<BrandOptions> brands,
    IOptionsMonitor<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionService> logger,
    IIncidentStore? incidents = null)
{
    /// <summary>What scrubbed handles and names are replaced with.</summary>
    public const string Removed = "[removed]";

    /// <summary>The periods of a brand: its configuration, or the defaults for a brand that is not configured.</summary>
    public static (int RawDeliveryDays, int TextDays) Periods(BrandOptions brands, string brandId)
    {
        ArgumentNullException.ThrowIfNull(brands);
        var brand = brands.Items.TryGetValue(brandId, out var b) ? b : new BrandDefinition();
        return (brand.RawDeliveryDays, brand.TextDays);
    }

    /// <summary>The archive's period: the shortest of the configured brands (the default with none configured).</summary>
    public static int RawDeliveryDays(BrandOptions brands)
    {
        ArgumentNullException.ThrowIfNull(brands);
        return brands.Items.Count == 0 ? new BrandDefinition().RawDeliveryDays : brands.Items.Values.Min(b => b.RawDeliveryDays);
    }

    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var b = brands.CurrentValue;
        var now = time.GetUtcNow();

        var rawBefore = now - TimeSpan.FromDays(RawDeliveryDays(b));
        var raw = await rawDeliveries.DeleteReceivedBeforeAsync(rawBefore, o.MaxRawDeliveriesPerRun, cancellationToken);

        var brandIds = b.Items.Keys.Select(k => k.ToLowerInvariant()).Append(BrandOptions.DefaultBrandId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var budget = o.MaxCasesPerRun;
        int scanned = 0, stripped = 0, mentions = 0, outboxEntries = 0, incidentsStripped = 0;
        var more = raw.More;
        foreach (var brand in brandIds)
        {
            var before = now - TimeSpan.FromDays(Periods(b, brand).TextDays);
            CaseTextRetentionBatch batch;
            do
            {
                if (budget <= 0)
                {
                    more = true;
                    break;
                }

                batch = await texts.StripNextAsync(brand, before, budget, cancellationToken);
                // A step that says "more" always uses some of the budget, so the loop ends.
                budget -= batch.More ? Math.Max(1, batch.Scanned) : batch.Scanned;
                scanned += batch.Scanned;
                foreach (var c in batch.Cases)
                {
                    outboxEntries += await ScrubOutboxAsync(c, cancellationToken);
                    stripped += c.Changed ? 1 : 0;
                    mentions += c.Mentions;
                }

                // Only now: a run cut off before this point repeats the batch, and everything in it is idempotent.
                await texts.SaveProgressAsync(brand, batch.Progress, cancellationToken);
            }
            while (batch.More);

            if (incidents is not null)
            {
                var n = await incidents.StripMentionIdsAsync(brand, before, o.MaxCasesPerRun, cancellationToken);
                incidentsStripped += n;
                more |= n >= o.MaxCasesPerRun;
            }
        }

        var report = new RetentionReport(rawBefore, raw.Deleted, brandIds.Count, scanned, stripped, mentions, outboxEntries, more) { IncidentsStripped = incidentsStripped };
        Log.Run(logger, report.RawDeliveriesDeleted, report.CasesScanned, report.CasesStripped, report.MentionsStripped, report.OutboxEntries, incidentsStripped, report.More);
        return report;
    }

    private Task<int> ScrubOutboxAsync(StrippedCase c, CancellationToken cancellationToken)
    {
        var matcher = AuthorErasureService.Matcher(c.Identifiers);
        return OutboxScrubber.ScrubAsync(
            outbox,
            c.CaseId,
            entry => entry with
            {
                Text = null,
                Detail = Scrub(entry.Detail, matcher) ?? string.Empty,
                LastOutcome = Scrub(entry.LastOutcome, matcher),
            },
            cancellationToken);
    }

    private static string? Scrub(string? value, Regex matcher) => AuthorErasureService.Scrub(value, matcher, Removed);

    private static partial class Log
    {
        [LoggerMessage(9681, LogLevel.Information, "Retention: {RawDeliveries} raw deliveries deleted; {Scanned} old cases looked at, {Stripped} stripped ({Mentions} mentions, {OutboxEntries} outbox entries); {Incidents} closed incidents lost their mention ids; more to do: {More}")]
        public static partial void Run(ILogger logger, int rawDeliveries, int scanned, int stripped, int mentions, int outboxEntries, int incidents, bool more);
    }
}
