using System.Text.Json;

namespace SocialFirst.Cli.Tests.Commands;

public class ClassifyCommandTests
{
    [Fact]
    public async Task Invoke_JsonLines_WritesOneResultLineEach()
    {
        var (code, lines) = await RunAsync(
            """{"id":"a","text":"The cap cut my thumb and there is blood everywhere","followers":120}""",
            """{"id":7,"text":"Thanks so much, amazing service!","platform":"x"}""",
            """{"id":"c","text":"包裹說好昨天到，到現在還沒收到","language":"zh-Hant"}""");

        Assert.Equal(0, code);
        Assert.Equal(3, lines.Count);
        var first = lines[0].RootElement;
        Assert.Equal("a", first.GetProperty("id").GetString());
        Assert.Equal("en", first.GetProperty("language").GetString());
        Assert.Equal("negative", first.GetProperty("sentiment").GetString());
        Assert.Contains("safety", first.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.True(first.GetProperty("urgent").GetBoolean());
        Assert.InRange(first.GetProperty("urgency").GetDouble(), 0.6, 1.0);
        Assert.NotEqual(0, first.GetProperty("reasons").GetArrayLength());
        var scores = first.GetProperty("scores");
        Assert.Equal(1.0, scores.GetProperty("positive").GetDouble() + scores.GetProperty("neutral").GetDouble() + scores.GetProperty("negative").GetDouble(), 3);

        Assert.Equal("7", lines[1].RootElement.GetProperty("id").GetString());
        Assert.Equal("positive", lines[1].RootElement.GetProperty("sentiment").GetString());
        Assert.False(lines[1].RootElement.GetProperty("urgent").GetBoolean());
        Assert.Equal("zh-Hant", lines[2].RootElement.GetProperty("language").GetString());
        Assert.NotEqual(0, lines[2].RootElement.GetProperty("keyPhrases").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"id":"b1","text": "unterminated""", "b1", "invalid JSON")]
    [InlineData("""{"id":"b2"}""", "b2", "missing")]
    [InlineData("""{"id":"b3","text":"   "}""", "b3", "missing or empty")]
    [InlineData("""[1,2,3]""", null, "JSON object")]
    public async Task Invoke_BadLine_WritesErrorLineAndContinues(string bad, string? id, string message)
    {
        var (code, lines) = await RunAsync(bad, """{"id":"ok","text":"thanks!"}""");

        Assert.Equal(1, code);
        Assert.Equal(2, lines.Count);
        var error = lines[0].RootElement;
        Assert.Equal(id, error.GetProperty("id").GetString());
        Assert.Contains(message, error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", lines[1].RootElement.GetProperty("id").GetString());
    }

    private static async Task<(int Code, List<JsonDocument> Lines)> RunAsync(params string[] input)
    {
        using var reader = new StringReader(string.Join('\n', input) + "\n");
        using var writer = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApplication.CreateRootCommand(reader, writer, error).Parse(["classify"]).InvokeAsync();

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).ToList();
        return (code, lines);
    }
}
