using System.Text.Json;

namespace SocialFirst.Cli.Tests.Commands;

public sealed class TrainSentimentCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"train-sentiment-{Guid.NewGuid():N}");

    public TrainSentimentCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "training"));
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

        File.WriteAllLines(Path.Combine(root, "mentions.jsonl"), dev);
        File.WriteAllLines(Path.Combine(root, "training", "social-en.jsonl"), social);
    }

    [Fact]
    public async Task Invoke_SameDataTwice_WritesByteIdenticalModels()
    {
        var (code1, out1) = await RunAsync("a.bin");
        var (code2, _) = await RunAsync("b.bin");

        Assert.Equal(0, code1);
        Assert.Equal(0, code2);
        Assert.Equal(File.ReadAllBytes(Path.Combine(root, "a.bin")), File.ReadAllBytes(Path.Combine(root, "b.bin")));
        Assert.Contains("rows: dev 6, social 90", out1, StringComparison.Ordinal); // the 6 test-split lines were skipped
        Assert.Contains("| en | 90 |", out1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HeldOutFileInTrainingFolder_Refuses()
    {
        File.WriteAllText(Path.Combine(root, "training", "social-holdout3.jsonl"), Line("h", "the parcel was zorbly", "positive", null));

        var (code, _) = await RunAsync("c.bin");

        Assert.Equal(2, code);
        Assert.False(File.Exists(Path.Combine(root, "c.bin")));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string Line(string id, string text, string sentiment, string? split) =>
        JsonSerializer.Serialize(new { id, text, language = "en", sentiment, split });

    private async Task<(int Code, string Output)> RunAsync(string model)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.CreateRootCommand(TextReader.Null, output, error).Parse(
        [
            "train-sentiment", "--quick", "--cv", "3",
            "--out", Path.Combine(root, model),
            "--devset", Path.Combine(root, "mentions.jsonl"),
            "--training", Path.Combine(root, "training"),
            "--aux", Path.Combine(root, "no-aux"),
        ]).InvokeAsync();
        return (code, output.ToString() + error);
    }
}
