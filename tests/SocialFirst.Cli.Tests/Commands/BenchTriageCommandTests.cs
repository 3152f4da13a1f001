using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Cli.Commands;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Cli.Tests.Commands;

public class BenchTriageCommandTests
{
    [Theory]
    [InlineData("--concurrency", "0")]
    [InlineData("--concurrency", "4,x")]
    [InlineData("--mentions", "0")]
    public async Task Invoke_BadOption_ExitsTwoWithoutTouchingStorage(string option, string value)
    {
        using var output = new StringWriter();

        var code = await CliApplication.CreateRootCommand(new StringReader(string.Empty), output, new StringWriter()).Parse(["bench-triage", option, value]).InvokeAsync();

        Assert.Equal(2, code);
        Assert.Contains("--concurrency", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BuildHost_AppComposition_TriageUsesBrandPoliciesFromDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sf-bench-policies-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "bench.json"), """{ "version": "bench-9" }""");
            using var host = BenchTriageCommand.BuildHost("benchtest", new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["Triage:PolicyDirectory"] = dir,
            });

            Assert.NotNull(host.Services.GetRequiredService<TriageService>());
            var policies = host.Services.GetRequiredService<IUrgencyPolicyProvider>();
            Assert.Equal("bench-9", policies.GetPolicy("bench").Version);
            Assert.Equal("default-2", policies.GetPolicy("other").Version);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
