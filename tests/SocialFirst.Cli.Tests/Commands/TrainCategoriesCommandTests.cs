using System.Text.Json;

namespace SocialFirst.Cli.Tests.Commands;

public sealed class TrainCategoriesCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"train-categories-{Guid.NewGuid():N}");

    public TrainCategoriesCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "training"));
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

        File.WriteAllLines(Path.Combine(root, "mentions.jsonl"), dev);
        File.WriteAllLines(Path.Combine(root, "training", "social-en.jsonl"), social);
    }

    [Fact]
    public async Task Invoke_SameDataTwice_WritesByteIdenticalModelsFromTrainingRowsOnly()
    {
        var (code1, out1) = await RunAsync("a.bin");
        var (code2, _) = await RunAsync("b.bin");

        Assert.Equal(0, code1);
        Assert.Equal(0, code2);
        Assert.Equal(File.ReadAllBytes(Path.Combine(root, "a.bin")), File.ReadAllBytes(Path.Combine(root, "b.bin")));
        Assert.Contains("rows: dev 6, social 90", out1, StringComparison.Ordinal); // the 6 test-split lines were skipped
        Assert.Contains("| security | 30 |", out1, StringComparison.Ordinal);
        Assert.Contains("| praise | 0 | off |", out1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HeldOutFileInTrainingFolder_Refuses()
    {
        File.WriteAllText(Path.Combine(root, "training", "social-holdout3.jsonl"), Line("h", "my account got zorbgrab", ["security"], null));

        var (code, output) = await RunAsync("c.bin");

        Assert.Equal(2, code);
        Assert.Contains("held-out", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root, "c.bin")));
    }

    [Fact]
    public async Task Invoke_UnknownCategory_FailsNamingTheLine()
    {
        File.AppendAllLines(Path.Combine(root, "training", "social-en.jsonl"), [Line("x", "my parcel is late", ["late_parcel"], null)]);

        var (code, output) = await RunAsync("d.bin");

        Assert.Equal(2, code);
        Assert.Contains("unknown category 'late_parcel'", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string Line(string id, string text, string[] categories, string? split) =>
        JsonSerializer.Serialize(new { id, text, language = "en", sentiment = "neutral", categories, urgent = false, split });

    private async Task<(int Code, string Output)> RunAsync(string model)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.CreateRootCommand(TextReader.Null, output, error).Parse(
        [
            "train-categories", "--quick", "--cv", "3",
            "--out", Path.Combine(root, model),
            "--devset", Path.Combine(root, "mentions.jsonl"),
            "--training", Path.Combine(root, "training"),
        ]).InvokeAsync();
        return (code, output.ToString() + error);
    }
}
