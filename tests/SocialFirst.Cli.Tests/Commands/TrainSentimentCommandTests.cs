using System.Text.Json;

namespace SocialFirst.Cli.Tests.Commands;

public sealed class TrainSentimentCommandTests : TrainModelCommandTests
{
    public TrainSentimentCommandTests()
        : base("train-sentiment")
    {
        var dev = new List<string>();
        var social = new List<string>();
        string[] good = ["zorbly", "flimtastic", "quexful"];
        string[] bad = ["grottish", "plonkered", "vashed"];
        for (var i = 0; i < 30; i++)
        {
            social.Add(Line($"s{i}p", $"the parcel was {good[i % 3]} today", "positive", null));
            social.Add(Line($"s{i}n", $"the parcel was {bad[i % 3]} today", "negative", null));
            social.Add(Line($"s{i}u", $"the parcel is at the depot number {i}", "neutral", "train"));
        }

        for (var i = 0; i < 6; i++)
        {
            dev.Add(Line($"d{i}", $"my order was {good[i % 3]}", "positive", "dev"));
            dev.Add(Line($"t{i}", $"my order was {good[i % 3]}", "negative", "test"));
        }

        WriteData(dev, social);
    }

    [Fact]
    public async Task Invoke_SameDataTwice_WritesByteIdenticalModels()
    {
        var out1 = await AssertTrainsByteIdenticalTwiceAsync();

        Assert.Contains("rows: dev 6, social 90", out1, StringComparison.Ordinal); // the 6 test-split lines were skipped
        Assert.Contains("| en | 90 |", out1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HeldOutFileInTrainingFolder_Refuses()
    {
        File.WriteAllText(Path.Combine(Root, "training", "social-holdout3.jsonl"), Line("h", "the parcel was zorbly", "positive", null));

        var (code, _) = await RunAsync("c.bin");

        Assert.Equal(2, code);
        Assert.False(File.Exists(Path.Combine(Root, "c.bin")));
    }

    private static string Line(string id, string text, string sentiment, string? split) =>
        JsonSerializer.Serialize(new { id, text, language = "en", sentiment, split });

    private Task<(int Code, string Output)> RunAsync(string model) => RunAsync(model, "--aux", Path.Combine(Root, "no-aux"));
}
