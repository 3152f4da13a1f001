using SocialFirst.Cli.Evaluation;

namespace SocialFirst.Cli.Tests.Evaluation;

public class MetricsTests
{
    [Fact]
    public void MacroF1_KnownConfusion_AveragesPresentClasses()
    {
        (string, string)[] pairs = [("pos", "pos"), ("pos", "neg"), ("neg", "neg"), ("neg", "neg")];

        // pos: P 1, R 0.5, F1 0.667; neg: P 0.667, R 1, F1 0.8; "mixed" absent from both → skipped.
        Assert.Equal((2.0 / 3 + 0.8) / 2, Metrics.MacroF1(pairs, ["pos", "neg", "mixed"]), 6);
        Assert.Equal(0.75, Metrics.Accuracy(pairs), 6);
    }

    [Fact]
    public void Binary_Counts_GivePrecisionAndRecall()
    {
        (bool, bool)[] pairs = [(true, true), (true, false), (false, true), (false, false), (true, true)];

        var score = Metrics.Binary(pairs, "urgent");

        Assert.Equal(2.0 / 3, score.Precision, 6);
        Assert.Equal(2.0 / 3, score.Recall, 6);
    }

    [Fact]
    public void DevSet_ShippedFile_IsLargeBalancedAndValid()
    {
        var path = SocialFirst.Cli.Commands.EvaluateCommand.Resolve(SocialFirst.Cli.Commands.EvaluateCommand.DefaultFile);
        Assert.NotNull(path);
        using var reader = new StreamReader(path);

        var entries = DevSetReader.Read(reader);

        Assert.True(entries.Count >= 360, $"{entries.Count} mentions");
        foreach (var language in new[] { "en", "zh-Hans", "zh-Hant", "es", "de", "fr", "sl", "ja" })
        {
            Assert.True(entries.Count(e => e.Language == language) >= 40, language);
        }

        Assert.Contains(entries, e => e.Language == "unknown");
        Assert.All(entries, e => Assert.Contains(e.Sentiment, EvaluationRunner.SentimentLabels));
        Assert.All(entries, e => Assert.Contains(e.Split, new[] { "dev", "test" }));
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());
        Assert.InRange(entries.Count(e => e.Split == "test") / (double)entries.Count, 0.25, 0.35);
        Assert.All(entries.Where(e => e.Categories.Intersect(["safety", "legal", "security"]).Any()), e => Assert.True(e.Urgent, e.Id));
    }
}
