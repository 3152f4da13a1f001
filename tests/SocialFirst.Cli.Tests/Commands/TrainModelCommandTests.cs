namespace SocialFirst.Cli.Tests.Commands;

/// <summary>
/// The setup the train-* command tests share: a temporary folder with a dev set (<c>mentions.jsonl</c>) and a
/// <c>training</c> folder, and a quick three-fold run of the command against them.
/// </summary>
public abstract class TrainModelCommandTests : IDisposable
{
    private readonly string command;

    protected TrainModelCommandTests(string command)
    {
        this.command = command;
        Root = Path.Combine(Path.GetTempPath(), $"{command}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(Root, "training"));
    }

    protected string Root { get; }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>Writes the dev set and <c>training/social-en.jsonl</c>.</summary>
    protected void WriteData(IEnumerable<string> dev, IEnumerable<string> social)
    {
        File.WriteAllLines(Path.Combine(Root, "mentions.jsonl"), dev);
        File.WriteAllLines(Path.Combine(Root, "training", "social-en.jsonl"), social);
    }

    /// <summary>Trains twice into <c>a.bin</c> and <c>b.bin</c>, asserts both succeed with identical files, and returns the first run's output.</summary>
    protected async Task<string> AssertTrainsByteIdenticalTwiceAsync()
    {
        var (code1, out1) = await RunAsync("a.bin");
        var (code2, _) = await RunAsync("b.bin");

        Assert.Equal(0, code1);
        Assert.Equal(0, code2);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Root, "a.bin")), File.ReadAllBytes(Path.Combine(Root, "b.bin")));
        return out1;
    }

    /// <summary>Runs the command with <c>--quick --cv 3</c> on the folder's data; the output is stdout then stderr.</summary>
    protected async Task<(int Code, string Output)> RunAsync(string model, params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.CreateRootCommand(TextReader.Null, output, error).Parse(
        [
            command, "--quick", "--cv", "3",
            "--out", Path.Combine(Root, model),
            "--devset", Path.Combine(Root, "mentions.jsonl"),
            "--training", Path.Combine(Root, "training"),
            .. extra,
        ]).InvokeAsync();
        return (code, output.ToString() + error);
    }
}
