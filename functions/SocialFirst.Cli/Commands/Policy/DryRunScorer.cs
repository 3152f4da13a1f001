using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocialFirst.Classification;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Cli.Commands.Policy;

/// <summary>
/// Classifies every mention of an item once (embedded classifier), scores it under the current and the new policy,
/// keeps each policy's strongest assessment of the item (urgent beats not urgent, then the higher score: what a case
/// keeps in triage), counts the change into <see cref="Summary"/> and prints one comparison per item.
/// </summary>
internal sealed class DryRunScorer(UrgencyPolicy current, UrgencyPolicy next, DateTimeOffset? at, TimeProvider time, bool json, TextWriter output, bool cases)
{
    private readonly EmbeddedClassifier _classifier = new();

    public DryRunSummary Summary { get; } = new(current.Version, next.Version, cases);

    public async Task ScoreAsync(DryRunItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        cancellationToken.ThrowIfCancellationRequested();
        UrgencyAssessment? before = null;
        UrgencyAssessment? after = null;
        foreach (var mention in item.Mentions)
        {
            var classification = _classifier.Classify(new ClassificationRequest(mention.Id, mention.Text, mention.Language, mention.Platform));
            var input = mention.ToInput(classification, at ?? mention.DecidedAt ?? mention.CreatedAt ?? time.GetUtcNow());
            before = Stronger(before, UrgencyScorer.Score(input, current));
            after = Stronger(after, UrgencyScorer.Score(input, next));
        }

        if (before is null || after is null)
        {
            return;
        }

        var change = Summary.Count(before, after, item.Mentions.Count);
        await output.WriteLineAsync(json
            ? JsonSerializer.Serialize(DryRunLine.From(item, change, before, after), CliJson.Options)
            : Describe(item, change, before, after));
    }

    public Task WriteSummaryAsync() =>
        output.WriteLineAsync(json ? JsonSerializer.Serialize(Summary, CliJson.Options) : Summary.ToString());

    private static UrgencyAssessment Stronger(UrgencyAssessment? kept, UrgencyAssessment candidate) =>
        kept is null || (candidate.Urgent, candidate.Score).CompareTo((kept.Urgent, kept.Score)) > 0 ? candidate : kept;

    private static string Describe(DryRunItem item, string change, UrgencyAssessment before, UrgencyAssessment after) => string.Create(
        CultureInfo.InvariantCulture,
        $"{item.Id}{(item.CaseId is null ? string.Empty : $" ({item.Mentions.Count} mentions)")}: " +
        $"{before.Score:0.0000} {(before.Urgent ? "URGENT" : "not urgent")} -> {after.Score:0.0000} {(after.Urgent ? "URGENT" : "not urgent")}  [{change}]\n" +
        $"    current: {before.Decision}\n" +
        $"    new:     {after.Decision}; factors {string.Join(", ", after.Factors.Select(f => $"{f.Factor} {f.Contribution:0.###}"))}");
}

/// <summary>One item's comparison in <c>--json</c> output (<see cref="CaseId"/> and <see cref="Mentions"/> for stored cases only).</summary>
internal sealed record DryRunLine(
    string Id,
    string Change,
    double CurrentScore,
    bool CurrentUrgent,
    string CurrentDecision,
    double NewScore,
    bool NewUrgent,
    string NewDecision,
    IReadOnlyList<UrgencyFactor> NewFactors)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CaseId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Mentions { get; init; }

    public static DryRunLine From(DryRunItem item, string change, UrgencyAssessment before, UrgencyAssessment after) =>
        new(item.Id, change, before.Score, before.Urgent, before.Decision, after.Score, after.Urgent, after.Decision, after.Factors)
        {
            CaseId = item.CaseId,
            Mentions = item.CaseId is null ? null : item.Mentions.Count,
        };
}

/// <summary>The totals of a dry run. Over stored cases <see cref="Cases"/> counts the cases and <see cref="Mentions"/> the mentions scored in them.</summary>
internal sealed class DryRunSummary(string currentVersion, string newVersion, bool cases = false)
{
    private int _items;

    public string CurrentVersion { get; } = currentVersion;

    public string NewVersion { get; } = newVersion;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Cases => cases ? _items : null;

    public int Mentions { get; private set; }

    public int BecomeUrgent { get; private set; }

    public int StopBeingUrgent { get; private set; }

    public int UrgentBefore { get; private set; }

    public int UrgentAfter { get; private set; }

    public int ScoreUp { get; private set; }

    public int ScoreDown { get; private set; }

    public int Deferred { get; private set; }

    /// <summary>Unreadable lines, or cases that could not be read.</summary>
    public int Rejected { get; set; }

    /// <summary>Cases in the period left out by <c>--max</c> (the oldest); null for files.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NotScored { get; set; }

    /// <summary>Counts one comparison and names the change.</summary>
    public string Count(UrgencyAssessment before, UrgencyAssessment after, int mentions = 1)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        _items++;
        Mentions += mentions;
        UrgentBefore += before.Urgent ? 1 : 0;
        UrgentAfter += after.Urgent ? 1 : 0;
        ScoreUp += after.Score > before.Score ? 1 : 0;
        ScoreDown += after.Score < before.Score ? 1 : 0;
        Deferred += after.Decision.StartsWith("deferred", StringComparison.Ordinal) ? 1 : 0;
        switch (before.Urgent, after.Urgent)
        {
            case (false, true):
                BecomeUrgent++;
                return "becomes urgent";
            case (true, false):
                StopBeingUrgent++;
                return "stops being urgent";
            default:
                return after.Score == before.Score ? "unchanged" : after.Score > before.Score ? "score up" : "score down";
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"summary {CurrentVersion} -> {NewVersion}: {(cases ? $"{_items} cases ({Mentions} mentions)" : $"{Mentions} mentions")}, " +
        $"{BecomeUrgent} become urgent, {StopBeingUrgent} stop being urgent " +
        $"(urgent {UrgentBefore} -> {UrgentAfter}), score up {ScoreUp}, down {ScoreDown}, deferred by quiet hours {Deferred}, " +
        $"{(cases ? "unreadable cases" : "unreadable lines")} {Rejected}{(NotScored is > 0 ? $", not scored (over --max) {NotScored}" : string.Empty)}");
}
