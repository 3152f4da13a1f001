using SocialFirst.Cli.Commands;

namespace SocialFirst.Cli.Tests.Commands;

public class BenchInfluenceCommandTests
{
    [Theory]
    [InlineData("--cases", "0")]
    [InlineData("--days", "91")]
    [InlineData("--repeat", "0")]
    [InlineData("--parallelism", "65")]
    public async Task Invoke_BadOption_ExitsTwoWithoutTouchingStorage(string option, string value)
    {
        using var output = new StringWriter();

        var code = await CliApplication.CreateRootCommand(new StringReader(string.Empty), output, new StringWriter()).Parse(["bench-influence", option, value]).InvokeAsync();

        Assert.Equal(2, code);
        Assert.Contains("--cases must be", output.ToString(), StringComparison.Ordinal);
    }
}
