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
/// <c>POST /api/cases/{id}/merge</c> and the assignee on Azurite, standalone: cases with mentions are written through the
/// app's Table store (as triage leaves them), merged through the API and read back through <c>GET /api/cases/{id}</c>.
/// </summary>
public sealed class CaseMergeTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ApiKey = "case-merge-test-key";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly SocialFirstAppFactory _factory;
    private readonly HttpClient _client;

    public CaseMergeTests(AzuriteFixture azurite)
    {
        _factory = new SocialFirstAppFactory(azurite, triggers: false, new Dictionary<string, string?> { ["Api:Key"] = ApiKey });
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private async Task<string> SeedAsync(int mentions, string brand = "acme", string? author = null, DateTimeOffset? opened = null)
    {
        var id = "C" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        var at = opened ?? T0;
        var store = _factory.Services.GetRequiredService<ICaseStore>();
        var c = (await store.TryCreateCaseAsync(Case.Open(id, brand, Platform.Facebook, author ?? "u-" + id, "Dana", at, "facebook:" + id + ":0", at, "triage"), CancellationToken.None))!;
        c = (await store.TryUpdateCaseAsync(c.TransitionTo(CaseStatus.Triaged, "triage", "scored", at), CancellationToken.None))!;
        for (var i = 0; i < mentions; i++)
        {
            var mention = new CaseMention
            {
                CaseId = id,
                Key = CaseMention.KeyFor(at.AddMinutes(i), "facebook:" + id + ":" + i),
                DedupKey = "facebook:" + id + ":" + i,
                Platform = Platform.Facebook,
                Kind = MentionKind.Comment,
                EventId = "e-" + id + i,
                ObjectId = "555_" + id + i,
                AuthorId = c.AuthorId,
                Text = "mention " + i,
                CreatedAt = at.AddMinutes(i),
            };
            c = (await store.TryAppendMentionAsync(c with { MentionCount = c.MentionCount + 1, LastMentionAt = mention.CreatedAt }, mention, CancellationToken.None)).Case!;
            await store.RecordMentionLocationAsync(Platform.Facebook, mention.ObjectId, new MentionLocation(id, mention.Key), CancellationToken.None);
        }

        await store.IndexCaseAsync(c, CancellationToken.None);
        return id;
    }

    private Task<HttpResponseMessage> PostAsync(string id, string action, string body) =>
        _client.PostAsync(new Uri($"/api/cases/{id}/{action}", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    private async Task<JsonElement> GetAsync(string id)
    {
        using var response = await _client.GetAsync(new Uri($"/api/cases/{id}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Merge_TwoCases_TargetHasAllMentionsSourceClosedWithPointer_AndAgainIsNoOp()
    {
        var author = "u-" + Guid.NewGuid().ToString("N")[..8];
        var source = await SeedAsync(mentions: 2, author: author, opened: T0.AddHours(2));
        var target = await SeedAsync(mentions: 1, author: author);

        using var merge = await PostAsync(source, "merge", $$"""{"into":"{{target}}","actor":"agent-ana"}""");
        using var again = await PostAsync(source, "merge", $$"""{"into":"{{target}}","actor":"agent-ana"}""");

        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        var answer = await merge.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("alreadyMerged").GetBoolean());
        Assert.Equal(target, answer.GetProperty("target").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyMerged").GetBoolean());

        var s = await GetAsync(source);
        Assert.Equal("closed", s.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(target, s.GetProperty("case").GetProperty("mergedInto").GetString());
        var closing = s.GetProperty("case").GetProperty("history").EnumerateArray().Last();
        Assert.Equal("agent-ana", closing.GetProperty("actor").GetString());
        Assert.Equal("merged into case " + target, closing.GetProperty("reason").GetString());

        var t = await GetAsync(target);
        Assert.Equal("triaged", t.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(3, t.GetProperty("case").GetProperty("mentionCount").GetInt32());
        Assert.Equal(3, t.GetProperty("mentions").GetArrayLength());
        Assert.Single(t.GetProperty("case").GetProperty("history").EnumerateArray(), h => h.GetProperty("reason").GetString() == "merged from case " + source);
        var store = _factory.Services.GetRequiredService<ICaseStore>();
        Assert.Equal(target, (await store.FindMentionAsync(Platform.Facebook, "555_" + source + "1", CancellationToken.None))!.CaseId);
    }

    [Fact]
    public async Task Merge_BadRequests_400And404_NothingChanges()
    {
        var source = await SeedAsync(mentions: 1);
        var otherBrand = await SeedAsync(mentions: 1, brand: "globex");

        using var sameCase = await PostAsync(source, "merge", $$"""{"into":"{{source}}","actor":"agent-ana"}""");
        using var crossBrand = await PostAsync(source, "merge", $$"""{"into":"{{otherBrand}}","actor":"agent-ana"}""");
        using var noInto = await PostAsync(source, "merge", """{"actor":"agent-ana"}""");
        using var noActor = await PostAsync(source, "merge", $$"""{"into":"{{otherBrand}}"}""");
        using var unknown = await PostAsync(source, "merge", """{"into":"NOSUCHCASE","actor":"agent-ana"}""");
        using var anonymous = _factory.CreateClient();
        using var noKey = await anonymous.PostAsync(new Uri($"/api/cases/{source}/merge", UriKind.Relative), new StringContent($$"""{"into":"{{otherBrand}}","actor":"agent-ana"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, sameCase.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, crossBrand.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noInto.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noActor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        var s = (await GetAsync(source)).GetProperty("case");
        Assert.Equal("triaged", s.GetProperty("status").GetString());
        Assert.False(s.TryGetProperty("mergedInto", out _));
    }

    [Fact]
    public async Task Assign_SetsAssignedTo_ReturnedByGetAndFilterableInTheList()
    {
        var mine = await SeedAsync(mentions: 1, brand: "initech");
        await SeedAsync(mentions: 1, brand: "initech");

        using var assign = await PostAsync(mine, "assign", """{"agent":"agent-bo","actor":"lead-cy"}""");

        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        Assert.Equal("agent-bo", (await GetAsync(mine)).GetProperty("case").GetProperty("assignedTo").GetString());
        using var list = await _client.GetAsync(new Uri("/api/cases?brand=initech&assignedTo=agent-bo", UriKind.Relative));
        var items = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        var item = Assert.Single(items);
        Assert.Equal(mine, item.GetProperty("id").GetString());
        Assert.Equal("agent-bo", item.GetProperty("assignedTo").GetString());
    }
}
