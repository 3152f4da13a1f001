using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Cli.Commands;

namespace SocialFirst.Cli.Tests.Commands;

public sealed class PolicyCommandTests : IDisposable
{
    private const string KettleRule = """
        { "version": "acme-2", "brand": "acme", "keywordRules": { "en": [ { "id": "kettle", "phrase": "blue kettle", "weight": 0.5, "category": "safety" } ] } }
        """;

    private const string Mentions = """
        {"id":"m1","text":"Does the blue kettle come in red?","followers":120}
        {"id":"m2","text":"Love the new flavour, thanks!","followers":1500000}
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sf-policy-cli-" + Guid.NewGuid().ToString("N"));

    public PolicyCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var reader = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.CreateRootCommand(reader, output, error).Parse(args).InvokeAsync();
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Validate_ValidDocument_PrintsVersionAndExitsZero()
    {
        var (code, output, _) = await RunAsync(string.Empty, "policy", "validate", File("acme.json", KettleRule));

        Assert.Equal(0, code);
        Assert.Contains("valid, version acme-2, brand acme", output, StringComparison.Ordinal);
        Assert.Contains("1 keyword rules", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InvalidDocument_PrintsPathsAndExitsOne()
    {
        var (code, _, error) = await RunAsync(string.Empty, "policy", "validate", File("bad.json", """{ "version": "v", "weights": { "reach": 7 } }"""));

        Assert.Equal(1, code);
        Assert.Contains("$.weights.reach: 7 is outside 0..1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policy", "validate")]
    [InlineData("policy", "validate", "/nonexistent/policy.json")]
    [InlineData("policy", "dry-run", "--mentions", "-")]
    public async Task Invoke_MissingFileOrOption_ExitsTwo(params string[] args)
    {
        var (code, _, error) = await RunAsync(string.Empty, args);

        Assert.Equal(2, code);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task DryRun_NewRule_ShowsOldAndNewAndSummary()
    {
        var (code, output, error) = await RunAsync(Mentions, "policy", "dry-run", "--policy", File("new.json", KettleRule), "--mentions", "-", "--json");

        Assert.Equal(0, code);
        Assert.Empty(error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        var m1 = lines[0];
        Assert.Equal("m1", m1.GetProperty("id").GetString());
        Assert.False(m1.GetProperty("currentUrgent").GetBoolean());
        Assert.True(m1.GetProperty("newUrgent").GetBoolean());
        Assert.Equal("becomes urgent", m1.GetProperty("change").GetString());
        Assert.Equal("urgent: rule kettle (category safety) always escalates", m1.GetProperty("newDecision").GetString());
        Assert.Contains(m1.GetProperty("newFactors").EnumerateArray(), f => f.GetProperty("factor").GetString() == "rule:kettle");
        Assert.Equal("unchanged", lines[1].GetProperty("change").GetString());
        var summary = lines[2];
        Assert.Equal("default-2", summary.GetProperty("currentVersion").GetString());
        Assert.Equal(2, summary.GetProperty("mentions").GetInt32());
        Assert.Equal(1, summary.GetProperty("becomeUrgent").GetInt32());
        Assert.Equal(0, summary.GetProperty("stopBeingUrgent").GetInt32());
    }

    [Fact]
    public async Task DryRun_HigherThresholdThanCurrent_ReportsCasesThatStopBeingUrgent()
    {
        var current = File("current.json", """{ "version": "low-1", "threshold": 0.1 }""");
        var strict = File("strict.json", """{ "version": "strict-1", "threshold": 0.99 }""");
        var mentions = File("m.jsonl", """{"id":"a","text":"You charged me twice and nobody answers, this is a disgrace","followers":300}""");

        var (code, output, _) = await RunAsync(string.Empty, "policy", "dry-run", "--policy", strict, "--current", current, "--mentions", mentions);

        Assert.Equal(0, code);
        Assert.Contains("[stops being urgent]", output, StringComparison.Ordinal);
        Assert.Contains("summary low-1 -> strict-1: 1 mentions, 0 become urgent, 1 stop being urgent", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_InvalidNewPolicy_ExitsOneAndScoresNothing()
    {
        var (code, output, error) = await RunAsync(Mentions, "policy", "dry-run", "--policy", File("bad.json", """{ "version": "v", "quietHours": { "timeZone": "Nowhere/City", "from": "22:00", "to": "06:00" } }"""), "--mentions", "-");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("$.quietHours.timeZone: unknown time zone 'Nowhere/City'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_QuietHoursAtNight_DefersUsingCreatedAtOfLine()
    {
        var quiet = File("quiet.json", """{ "version": "q-1", "threshold": 0.3, "quietHours": { "timeZone": "UTC", "from": "22:00", "to": "07:00" } }""");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var sut = new PolicyCommand.DryRunCommand(new StringReader(
            """{"id":"n","text":"You charged me twice and nobody answers, this is a disgrace","followers":300,"createdAt":"2025-03-01T23:30:00Z"}"""),
            output,
            error);

        var code = await sut.RunAsync(quiet, null, "-", at: null, json: false, new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero)), CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Contains("new:     deferred until 07:00 UTC", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("deferred by quiet hours 1", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_UnreadableLine_ReportedAndExitsTwo()
    {
        var (code, output, error) = await RunAsync("{\"id\":\"x\"}\n" + Mentions, "policy", "dry-run", "--policy", File("new.json", KettleRule), "--mentions", "-");

        Assert.Equal(2, code);
        Assert.Contains("line 1: missing or empty \"text\"", error, StringComparison.Ordinal);
        Assert.Contains("2 mentions", output, StringComparison.Ordinal);
    }
}
