using System.Net;
using System.Text.Json;
using SocialFirst.Cli.Commands;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Watch;

/// <summary>
/// <c>socialfirst policy dry-run --cases</c> end to end on Azurite: signed generic-webhook deliveries from three authors
/// become cases through the real pipeline (webhook → queue → triage), then the CLI reads them back through
/// <c>GET /api/cases</c> and <c>GET /api/cases/{id}</c> and scores them under a policy that adds one keyword rule: exactly
/// the case that mentions the keyword becomes urgent.
/// </summary>
public sealed class PolicyDryRunCasesTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ApiKey = "policy-dry-run-test-key";
    private const string XAccount = "2244994945";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly SocialFirstAppFactory _factory;
    private readonly HttpClient _client;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sf-dry-run-cases-" + Guid.NewGuid().ToString("N"));

    public PolicyDryRunCasesTests(AzuriteFixture azurite)
    {
        _factory = new SocialFirstAppFactory(azurite, triggers: true, new Dictionary<string, string?>
        {
            ["Api:Key"] = ApiKey,
            ["Brands:acme:DisplayName"] = "Acme Foods",
            ["Brands:acme:Accounts:0"] = "x:" + XAccount,
        });
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        Directory.CreateDirectory(_dir);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static string Mention(string id, string authorId, string text, DateTimeOffset at) =>
        GenericDeliveries.XMention(id, authorId, text, at);

    private async Task DeliverAsync(params string[] mentions)
    {
        using var request = GenericDeliveries.Signed(XAccount, mentions);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The brand's listed cases (id by author) once there are <paramref name="count"/> of them.</summary>
    private async Task<Dictionary<string, string>> CasesWhenTriagedAsync(int count)
    {
        return await Eventually.GetAsync(
            async () =>
            {
                using var response = await _client.GetAsync(new Uri("/api/cases?brand=acme", UriKind.Relative));
                response.EnsureSuccessStatusCode();
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var items = doc.RootElement.GetProperty("items");
                return items.GetArrayLength() != count
                    ? null
                    : items.EnumerateArray().ToDictionary(i => i.GetProperty("authorId").GetString()!, i => i.GetProperty("id").GetString()!);
            },
            Timeout,
            $"{count} triaged cases of acme");
    }

    [Fact]
    public async Task DryRunCases_KeywordRule_OnlyTheMatchingStoredCaseBecomesUrgent()
    {
        var now = TimeProvider.System.GetUtcNow();
        await DeliverAsync(
            Mention("1700000000000000101", "kettlefan", "Does the blue kettle come in red?", now.AddHours(-2)),
            Mention("1700000000000000102", "snackfan", "Love the new flavour, thanks!", now.AddHours(-2)),
            Mention("1700000000000000103", "asker", "When does the shop in Ljubljana open on Sunday?", now.AddHours(-1)));
        var cases = await CasesWhenTriagedAsync(3);
        var policy = Path.Combine(_dir, "acme-2.json");
        await File.WriteAllTextAsync(policy, """
            { "version": "acme-2", "brand": "acme", "keywordRules": { "en": [ { "id": "kettle", "phrase": "blue kettle", "weight": 0.5, "category": "safety" } ] } }
            """);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var dryRun = new PolicyCommand.DryRunCommand(TextReader.Null, output, error);
        var exit = await dryRun.RunCasesAsync(
            _client, new PolicyCommand.CaseRequest(_client.BaseAddress!, "acme", now.AddDays(-1), now.AddMinutes(1), ApiKey), policy, null, null, null, false, TimeProvider.System, CancellationToken.None);

        var text = output.ToString();
        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Empty(error.ToString());
        var changes = text.Split('\n').Where(l => l.Contains("  [", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, changes.Count);
        var urgent = Assert.Single(changes, l => l.EndsWith("[becomes urgent]", StringComparison.Ordinal));
        Assert.StartsWith(cases["kettlefan"] + " (1 mentions): ", urgent, StringComparison.Ordinal);
        Assert.Contains("new:     urgent: rule kettle (category safety) always escalates", text, StringComparison.Ordinal);
        Assert.Contains("summary default-2 -> acme-2: 3 cases (3 mentions), 1 become urgent, 0 stop being urgent", text, StringComparison.Ordinal);
        Assert.Contains("unreadable cases 0", text, StringComparison.Ordinal);

        // A wrong key: the real API refuses it and the CLI says what to check.
        using var anonymous = _factory.CreateClient();
        using var refusedOutput = new StringWriter();
        using var refusedError = new StringWriter();
        var refused = await new PolicyCommand.DryRunCommand(TextReader.Null, refusedOutput, refusedError).RunCasesAsync(
            anonymous, new PolicyCommand.CaseRequest(anonymous.BaseAddress!, "acme", now.AddDays(-1), now.AddMinutes(1), "wrong-key"), policy, null, null, null, false, TimeProvider.System, CancellationToken.None);
        Assert.Equal(2, refused);
        Assert.Contains("401", refusedError.ToString(), StringComparison.Ordinal);
        Assert.Contains("check --api-key", refusedError.ToString(), StringComparison.Ordinal);
    }
}
