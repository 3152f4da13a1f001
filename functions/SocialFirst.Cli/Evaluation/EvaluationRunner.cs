using System.Globalization;
using System.Text;
using SocialFirst.Classification;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;

namespace SocialFirst.Cli.Evaluation;

/// <summary>The classifier's answer for one labelled mention.</summary>
public sealed record EvaluatedMention(DevSetEntry Gold, string Language, string Sentiment, IReadOnlyList<string> Categories, bool Urgent, double Urgency);

/// <summary>Metrics of one group of mentions (all, or one language).</summary>
public sealed record GroupMetrics(
    string Group,
    int Count,
    double LanguageAccuracy,
    double SentimentAccuracy,
    double SentimentMacroF1,
    ClassScore Urgent,
    ClassScore Categories);

/// <summary>Runs the embedded classifier over the dev set and computes the figures `socialfirst evaluate` prints.</summary>
public static class EvaluationRunner
{
    public static readonly IReadOnlyList<string> SentimentLabels = ["positive", "neutral", "negative", "mixed"];

    public static readonly IReadOnlyList<string> LanguageOrder = ["en", "zh-Hans", "zh-Hant", "es", "de", "fr", "sl", "ja", "unknown"];

    public static IReadOnlyList<EvaluatedMention> Run(EmbeddedClassifier classifier, IEnumerable<DevSetEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(entries);
        var results = new List<EvaluatedMention>();
        foreach (var e in entries)
        {
            var r = classifier.Classify(new ClassificationRequest(e.Id, e.Text));
            var u = UrgencyScorer.Score(new UrgencyInput(r, e.Followers), UrgencyPolicy.Default);
            results.Add(new EvaluatedMention(e, r.Language, r.Sentiment.ToString().ToLowerInvariant(), r.Categories.Select(c => c.Category).ToList(), u.Urgent, u.Score));
        }

        return results;
    }

    public static GroupMetrics Measure(string group, IReadOnlyList<EvaluatedMention> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sentiment = rows.Select(r => (r.Gold.Sentiment, r.Sentiment)).ToList();
        int tp = 0, fp = 0, fn = 0;
        foreach (var r in rows)
        {
            tp += r.Categories.Count(c => r.Gold.Categories.Contains(c));
            fp += r.Categories.Count(c => !r.Gold.Categories.Contains(c));
            fn += r.Gold.Categories.Count(c => !r.Categories.Contains(c));
        }

        return new GroupMetrics(
            group,
            rows.Count,
            Metrics.Accuracy(rows.Select(r => (r.Gold.Language, r.Language)).ToList()),
            Metrics.Accuracy(sentiment),
            Metrics.MacroF1(sentiment, SentimentLabels),
            Metrics.Binary(rows.Select(r => (r.Gold.Urgent, r.Urgent)).ToList(), "urgent"),
            new ClassScore("categories", tp, fp, fn));
    }

    public static IReadOnlyList<GroupMetrics> MeasureAll(IReadOnlyList<EvaluatedMention> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var groups = new List<GroupMetrics> { Measure("all", rows) };
        foreach (var language in LanguageOrder)
        {
            var subset = rows.Where(r => r.Gold.Language == language).ToList();
            if (subset.Count > 0)
            {
                groups.Add(Measure(language, subset));
            }
        }

        return groups;
    }

    public static string FormatTable(IReadOnlyList<GroupMetrics> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var sb = new StringBuilder();
        sb.AppendLine("| group | n | language acc | sentiment acc | sentiment macro-F1 | urgent P | urgent R | urgent (gold) | categories P | categories R |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var g in groups)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {g.Group} | {g.Count} | {F(g.LanguageAccuracy)} | {F(g.SentimentAccuracy)} | {F(g.SentimentMacroF1)} | ");
            sb.Append(CultureInfo.InvariantCulture, $"{F(g.Urgent.Precision)} | {F(g.Urgent.Recall)} | {g.Urgent.TruePositives + g.Urgent.FalseNegatives} | ");
            sb.AppendLine(CultureInfo.InvariantCulture, $"{F(g.Categories.Precision)} | {F(g.Categories.Recall)} |");
        }

        return sb.ToString();
    }

    public static string FormatSentimentClasses(IReadOnlyList<EvaluatedMention> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pairs = rows.Select(r => (r.Gold.Sentiment, r.Sentiment)).ToList();
        var parts = Metrics.PerClass(pairs, SentimentLabels)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Label} P {F(c.Precision)} R {F(c.Recall)} F1 {F(c.F1)} (gold {c.TruePositives + c.FalseNegatives})"));
        return "sentiment per class: " + string.Join("; ", parts);
    }

    public static string FormatCategoryClasses(IReadOnlyList<EvaluatedMention> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var parts = CareCategory.All.Select(c =>
        {
            var s = new ClassScore(
                c,
                rows.Count(r => r.Gold.Categories.Contains(c) && r.Categories.Contains(c)),
                rows.Count(r => !r.Gold.Categories.Contains(c) && r.Categories.Contains(c)),
                rows.Count(r => r.Gold.Categories.Contains(c) && !r.Categories.Contains(c)));
            return string.Create(CultureInfo.InvariantCulture, $"{c} P {F(s.Precision)} R {F(s.Recall)} (gold {s.TruePositives + s.FalseNegatives})");
        });
        return "categories per class: " + string.Join("; ", parts);
    }

    public static string F(double v) => double.IsNaN(v) ? "–" : v.ToString("0.000", CultureInfo.InvariantCulture);
}
