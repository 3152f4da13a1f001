using System.Text.Json;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch;
using SocialFirst.Core.Watch.Metrics;
using SocialFirst.Core.Watch.Sla;

namespace SocialFirst.Core.Tests.Watch.Metrics;

public class CareMetricsCalculatorTests
{
    // The week of Monday 10 March 2025, UTC, default SLA policy (business hours Mon–Fri 09:00–18:00 UTC).
    private static readonly DateTimeOffset From = new(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(7);
    private static readonly DateTimeOffset AsOf = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero); // Friday noon

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2025, 3, day, hour, minute, 0, TimeSpan.Zero);

    private static CaseTimeline Case(string id, Platform platform, UrgencyBand band, DateTimeOffset opened) => new()
    {
        CaseId = id,
        BrandId = "acme",
        Platform = platform,
        Urgency = band,
        OpenedAt = opened,
    };

    /// <summary>
    /// C1 X normal: FRT 30 m, RT 180 m, complaint, moved private, resolved in channel.
    /// C2 X high: FRT 90 m (target 60 m: missed), RT 240 m, complaint, in channel, came back, escalated to a person.
    /// C3 Facebook normal: FRT 60 m, RT 360 m, not a complaint, resolved elsewhere.
    /// C4 Facebook critical: FRT 10 m (target 15), RT 300 m (target 240, round the clock: missed), complaint, private, escalated level 2 to a person.
    /// C5 Instagram low: FRT 180 m, still open (12 of 40 business hours used: undecided).
    /// C6 X normal: opened Fri 09:00, no answer by Fri 12:00 (3 h of 2: breached), complaint, escalated automatically only.
    /// C7 opened before the period; C8 another brand; C9 opened after AsOf: all left out.
    /// </summary>
    private static List<CaseTimeline> History() =>
    [
        Case("c1", Platform.X, UrgencyBand.Normal, At(10, 9)) with { FirstResponseAt = At(10, 9, 30), ResolvedAt = At(10, 12), IsComplaint = true, MovedToPrivate = true, ResolvedInChannel = true },
        Case("c2", Platform.X, UrgencyBand.High, At(10, 10)) with { FirstResponseAt = At(10, 11, 30), ResolvedAt = At(10, 14), IsComplaint = true, ResolvedInChannel = true, ReContacted = true, EscalationLevel = 1, EscalatedToHuman = true },
        Case("c3", Platform.Facebook, UrgencyBand.Normal, At(11, 9)) with { FirstResponseAt = At(11, 10), ResolvedAt = At(11, 15) },
        Case("c4", Platform.Facebook, UrgencyBand.Critical, At(12, 8)) with { FirstResponseAt = At(12, 8, 10), ResolvedAt = At(12, 13), IsComplaint = true, MovedToPrivate = true, EscalationLevel = 2, EscalatedToHuman = true },
        Case("c5", Platform.Instagram, UrgencyBand.Low, At(13, 9)) with { FirstResponseAt = At(13, 12) },
        Case("c6", Platform.X, UrgencyBand.Normal, At(14, 9)) with { IsComplaint = true, EscalationLevel = 1 },
        Case("c7", Platform.X, UrgencyBand.Normal, At(9, 9)) with { FirstResponseAt = At(9, 9, 5) },
        Case("c8", Platform.X, UrgencyBand.Normal, At(10, 9)) with { BrandId = "globex", FirstResponseAt = At(10, 20) },
        Case("c9", Platform.X, UrgencyBand.Normal, At(14, 13)),
    ];

    private static CareScorecard CreateScorecard() =>
        CareMetricsCalculator.Compute("acme", History(), From, To, new SlaEvaluator(SlaPolicy.Default), AsOf);

    [Fact]
    public void Compute_HandComputedWeek_Overall()
    {
        var all = CreateScorecard().Overall;

        Assert.Equal(6, all.Cases);
        // First responses (min) c1..c5: 30, 90, 60, 10, 180 → sorted 10, 30, 60, 90, 180.
        Assert.Equal(5, all.Responded);
        Assert.Equal(60, all.FirstResponseMedianMinutes);            // rank (5−1)·0.5 = 2 → 60
        Assert.Equal(144, all.FirstResponseP90Minutes);              // rank 3.6 → 90 + 0.6·(180 − 90)
        // Resolutions c1..c4: 180, 240, 360, 300 → sorted 180, 240, 300, 360.
        Assert.Equal(4, all.Resolved);
        Assert.Equal(270, all.ResolutionMedianMinutes);              // rank 1.5 → 240 + 0.5·60
        Assert.Equal(342, all.ResolutionP90Minutes);                 // rank 2.7 → 300 + 0.7·60
        // Complaints c1, c2, c4, c6; moved to private c1, c4 → 2/4.
        Assert.Equal(4, all.Complaints);
        Assert.Equal(0.5, all.ComplaintsMovedToPrivateShare);
        // Resolved in channel c1, c2 of c1..c4 → 2/4; came back c2 → 1/4.
        Assert.Equal(0.5, all.ResolvedInChannelShare);
        Assert.Equal(0.25, all.ReContactRate);
        // First response decided for all six: met c1 (30 ≤ 120), c3 (60 ≤ 120), c4 (10 ≤ 15), c5 (180 ≤ 480);
        // missed c2 (90 > 60) and c6 (running, 180 > 120) → 4/6.
        Assert.Equal(0.6667, all.FirstResponseSlaAdherence);
        // Resolution decided for c1..c4 (c5, c6 running, not breached): c4 missed (300 > 240) → 3/4.
        Assert.Equal(0.75, all.ResolutionSlaAdherence);
        // Escalated c2, c4, c6; a person was needed for c2, c4 → 2/3.
        Assert.Equal(3, all.Escalated);
        Assert.Equal(0.6667, all.HumanEscalationShare);
    }

    [Fact]
    public void Compute_HandComputedWeek_ByPlatformX()
    {
        var x = Assert.Single(CreateScorecard().ByPlatform, r => r.Key == "x");

        // c1, c2, c6.
        Assert.Equal(3, x.Cases);
        Assert.Equal(60, x.FirstResponseMedianMinutes);  // 30, 90 → 60
        Assert.Equal(84, x.FirstResponseP90Minutes);     // rank 0.9 → 30 + 0.9·60
        Assert.Equal(210, x.ResolutionMedianMinutes);    // 180, 240
        Assert.Equal(234, x.ResolutionP90Minutes);       // 180 + 0.9·60
        Assert.Equal(0.3333, x.ComplaintsMovedToPrivateShare); // c1 of c1, c2, c6
        Assert.Equal(1.0, x.ResolvedInChannelShare);
        Assert.Equal(0.3333, x.FirstResponseSlaAdherence);     // only c1 met
        Assert.Equal(1.0, x.ResolutionSlaAdherence);
        Assert.Equal(0.5, x.ReContactRate);
        Assert.Equal(0.5, x.HumanEscalationShare);             // c2 of c2, c6
    }

    [Fact]
    public void Compute_HandComputedWeek_ByUrgency()
    {
        var card = CreateScorecard();

        Assert.Equal(["critical", "high", "normal", "low"], card.ByUrgency.Select(r => r.Key));
        var normal = card.ByUrgency.Single(r => r.Key == "normal");
        Assert.Equal(3, normal.Cases);                          // c1, c3, c6
        Assert.Equal(45, normal.FirstResponseMedianMinutes);    // 30, 60
        Assert.Equal(0.6667, normal.FirstResponseSlaAdherence); // c1, c3 met; c6 breached
        var low = card.ByUrgency.Single(r => r.Key == "low");
        Assert.Null(low.ResolutionMedianMinutes);
        Assert.Null(low.ResolutionSlaAdherence);                // still running, not breached
        Assert.Null(low.ReContactRate);
    }

    [Fact]
    public void Compute_AsOfBeforeTheResponses_IgnoresWhatHadNotHappenedYet()
    {
        var card = CareMetricsCalculator.Compute("acme", History(), From, To, new SlaEvaluator(SlaPolicy.Default), At(10, 9, 45));

        // Only c1 was open at 09:45 Monday: its answer at 09:30 counts, its resolution at 12:00 does not.
        Assert.Equal(1, card.Overall.Cases);
        Assert.Equal(30, card.Overall.FirstResponseMedianMinutes);
        Assert.Equal(0, card.Overall.Resolved);
    }

    [Fact]
    public void ToTable_RendersOneAlignedLinePerGroup()
    {
        var table = CreateScorecard().ToTable();
        var lines = table.TrimEnd('\n').Split('\n');

        Assert.StartsWith("Care scorecard acme 2025-03-10 00:00 – 2025-03-17 00:00 UTC", lines[0], StringComparison.Ordinal);
        Assert.Equal(2 + 1 + 3 + 4, lines.Length - 1); // header, rule, all, 3 platforms, 4 bands
        Assert.Matches(@"^all\s+6\s+5\s+1h 00m\s+2h 24m\s+4\s+4h 30m\s+5h 42m\s+66\.7%\s+75\.0%\s+50\.0%\s+50\.0%\s+25\.0%\s+3\s+66\.7%$", lines[3]);
        Assert.Contains(lines, l => l.StartsWith("urgency:low", StringComparison.Ordinal) && l.Contains('–', StringComparison.Ordinal));
        Assert.Equal(lines[1].Length, lines[2].Length);
    }

    [Theory]
    [InlineData(null, "–")]
    [InlineData(45.4, "45m")]
    [InlineData(125.0, "2h 05m")]
    [InlineData(3000.0, "2d 2h")]
    public void Minutes_FormatsDurations(double? minutes, string expected) =>
        Assert.Equal(expected, CareScorecard.Minutes(minutes));

    [Fact]
    public void Scorecard_RoundTripsThroughJson()
    {
        var card = CreateScorecard();

        var back = JsonSerializer.Deserialize<CareScorecard>(JsonSerializer.Serialize(card))!;

        Assert.Equal(card.Overall, back.Overall);
        Assert.Equal(card.ByPlatform, back.ByPlatform);
    }
}
