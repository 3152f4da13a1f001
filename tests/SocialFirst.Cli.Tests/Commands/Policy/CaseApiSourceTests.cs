using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Cli.Commands;

namespace SocialFirst.Cli.Tests.Commands.Policy;

/// <summary>
/// <c>policy dry-run --cases</c> against a fake read API on 127.0.0.1 that answers with the documented JSON of
/// <c>GET /api/cases</c> (pages with a continuation token) and <c>GET /api/cases/{id}</c>.
/// </summary>
public sealed class CaseApiSourceTests : IDisposable
{
    private const string ApiKey = "test-key";

    private const string KettleRule = """
        { "version": "acme-2", "brand": "acme", "keywordRules": { "en": [ { "id": "kettle", "phrase": "blue kettle", "weight": 0.5, "category": "safety" } ] } }
        """;

    private const string Angry = "You charged me twice and nobody answers, this is a disgrace";

    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 3, 8, 0, 0, 0, TimeSpan.Zero);
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.Zero));

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sf-policy-cases-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public CaseApiSourceTests()
    {
        Directory.CreateDirectory(_dir);
        KettlePolicy = Path.Combine(_dir, "new.json");
        File.WriteAllText(KettlePolicy, KettleRule);
        EmptyPolicy = Path.Combine(_dir, "empty.json");
        File.WriteAllText(EmptyPolicy, """{ "version": "same-1" }""");
    }

    private string KettlePolicy { get; }

    private string EmptyPolicy { get; }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<int> DryRunAsync(Uri url, string policy, string? apiKey = ApiKey, int max = 500, bool json = false)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var sut = new PolicyCommand.DryRunCommand(TextReader.Null, _output, _error);
        return await sut.RunCasesAsync(http, new PolicyCommand.CaseRequest(url, "acme", From, To, apiKey, max), policy, null, null, null, json, Time, CancellationToken.None);
    }

    private static string Iso(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);

    private static object Summary(string id, string authorId, DateTimeOffset openedAt) => new
    {
        id,
        brandId = "acme",
        platform = "x",
        authorId,
        status = "triaged",
        urgency = 0.2,
        urgent = false,
        escalationLevel = 0,
        mentionCount = 1,
        openedAt = Iso(openedAt),
        updatedAt = Iso(openedAt),
    };

    private static string Page(string? token, params object[] items) =>
        JsonSerializer.Serialize(new { items, continuationToken = token });

    private static object Mention(string caseId, string authorId, string text, DateTimeOffset createdAt, DateTimeOffset triagedAt, long followers = 120) => new
    {
        caseId,
        key = "m" + createdAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "0123456789ab",
        dedupKey = "x:" + createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        platform = "x",
        kind = "mention",
        eventId = "e" + createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        objectId = "o" + createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        authorId,
        authorHandle = "@" + authorId,
        followers,
        text,
        textTruncated = false,
        textRedacted = false,
        language = "en",
        sentiment = "negative",
        categories = Array.Empty<string>(),
        urgency = 0.3,
        urgent = false,
        createdAt = Iso(createdAt),
        triagedAt = Iso(triagedAt),
        deleted = false,
        hidden = false,
    };

    private static object Step(string? from, string to, DateTimeOffset at) => new { from, to, actor = "triage", reason = "test", at = Iso(at) };

    private static string Detail(string id, string authorId, DateTimeOffset openedAt, object[] mentions, params object[] history) =>
        JsonSerializer.Serialize(new
        {
            @case = new
            {
                id,
                brandId = "acme",
                platform = "x",
                authorId,
                authorHandle = "@" + authorId,
                authorKey = "x:" + authorId,
                status = "triaged",
                openedAt = Iso(openedAt),
                createdAt = Iso(openedAt),
                updatedAt = Iso(openedAt),
                lastMentionAt = Iso(openedAt),
                waitingSince = Iso(openedAt),
                urgency = 0.3,
                urgent = false,
                urgencyDecision = "not urgent",
                urgencyFactors = Array.Empty<object>(),
                policyVersion = "default-1",
                categories = Array.Empty<string>(),
                mentionCount = mentions.Length,
                escalationLevel = 0,
                firstMentionKey = "x:first",
                history = history.Length > 0 ? history : [Step(null, "new", openedAt), Step("new", "triaged", openedAt)],
                revision = 2,
                isOpen = true,
            },
            mentions,
            actions = Array.Empty<object>(),
        });

    private static (int, string) OneMentionCase(string id, string authorId, string text, DateTimeOffset openedAt) =>
        (200, Detail(id, authorId, openedAt, [Mention(id, authorId, text, openedAt, openedAt.AddMinutes(1))]));

    [Fact]
    public async Task DryRunCases_TwoPages_FollowsTheTokenAndTheKettleCaseBecomesUrgent()
    {
        var a = From.AddDays(1);
        var b = From.AddDays(2);
        await using var api = FakeCaseApi.Start(call => call switch
        {
            { Path: "/api/cases" } when call.Query["continuationToken"] is null => (200, Page("page-2", Summary("CASEA00001", "111", a))),
            { Path: "/api/cases" } when call.Query["continuationToken"] == "page-2" => (200, Page(null, Summary("CASEB00002", "222", b))),
            { Path: "/api/cases/CASEA00001" } => OneMentionCase("CASEA00001", "111", "Does the blue kettle come in red?", a),
            { Path: "/api/cases/CASEB00002" } => OneMentionCase("CASEB00002", "222", "Love the new flavour, thanks!", b),
            _ => (500, """{"error":"unexpected"}"""),
        });

        var code = await DryRunAsync(api.BaseUrl, KettlePolicy);

        Assert.Equal(0, code);
        Assert.Empty(_error.ToString());
        var lists = api.Calls.Where(c => c.Path == "/api/cases").ToList();
        Assert.Equal(2, lists.Count);
        Assert.All(lists, l => Assert.Equal("acme", l.Query["brand"]));
        Assert.All(lists, l => Assert.Equal(From.AddDays(-30), DateTimeOffset.Parse(l.Query["since"]!, CultureInfo.InvariantCulture)));
        Assert.All(api.Calls, c => Assert.Equal(ApiKey, c.ApiKey));
        var output = _output.ToString();
        Assert.Matches(@"(?m)^CASEA00001 \(1 mentions\): 0\.\d{4} not urgent -> \d\.\d{4} URGENT  \[becomes urgent\]$", output);
        Assert.Matches(@"(?m)^CASEB00002 \(1 mentions\): .*\[unchanged\]$", output);
        Assert.Contains("new:     urgent: rule kettle (category safety) always escalates", output, StringComparison.Ordinal);
        Assert.Contains(
            "summary default-2 -> acme-2: 2 cases (2 mentions), 1 become urgent, 0 stop being urgent (urgent 0 -> 1)",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRunCases_Json_CarriesTheCaseIdAndCountsCases()
    {
        var a = From.AddDays(1);
        await using var api = FakeCaseApi.Start(call => call.Path == "/api/cases"
            ? (200, Page(null, Summary("CASEA00001", "111", a)))
            : OneMentionCase("CASEA00001", "111", "Does the blue kettle come in red?", a));

        var code = await DryRunAsync(api.BaseUrl, KettlePolicy, json: true);

        Assert.Equal(0, code);
        var lines = _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("CASEA00001", lines[0].GetProperty("caseId").GetString());
        Assert.Equal("becomes urgent", lines[0].GetProperty("change").GetString());
        Assert.Equal(1, lines[0].GetProperty("mentions").GetInt32());
        Assert.Equal(1, lines[1].GetProperty("cases").GetInt32());
        Assert.Equal(1, lines[1].GetProperty("becomeUrgent").GetInt32());
    }

    [Fact]
    public async Task DryRunCases_StoredCase_RebuildsPriorContactsAndWaitingTimeFromHistory()
    {
        var t0 = From.AddDays(2);
        var earlier = From.AddDays(-10); // the author's earlier case: before the period, inside the 30-day window
        var mentions = new[]
        {
            Mention("CASEC00003", "42", Angry, t0, t0.AddMinutes(1)),
            Mention("CASEC00003", "42", Angry, t0.AddHours(3), t0.AddHours(3)),
            Mention("CASEC00003", "42", Angry, t0.AddHours(5), t0.AddHours(5)),
        };
        var history = new[]
        {
            Step(null, "new", t0.AddMinutes(1)),
            Step("new", "triaged", t0.AddMinutes(1)),
            Step("triaged", "awaitingCustomer", t0.AddHours(1)), // the brand answered: the clock restarts with the next mention
            Step("awaitingCustomer", "triaged", t0.AddHours(3)),
        };
        await using var api = FakeCaseApi.Start(call => call.Path switch
        {
            "/api/cases" => (200, Page(null, Summary("CASEOLD001", "42", earlier), Summary("CASEC00003", "42", t0))),
            "/api/cases/CASEC00003" => (200, Detail("CASEC00003", "42", t0, mentions, history)),
            _ => (500, """{"error":"not expected"}"""),
        });

        var code = await DryRunAsync(api.BaseUrl, EmptyPolicy, json: true);

        Assert.Equal(0, code);
        Assert.DoesNotContain(api.Calls, c => c.Path == "/api/cases/CASEOLD001"); // listed for counting, not scored
        var line = JsonDocument.Parse(_output.ToString().Split('\n')[0]).RootElement;
        Assert.Equal(3, line.GetProperty("mentions").GetInt32());
        var details = line.GetProperty("newFactors").EnumerateArray().Select(f => f.GetProperty("detail").GetString()).ToList();
        Assert.Contains("3 earlier contacts", details);      // two earlier mentions of the case + the earlier case
        Assert.Contains("2 h without an answer", details);   // waiting since the second mention, scored at the third
        Assert.Equal("unchanged", line.GetProperty("change").GetString());
    }

    [Fact]
    public async Task DryRunCases_MoreCasesThanMax_ScoresTheNewestAndSaysSo()
    {
        await using var api = FakeCaseApi.Start(call => call.Path switch
        {
            "/api/cases" => (200, Page(null, Summary("CASE000001", "1", From.AddDays(1)), Summary("CASE000002", "2", From.AddDays(2)), Summary("CASE000003", "3", From.AddDays(3)))),
            var p => OneMentionCase(p[^10..], "9", "Love the new flavour, thanks!", From.AddDays(1)),
        });

        var code = await DryRunAsync(api.BaseUrl, KettlePolicy, max: 2);

        Assert.Equal(0, code);
        Assert.Equal(["/api/cases/CASE000002", "/api/cases/CASE000003"], api.Calls.Select(c => c.Path).Where(p => p != "/api/cases"));
        Assert.Contains("3 cases in the period: scored the newest 2 (--max)", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 cases (2 mentions)", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("not scored (over --max) 1", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRunCases_CaseThatCannotBeRead_ReportedSkippedAndExitsTwo()
    {
        await using var api = FakeCaseApi.Start(call => call.Path switch
        {
            "/api/cases" => (200, Page(null, Summary("CASEGONE01", "1", From.AddDays(1)), Summary("CASEA00001", "111", From.AddDays(2)))),
            "/api/cases/CASEGONE01" => (404, """{"error":"no case 'CASEGONE01'"}"""),
            _ => OneMentionCase("CASEA00001", "111", "Does the blue kettle come in red?", From.AddDays(2)),
        });

        var code = await DryRunAsync(api.BaseUrl, KettlePolicy);

        Assert.Equal(2, code);
        Assert.Contains("case CASEGONE01: not found", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("[becomes urgent]", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 cases (1 mentions), 1 become urgent", _output.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("unreadable cases 1\n", _output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRunCases_KeyRefused_Is2_AndAsksToCheckTheKey()
    {
        await using var api = FakeCaseApi.Start(_ => (401, """{"error":"missing or wrong API key (X-Api-Key)"}"""));

        var code = await DryRunAsync(api.BaseUrl, KettlePolicy, apiKey: "wrong");

        Assert.Equal(2, code);
        Assert.Contains("401", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("check --api-key", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
        Assert.Equal("wrong", Assert.Single(api.Calls).ApiKey);
    }

    [Fact]
    public async Task DryRunCases_AppUnreachable_Is2_WithTheUrl()
    {
        var url = new Uri($"http://127.0.0.1:{FakeCaseApi.FreePort()}/");

        var code = await DryRunAsync(url, KettlePolicy);

        Assert.Equal(2, code);
        Assert.StartsWith("cannot reach " + url.AbsoluteUri + ": ", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    [Theory]
    [InlineData("--cases")]                                  // no brand
    [InlineData("--cases", "--brand", "acme", "--mentions", "-")]
    [InlineData("--cases", "--brand", "acme", "--max", "0")]
    [InlineData("--cases", "--brand", "acme", "--from", "2026-03-08T00:00:00Z", "--to", "2026-03-01T00:00:00Z")]
    [InlineData("--cases", "--brand", "acme", "--url", "ftp://example")]
    public async Task Invoke_BadCasesOptions_ExitsTwoWithoutACall(params string[] options)
    {
        var args = new[] { "policy", "dry-run", "--policy", KettlePolicy }.Concat(options).ToArray();

        var code = await CliApplication.CreateRootCommand(TextReader.Null, _output, _error).Parse(args).InvokeAsync();

        Assert.Equal(2, code);
        Assert.NotEmpty(_error.ToString());
        Assert.Empty(_output.ToString());
    }
}
