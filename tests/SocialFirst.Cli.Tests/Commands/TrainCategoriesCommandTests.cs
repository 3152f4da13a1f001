using System.Text.Json;

namespace SocialFirst.Cli.Tests.Commands;

public sealed class TrainCategoriesCommandTests : TrainModelCommandTests
{
    public TrainCategoriesCommandTests()
        : base("train-categories")
    {
        var social = new List<string>();
        string[] stolen = ["zorbgrab", "quexlift", "brindsnatch"];
        string[] nouns = ["parcel", "store", "app", "screen"];
        for (var i = 0; i < 30; i++)
        {
            var noun = nouns[i % nouns.Length];
            social.Add(Line($"s{i}s", $"my {noun} account got {stolen[i % 3]} overnight", ["security"], "train"));
            social.Add(Line($"s{i}n", $"my {noun} account got renewed today", [], "train"));
            social.Add(Line($"s{i}p", $"the {noun} account got my order on time", [], null));
        }

        var dev = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            dev.Add(Line($"d{i}", $"my app account got {stolen[i % 3]}", ["security"], "dev"));
            dev.Add(Line($"t{i}", $"my app account got {stolen[i % 3]}", ["praise"], "test"));
        }

        WriteData(dev, social);
    }

    [Fact]
    public async Task Invoke_SameDataTwice_WritesByteIdenticalModelsFromTrainingRowsOnly()
    {
        var out1 = await AssertTrainsByteIdenticalTwiceAsync();

        Assert.Contains("rows: dev 6, social 90", out1, StringComparison.Ordinal); // the 6 test-split lines were skipped
        Assert.Contains("| security | 30 |", out1, StringComparison.Ordinal);
        Assert.Contains("| praise | 0 | off |", out1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HeldOutFileInTrainingFolder_Refuses()
    {
        File.WriteAllText(Path.Combine(Root, "training", "social-holdout3.jsonl"), Line("h", "my account got zorbgrab", ["security"], null));

        var (code, output) = await RunAsync("c.bin");

        Assert.Equal(2, code);
        Assert.Contains("held-out", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Root, "c.bin")));
    }

    [Fact]
    public async Task Invoke_UnknownCategory_FailsNamingTheLine()
    {
        File.AppendAllLines(Path.Combine(Root, "training", "social-en.jsonl"), [Line("x", "my parcel is late", ["late_parcel"], null)]);

        var (code, output) = await RunAsync("d.bin");

        Assert.Equal(2, code);
        Assert.Contains("unknown category 'late_parcel'", output, StringComparison.Ordinal);
    }

    private static string Line(string id, string text, string[] categories, string? split) =>
        JsonSerializer.Serialize(new { id, text, language = "en", sentiment = "neutral", categories, urgent = false, split });
}
