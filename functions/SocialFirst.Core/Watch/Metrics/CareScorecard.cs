using System.Globalization;
using System.Text;

namespace SocialFirst.Core.Watch.Metrics;

/// <summary>
/// Care metrics of one group of cases (all, one platform, one urgency band). Times are wall-clock minutes from the
/// customer's first mention; shares are 0..1 and null when nothing was there to count.
/// </summary>
public sealed record CareMetricsRow
{
    /// <summary>"all", "platform" or "urgency".</summary>
    public required string Dimension { get; init; }

    /// <summary>"all", the platform or the band (lower case).</summary>
    public required string Key { get; init; }

    public int Cases { get; init; }

    public int Responded { get; init; }

    public int Resolved { get; init; }

    public double? FirstResponseMedianMinutes { get; init; }

    public double? FirstResponseP90Minutes { get; init; }

    public double? ResolutionMedianMinutes { get; init; }

    public double? ResolutionP90Minutes { get; init; }

    public int Complaints { get; init; }

    /// <summary>Complaints moved to a private channel, of all complaints.</summary>
    public double? ComplaintsMovedToPrivateShare { get; init; }

    /// <summary>Resolved in the customer's channel, of all resolved cases.</summary>
    public double? ResolvedInChannelShare { get; init; }

    /// <summary>First responses within target, of cases whose first-response target is decided (met, missed, or running and breached).</summary>
    public double? FirstResponseSlaAdherence { get; init; }

    /// <summary>Resolutions within target, of cases whose resolution target is decided.</summary>
    public double? ResolutionSlaAdherence { get; init; }

    /// <summary>Customers who came back after resolution, of resolved cases.</summary>
    public double? ReContactRate { get; init; }

    /// <summary>Cases escalated (automatically or to a person).</summary>
    public int Escalated { get; init; }

    /// <summary>Escalations that needed a person, of escalated cases.</summary>
    public double? HumanEscalationShare { get; init; }
}

/// <summary>A brand's care scorecard for a period: overall and by platform and urgency. JSON-friendly; <see cref="ToTable"/> for a terminal.</summary>
public sealed record CareScorecard(
    string BrandId,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    string SlaPolicyVersion,
    CareMetricsRow Overall,
    IReadOnlyList<CareMetricsRow> ByPlatform,
    IReadOnlyList<CareMetricsRow> ByUrgency)
{
    private static readonly string[] Headers =
        ["group", "cases", "resp", "FRT med", "FRT p90", "res", "RT med", "RT p90", "FR SLA", "RT SLA", "private", "in chan", "re-contact", "esc", "human"];

    /// <summary>A fixed-width text table: one line per group, durations as "1h 05m", shares as percentages, "–" for none.</summary>
    public string ToTable()
    {
        var rows = new List<string[]> { Headers };
        rows.AddRange(new[] { Overall }.Concat(ByPlatform).Concat(ByUrgency).Select(Cells));
        var widths = Enumerable.Range(0, Headers.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Care scorecard {BrandId} {From:yyyy-MM-dd HH:mm} – {To:yyyy-MM-dd HH:mm} UTC (as of {AsOf:yyyy-MM-dd HH:mm}, SLA {SlaPolicyVersion})").Append('\n');
        for (var r = 0; r < rows.Count; r++)
        {
            var line = string.Join("  ", rows[r].Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i])));
            sb.Append(line.TrimEnd()).Append('\n');
            if (r == 0)
            {
                sb.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string[] Cells(CareMetricsRow r) =>
    [
        r.Dimension == "all" ? "all" : $"{r.Dimension}:{r.Key}",
        N(r.Cases), N(r.Responded), Minutes(r.FirstResponseMedianMinutes), Minutes(r.FirstResponseP90Minutes),
        N(r.Resolved), Minutes(r.ResolutionMedianMinutes), Minutes(r.ResolutionP90Minutes),
        Share(r.FirstResponseSlaAdherence), Share(r.ResolutionSlaAdherence), Share(r.ComplaintsMovedToPrivateShare),
        Share(r.ResolvedInChannelShare), Share(r.ReContactRate), N(r.Escalated), Share(r.HumanEscalationShare),
    ];

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Share(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>"45m", "2h 05m", "3d 4h".</summary>
    internal static string Minutes(double? minutes)
    {
        if (minutes is not { } m)
        {
            return "–";
        }

        var total = (long)Math.Round(m);
        if (total < 60)
        {
            return total.ToString(CultureInfo.InvariantCulture) + "m";
        }

        if (total < 24 * 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{total / 60}h {total % 60:00}m");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{total / 1440}d {total % 1440 / 60}h");
    }
}
