using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Api;

/// <summary>
/// The agent API on Azurite, standalone: <c>POST /api/cases/{id}/{assign|notes|status|spam}</c> with the API key, read
/// back through <c>GET /api/cases/{id}</c>. Cases are written through the app's own case store (the Table store), as
/// triage would leave them, so each test starts from a known status without waiting for the pipeline.
/// </summary>
public sealed class CaseActionsTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ApiKey = "case-actions-test-key";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly SocialFirstAppFactory _factory;
    private readonly HttpClient _client;

    public CaseActionsTests(AzuriteFixture azurite)
    {
        _factory = new SocialFirstAppFactory(azurite, triggers: false, new Dictionary<string, string?> { ["Api:Key"] = ApiKey });
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public static TheoryData<string, string> Actions => new()
    {
        { "assign", """{"agent":"agent-bo","actor":"lead-cy"}""" },
        { "notes", """{"text":"called back","actor":"agent-ana"}""" },
        { "status", """{"status":"resolved","reason":"done","actor":"agent-ana"}""" },
        { "spam", """{"actor":"agent-ana"}""" },
    };

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private async Task<string> SeedAsync(CaseStatus status)
    {
        var id = "C" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        var store = _factory.Services.GetRequiredService<ICaseStore>();
        var c = Case.Open(id, "acme", Platform.Facebook, "u-" + id, "Dana", T0, "facebook:" + id, T0, "triage");
        var created = await store.TryCreateCaseAsync(c, CancellationToken.None);
        Assert.NotNull(created);
        var changed = status switch
        {
            CaseStatus.New => created,
            CaseStatus.Closed => created.TransitionTo(CaseStatus.Closed, "triage", "test", T0),
            _ => created.TransitionTo(CaseStatus.Triaged, "triage", "scored", T0),
        };
        var stored = ReferenceEquals(changed, created) ? created : await store.TryUpdateCaseAsync(changed, CancellationToken.None);
        Assert.NotNull(stored);
        await store.IndexCaseAsync(stored, CancellationToken.None);
        return id;
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> PostAsync(string id, string action, string body) =>
        _client.PostAsync(new Uri($"/api/cases/{id}/{action}", UriKind.Relative), Json(body));

    private async Task<JsonElement> GetCaseAsync(string id)
    {
        using var response = await _client.GetAsync(new Uri($"/api/cases/{id}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("case");
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Action_MissingOrWrongKey_Is401AndNothingChanges(string action, string body)
    {
        var id = await SeedAsync(CaseStatus.Triaged);
        using var anonymous = _factory.CreateClient();
        using var wrongKey = _factory.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "wrong");
        var uri = new Uri($"/api/cases/{id}/{action}", UriKind.Relative);

        using var missing = await anonymous.PostAsync(uri, Json(body));
        using var wrong = await wrongKey.PostAsync(uri, Json(body));
        using var garbage = await anonymous.PostAsync(uri, Json("not json"));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        var c = await GetCaseAsync(id);
        Assert.Equal("triaged", c.GetProperty("status").GetString());
        Assert.Equal(2, c.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Action_BodyOverTheLimit_Is413AndNothingChanges()
    {
        var id = await SeedAsync(CaseStatus.Triaged);
        var huge = $$"""{"text":"{{new string('x', 70_000)}}","actor":"agent-ana"}""";

        using var response = await PostAsync(id, "notes", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain((await GetCaseAsync(id)).GetProperty("history").EnumerateArray(), h => h.GetProperty("actor").GetString() == "agent-ana");
    }

    [Fact]
    public async Task NoteThenStatus_AppearInHistoryWithActor()
    {
        var id = await SeedAsync(CaseStatus.Triaged);

        using var note = await PostAsync(id, "notes", """{"text":"refund promised","actor":"agent-ana"}""");
        using var status = await PostAsync(id, "status", """{"status":"awaitingCustomer","reason":"answered by DM","actor":"agent-bo"}""");

        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var c = await GetCaseAsync(id);
        Assert.Equal("awaitingCustomer", c.GetProperty("status").GetString());
        var history = c.GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, h => h.GetProperty("actor").GetString() == "agent-ana" && h.GetProperty("reason").GetString() == "note: refund promised");
        var last = history[^1];
        Assert.Equal("agent-bo", last.GetProperty("actor").GetString());
        Assert.Equal("triaged", last.GetProperty("from").GetString());
        Assert.Equal("awaitingCustomer", last.GetProperty("to").GetString());
        Assert.Equal("answered by DM", last.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AssignAndSpam_AreRecordedAndListed()
    {
        var id = await SeedAsync(CaseStatus.Triaged);

        using var assign = await PostAsync(id, "assign", """{"agent":"agent-bo","actor":"lead-cy"}""");
        using var spam = await PostAsync(id, "spam", """{"actor":"agent-bo","reason":"bot account"}""");

        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, spam.StatusCode);
        var history = (await GetCaseAsync(id)).GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, h => h.GetProperty("actor").GetString() == "lead-cy" && h.GetProperty("reason").GetString() == "assigned: agent-bo");
        Assert.Equal("spam", history[^1].GetProperty("to").GetString());
        using var list = await _client.GetAsync(new Uri("/api/cases?brand=acme&status=spam", UriKind.Relative));
        var items = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray();
        Assert.Contains(items, i => i.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Status_ForbiddenTransition_Is409WithTheReason()
    {
        var id = await SeedAsync(CaseStatus.Closed);

        using var response = await PostAsync(id, "status", """{"status":"triaged","actor":"agent-ana"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains("is not an allowed transition", error, StringComparison.Ordinal);
        Assert.Equal("closed", (await GetCaseAsync(id)).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Action_MissingActor_Is400(string action, string body)
    {
        var id = await SeedAsync(CaseStatus.Triaged);
        var withoutActor = JsonSerializer.Deserialize<Dictionary<string, string>>(body)!;
        withoutActor.Remove("actor");

        using var response = await PostAsync(id, action, JsonSerializer.Serialize(withoutActor));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("actor", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await GetCaseAsync(id)).GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task UnknownCaseOrAction_Is404_AndBadStatusOrBody_Is400()
    {
        var id = await SeedAsync(CaseStatus.Triaged);

        using var noCase = await PostAsync("NOSUCHCASE", "notes", """{"text":"x","actor":"agent-ana"}""");
        using var noAction = await PostAsync(id, "teleport", """{"actor":"agent-ana"}""");
        using var badStatus = await PostAsync(id, "status", """{"status":"sleeping","actor":"agent-ana"}""");
        using var badBody = await PostAsync(id, "notes", "not json");

        Assert.Equal(HttpStatusCode.NotFound, noCase.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noAction.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
    }
}
