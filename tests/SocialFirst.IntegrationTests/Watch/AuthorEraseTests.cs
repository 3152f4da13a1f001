using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Watch;

/// <summary>
/// Erasure on Azurite: two authors go through the real pipeline (webhook, archive, triage, escalation dry run); after
/// <c>DELETE /api/authors/facebook/{id}</c> no entity in any of the app's tables and no archived delivery (body decoded)
/// contains the erased author's id, name or texts, while the other author's data and the anonymised counts remain.
/// </summary>
public sealed class AuthorEraseTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ApiKey = "erase-test-key";
    private const string DanaId = "5800001";
    private const string DanaName = "Dana Erasmus";
    private const string DanaText1 = "The cap on your salad dressing cut my thumb open, there was blood everywhere";
    private const string DanaText2 = "I also want a refund for the bottle, please sort it out";
    private const string GusText = "Your app charged me twice for one order";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private readonly SocialFirstAppFactory _factory;
    private readonly HttpClient _client;

    public AuthorEraseTests(AzuriteFixture azurite)
    {
        _factory = new SocialFirstAppFactory(azurite, triggers: true, new Dictionary<string, string?>
        {
            ["Api:Key"] = ApiKey,
            ["Brands:acme:DisplayName"] = "Acme Foods",
            ["Brands:acme:Accounts:0"] = "facebook:" + MetaDeliveries.PageId,
        });
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private ICaseStore Store => _factory.Services.GetRequiredService<ICaseStore>();

    private async Task DeliverAsync(string commentId, string authorId, string name, string text, long createdTime)
    {
        using var response = await _client.SendAsync(MetaDeliveries.Signed(MetaDeliveries.Comment(commentId, authorId, name, text, createdTime)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<Case> CaseOfAsync(string authorId, int mentions)
    {
        return await Eventually.GetAsync(
            async () => await Store.GetAuthorPointerAsync("acme", Platform.Facebook, authorId, CancellationToken.None) is { } p
                && await Store.GetCaseAsync(p.CaseId, CancellationToken.None) is { Status: not CaseStatus.New } c && c.MentionCount == mentions ? c : null,
            Timeout,
            $"the case of {authorId} with {mentions} mentions");
    }

    private Task<List<string>> EverythingStoredAsync() => StoredEverything.ReadAsync(_factory.Services.GetRequiredService<StorageClients>(), _factory.Prefix);

    private static string[] Hits(List<string> stored, string needle) => StoredEverything.Hits(stored, needle);

    [Fact]
    public async Task Delete_AuthorWithEscalatedCase_LeavesNoTraceButKeepsCountsAndOthers()
    {
        await DeliverAsync("990101", DanaId, DanaName, DanaText1, 1_764_000_000);
        await DeliverAsync("990102", DanaId, DanaName, DanaText2, 1_764_000_060);
        await DeliverAsync("990201", "5800002", "Gus Other", GusText, 1_764_000_100);
        var dana = await CaseOfAsync(DanaId, 2);
        var gus = await CaseOfAsync("5800002", 1);
        var outbox = _factory.Services.GetRequiredService<IEscalationOutbox>();
        await Eventually.TrueAsync(async () => (await outbox.ListAsync(dana.Id, CancellationToken.None)).Any(e => e.CaseRecorded), Timeout, "the recorded dry-run escalation of Dana's case");
        var before = await EverythingStoredAsync();
        Assert.NotEmpty(Hits(before, DanaId));          // the scan can see what it looks for
        Assert.NotEmpty(Hits(before, "salad dressing cut my thumb"));
        Assert.NotEmpty(Hits(before, DanaName));

        using var response = await _client.DeleteAsync(new Uri($"/api/authors/facebook/{DanaId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var r = report.RootElement;
        var token = r.GetProperty("token").GetString()!;
        Assert.StartsWith("erased-", token, StringComparison.Ordinal);
        Assert.Equal(1, r.GetProperty("cases").GetInt32());
        Assert.Equal(2, r.GetProperty("mentions").GetInt32());
        Assert.Equal(2, r.GetProperty("rawDeliveriesDeleted").GetInt32());
        Assert.True(r.GetProperty("outboxEntries").GetInt32() >= 1);

        var after = await EverythingStoredAsync();
        foreach (var needle in new[] { DanaId, DanaName, "salad dressing cut my thumb", "refund for the bottle" })
        {
            var hits = Hits(after, needle);
            Assert.True(hits.Length == 0, $"'{needle}' is still stored: {string.Join(" ;; ", hits.Select(h => h[..Math.Min(300, h.Length)]))}");
        }

        // The other author is untouched; the case and the counts stay, anonymised.
        Assert.NotEmpty(Hits(after, GusText));
        Assert.Equal(1, (await Store.GetCaseAsync(gus.Id, CancellationToken.None))!.MentionCount);
        var erased = await Store.GetCaseAsync(dana.Id, CancellationToken.None);
        Assert.Equal(token, erased!.AuthorId);
        Assert.Null(erased.AuthorHandle);
        Assert.Equal(2, erased.MentionCount);
        Assert.All(await Store.GetMentionsAsync(dana.Id, CancellationToken.None), m => Assert.Equal(string.Empty, m.Text));
        var profile = await Store.GetAuthorAsync(Platform.Facebook, token, CancellationToken.None);
        Assert.Equal(2, profile!.Mentions);
        Assert.Null(profile.Handle);
        Assert.Null(await Store.GetAuthorAsync(Platform.Facebook, DanaId, CancellationToken.None));
        var listed = await Store.ListCasesAsync(new CaseQuery { BrandId = "acme" }, null, CancellationToken.None);
        Assert.Contains(listed.Items, s => s.Id == dana.Id && s.AuthorId == token);

        // A repeat finds nothing left to erase.
        using var again = await _client.DeleteAsync(new Uri($"/api/authors/facebook/{DanaId}", UriKind.Relative));
        using var second = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(0, second.RootElement.GetProperty("cases").GetInt32());
        Assert.Equal(0, second.RootElement.GetProperty("rawDeliveriesDeleted").GetInt32());
    }

    [Fact]
    public async Task Delete_WithoutKeyOrUnknownPlatform_IsRefused()
    {
        using var anonymous = _factory.CreateClient();
        using var unauthorized = await anonymous.DeleteAsync(new Uri("/api/authors/facebook/1", UriKind.Relative));
        using var unknown = await _client.DeleteAsync(new Uri("/api/authors/myspace/1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
