using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Watch;

/// <summary>
/// Retention on Azurite through the real pipeline: one author writes at fake time T, another 45 days later; at T+70 days
/// (acme keeps raw deliveries 30 days and texts 60) the RetentionWatch timer leaves no entity in any of the app's tables
/// and no archived delivery (body decoded) holding the old texts or the old author's name, while the newer ones and the
/// old case's counts stay. A second run changes nothing.
/// </summary>
public sealed class RetentionTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string OldId = "5900001";
    private const string OldName = "Olga Oldtimer";
    private const string OldText = "The lid of your soup tin was rusty inside and I felt sick afterwards";
    private const string NewId = "5900002";
    private const string NewText = "Your delivery van blocked my driveway this morning";
    private static readonly DateTimeOffset T = new(2025, 11, 24, 16, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private readonly ShiftedClock _clock = new(T);
    private readonly SocialFirstAppFactory _baseFactory;
    private readonly WebApplicationFactoryClient _app;

    public RetentionTests(AzuriteFixture azurite)
    {
        _baseFactory = new SocialFirstAppFactory(azurite, triggers: true, new Dictionary<string, string?>
        {
            ["Brands:acme:DisplayName"] = "Acme Foods",
            ["Brands:acme:Accounts:0"] = "facebook:" + MetaDeliveries.PageId,
            ["Brands:acme:RawDeliveryDays"] = "30",
            ["Brands:acme:TextDays"] = "60",
        });
        var factory = _baseFactory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        _app = new WebApplicationFactoryClient(factory, factory.CreateClient());
    }

    public void Dispose()
    {
        _app.Client.Dispose();
        _app.Factory.Dispose();
        _baseFactory.Dispose();
    }

    private ICaseStore Store => _app.Factory.Services.GetRequiredService<ICaseStore>();

    private async Task<Case> DeliverAsync(string commentId, string authorId, string name, string text)
    {
        var created = _clock.GetUtcNow().ToUnixTimeSeconds();
        using (var response = await _app.Client.SendAsync(MetaDeliveries.Signed(MetaDeliveries.Comment(commentId, authorId, name, text, created))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return await Eventually.GetAsync(
            async () => await Store.GetAuthorPointerAsync("acme", Platform.Facebook, authorId, CancellationToken.None) is { } p
                && await Store.GetCaseAsync(p.CaseId, CancellationToken.None) is { Status: not CaseStatus.New, MentionCount: 1 } c ? c : null,
            Timeout,
            $"the case of {authorId}");
    }

    private async Task<JsonElement> RunTimerAsync()
    {
        var now = _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var payload = "{\"Data\":{\"timer\":{\"Schedule\":{\"AdjustForDST\":true},\"IsPastDue\":false}},\"Metadata\":{\"sys\":{\"MethodName\":\"RetentionWatch\",\"UtcNow\":\"" + now + "\",\"RandGuid\":\"r\"}}}";
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        using var response = await _app.Client.PostAsync(new Uri("/RetentionWatch", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var report = JsonDocument.Parse(json.RootElement.GetProperty("Logs")[0].GetString()!);
        return report.RootElement.Clone();
    }

    private Task<List<string>> EverythingStoredAsync() => StoredEverything.ReadAsync(_app.Factory.Services.GetRequiredService<StorageClients>(), _baseFactory.Prefix);

    private static string[] Hits(List<string> stored, string needle) => StoredEverything.Hits(stored, needle);

    [Fact]
    public async Task RetentionWatch_PastThePeriods_RemovesOldTextsAndDeliveriesKeepsNewOnesAndCounts()
    {
        var old = await DeliverAsync("990301", OldId, OldName, OldText);
        _clock.Advance(TimeSpan.FromDays(45));
        var recent = await DeliverAsync("990302", NewId, "Nina Newcomer", NewText);
        _clock.Advance(TimeSpan.FromDays(25)); // T+70d: raw cutoff T+40d, text cutoff T+10d
        var before = await EverythingStoredAsync();
        Assert.NotEmpty(Hits(before, "soup tin was rusty"));   // the scan sees what it looks for
        Assert.NotEmpty(Hits(before, OldName));

        var report = await RunTimerAsync();

        Assert.Equal(1, report.GetProperty("rawDeliveriesDeleted").GetInt32());
        Assert.Equal(1, report.GetProperty("casesStripped").GetInt32());
        Assert.Equal(1, report.GetProperty("mentionsStripped").GetInt32());
        var after = await EverythingStoredAsync();
        foreach (var needle in new[] { "soup tin was rusty", OldName })
        {
            var hits = Hits(after, needle);
            Assert.True(hits.Length == 0, $"'{needle}' is still stored: {string.Join(" ;; ", hits.Select(h => h[..Math.Min(300, h.Length)]))}");
        }

        Assert.NotEmpty(Hits(after, NewText));
        Assert.NotEmpty(Hits(after, "Nina Newcomer"));
        var kept = await Store.GetCaseAsync(old.Id, CancellationToken.None);
        Assert.Equal((1, old.Urgency, old.Categories.Count), (kept!.MentionCount, kept.Urgency, kept.Categories.Count));
        Assert.Null(kept.AuthorHandle);
        Assert.Equal(string.Empty, Assert.Single(await Store.GetMentionsAsync(old.Id, CancellationToken.None)).Text);
        Assert.Equal(NewText, Assert.Single(await Store.GetMentionsAsync(recent.Id, CancellationToken.None)).Text);
        var profile = await Store.GetAuthorAsync(Platform.Facebook, OldId, CancellationToken.None);
        Assert.Equal(1, profile!.Mentions);

        var again = await RunTimerAsync();

        Assert.Equal((0, 0, 0), (again.GetProperty("rawDeliveriesDeleted").GetInt32(), again.GetProperty("casesStripped").GetInt32(), again.GetProperty("casesScanned").GetInt32()));
    }

    private sealed record WebApplicationFactoryClient(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory, HttpClient Client);

    /// <summary>Real time shifted by an offset that the test moves: timers and polling keep real durations.</summary>
    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan _initial = start - System.GetUtcNow();
        private long _extraTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _extraTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _initial + TimeSpan.FromTicks(Interlocked.Read(ref _extraTicks));
    }
}
