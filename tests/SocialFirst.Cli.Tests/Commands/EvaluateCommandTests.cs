namespace SocialFirst.Cli.Tests.Commands;

public class EvaluateCommandTests
{
    [Fact]
    public async Task Invoke_SmallSet_PrintsTableWithLanguages()
    {
        var path = Path.Combine(Path.GetTempPath(), $"devset-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path,
        [
            """{"id":"1","text":"The cap cut my thumb, blood everywhere","language":"en","sentiment":"negative","categories":["safety"],"urgent":true,"split":"dev"}""",
            """{"id":"2","text":"谢谢客服，问题解决了","language":"zh-Hans","sentiment":"positive","categories":["praise"],"urgent":false,"split":"test"}""",
        ]);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            var code = await CliApplication.CreateRootCommand(TextReader.Null, output, error).Parse(["evaluate", "--file", path, "--split", "dev"]).InvokeAsync();

            Assert.Equal(0, code);
            var text = output.ToString();
            Assert.Contains("| all | 1 |", text, StringComparison.Ordinal);
            Assert.Contains("| en | 1 |", text, StringComparison.Ordinal);
            Assert.DoesNotContain("| zh-Hans |", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Invoke_MissingFile_ReturnsErrorCode()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApplication.CreateRootCommand(TextReader.Null, output, error).Parse(["evaluate", "--file", "/nonexistent/x.jsonl"]).InvokeAsync();

        Assert.Equal(2, code);
        Assert.Contains("not found", error.ToString(), StringComparison.Ordinal);
    }
}
