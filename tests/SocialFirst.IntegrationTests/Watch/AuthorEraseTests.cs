using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Watch;

/// <summary>
/// Erasure on Azurite: two authors go through the real pipeline (webhook, archive, triage, escalation dry run); after
/// <c>DELETE /api/authors/facebook/{id}</c> no entity in any of the app's tables and no archived delivery (body decoded)
/// contains the erased author's id, name or texts, while the other author's data and the anonymised counts remain.
/// Trend data too: the observations triage recorded, the trend watch's state and an incident lose the author's mention
/// and case ids.
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
            ["Watch:Trends:SettleSeconds"] = "0", // the watch run below reads what triage recorded a moment ago
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
    public async Task Delete_AuthorWithTrendData_LeavesNoMentionOrCaseIdOfTheirsInTrendStorage()
    {
        var now = _factory.Services.GetRequiredService<TimeProvider>().GetUtcNow(); // recent, so the watch keeps them pending
        await DeliverAsync("990301", DanaId, DanaName, DanaText1, now.ToUnixTimeSeconds() - 30);
        await DeliverAsync("990302", DanaId, DanaName, DanaText2, now.ToUnixTimeSeconds() - 20);
        await DeliverAsync("990401", "5800002", "Gus Other", GusText, now.ToUnixTimeSeconds() - 10);
        var dana = await CaseOfAsync(DanaId, 2);
        var gus = await CaseOfAsync("5800002", 1);
        var log = _factory.Services.GetRequiredService<ITrendObservationLog>();
        var observations = await Eventually.GetAsync(
            async () => (await log.ReadAsync("acme", now.AddHours(-2), now.AddHours(1), CancellationToken.None)) is { Count: 3 } all ? all : null,
            Timeout,
            "three recorded trend observations");
        var danaKeys = observations.Where(o => o.Observation.CaseId == dana.Id).Select(o => o.Observation.MentionId).ToList();
        var gusKey = Assert.Single(observations, o => o.Observation.CaseId == gus.Id).Observation.MentionId;
        Assert.Equal(2, danaKeys.Count);

        // The watch folds them into its state (pending, with mention and case ids); an incident links both authors.
        // (The standalone timer may have done so already; either way the state holds them, as checked below.)
        await _factory.Services.GetRequiredService<TrendWatchService>().RunAsync(CancellationToken.None);
        var incident = new Incident { Id = "inc-202511250000-1", BrandId = "acme", Terms = ["cap"], OpenedAt = dana.OpenedAt, LastSignalAt = dana.OpenedAt }
            .Link(danaKeys[0], dana.Id, 200).Link(gusKey, gus.Id, 200).Link(danaKeys[1], dana.Id, 200);
        var incidents = _factory.Services.GetRequiredService<IIncidentStore>();
        await incidents.UpsertAsync(new IncidentRecord(incident, "cap: 3 vs 0.1"), CancellationToken.None);
        var states = _factory.Services.GetRequiredService<ITrendWatchStateStore>();
        await Eventually.TrueAsync(
            async () => await states.LoadAsync("acme", CancellationToken.None) is { } loaded
                && await states.TrySaveAsync("acme", Add(loaded.State, incident), loaded.Version, CancellationToken.None) is not null,
            Timeout,
            "the incident in the trend state");
        static bool IsTrendData(string stored) =>
            stored.Contains("trendobservations|", StringComparison.Ordinal) || stored.Contains("incidents|", StringComparison.Ordinal) || stored.StartsWith("trend-state/", StringComparison.Ordinal);
        var before = (await EverythingStoredAsync()).Where(IsTrendData).ToList();
        Assert.NotEmpty(Hits(before, danaKeys[0])); // the scan sees observations, incident and state
        Assert.Contains(before, h => h.StartsWith("trend-state/", StringComparison.Ordinal) && h.Contains(dana.Id, StringComparison.Ordinal));
        Assert.Contains(before, h => h.Contains("incidents|", StringComparison.Ordinal) && h.Contains(dana.Id, StringComparison.Ordinal));

        using var response = await _client.DeleteAsync(new Uri($"/api/authors/facebook/{DanaId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, report.RootElement.GetProperty("trendObservations").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("incidents").GetInt32());
        var after = (await EverythingStoredAsync()).Where(IsTrendData).ToList();
        foreach (var needle in danaKeys.Append(dana.Id).Append(DanaId).Append(DanaName))
        {
            var hits = Hits(after, needle);
            Assert.True(hits.Length == 0, $"'{needle}' is still in trend data: {string.Join(" ;; ", hits.Select(h => h[..Math.Min(300, h.Length)]))}");
        }

        // Gus's observation and links stay; the incident keeps its count.
        Assert.NotEmpty(Hits(after, gusKey));
        var kept = await incidents.GetAsync("acme", incident.Id, CancellationToken.None);
        Assert.Equal([gusKey], kept!.Incident.MentionIds);
        Assert.Equal([gus.Id], kept.Incident.CaseIds);
        Assert.Equal(3, kept.Incident.LinkedMentionCount);
        Assert.Equal("cap: 3 vs 0.1", kept.Summary);
    }

    private static TrendWatchState Add(TrendWatchState state, Incident incident)
    {
        state.Trends.Incidents.Add(incident);
        return state;
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
