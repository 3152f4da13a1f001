using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Cli.Commands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Watch.Application;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Watch;

/// <summary>
/// The daily care roll-up on Azurite, in the composed app: a brand seeded with 400 handled cases over 60 days
/// (<see cref="CareBenchSeeder"/>, through the Table case store) gets the same scorecard from <c>GET /api/metrics</c>
/// before the <c>CareRollUp</c> timer ran (all live) and after (settled days from the roll-up), to the last digit.
/// </summary>
public sealed class CareRollUpTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ApiKey = "rollup-test-key";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly SocialFirstAppFactory _baseFactory;
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public CareRollUpTests(AzuriteFixture azurite)
    {
        _baseFactory = new SocialFirstAppFactory(azurite, triggers: false, new Dictionary<string, string?>
        {
            ["Api:Key"] = ApiKey,
            ["Brands:acme:DisplayName"] = "Acme Foods",
            ["Brands:acme:Accounts:0"] = "facebook:" + MetaDeliveries.PageId,
        });
        _factory = _baseFactory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))));
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _baseFactory.Dispose();
    }

    private T Service<T>()
        where T : notnull => _factory.Services.GetRequiredService<T>();

    private async Task<string> ScorecardAsync(DateTimeOffset from, DateTimeOffset to)
    {
        static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture));
        using var response = await _client.GetAsync(new Uri($"/api/metrics?brand=acme&from={Q(from)}&to={Q(to)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<JsonElement> RunTimerAsync()
    {
        var payload = "{\"Data\":{\"timer\":{\"Schedule\":{\"AdjustForDST\":true},\"IsPastDue\":false}},\"Metadata\":{\"sys\":{\"MethodName\":\"CareRollUp\",\"UtcNow\":\"2026-03-02T12:00:00Z\",\"RandGuid\":\"r\"}}}";
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/CareRollUp", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var report = JsonDocument.Parse(json.RootElement.GetProperty("Logs")[0].GetString()!);
        return report.RootElement.Clone();
    }

    [Fact]
    public async Task Metrics_SeededBrandBeforeAndAfterRollUp_GivesTheSameScorecard()
    {
        await CareBenchSeeder.SeedAsync(Service<ICaseStore>(), Service<IEscalationOutbox>(), "acme", 400, 60, Now, seed: 11, parallelism: 8, CancellationToken.None);
        var periods = new[]
        {
            (From: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), To: Now.AddHours(1)),               // settled days + the live last 14
            (From: new DateTimeOffset(2026, 1, 5, 7, 30, 0, TimeSpan.Zero), To: new DateTimeOffset(2026, 2, 3, 17, 0, 0, TimeSpan.Zero)), // partial days at both ends
            (From: new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.Zero)), // re-contacts cut at to + 7 days
        };
        var live = new List<string>();
        foreach (var (from, to) in periods)
        {
            live.Add(await ScorecardAsync(from, to));
        }

        var report = await RunTimerAsync();
        var again = await RunTimerAsync();

        Assert.Equal("2026-02-15", report.GetProperty("lastSettled").GetString()); // 2 March − (7 + 7) days, whole days
        Assert.True(report.GetProperty("days").GetInt32() >= 45, report.ToString());
        Assert.True(report.GetProperty("cases").GetInt32() > 250, report.ToString());
        Assert.False(report.GetProperty("more").GetBoolean());
        Assert.Equal((0, 0), (again.GetProperty("days").GetInt32(), again.GetProperty("cases").GetInt32())); // nothing missing any more
        for (var i = 0; i < periods.Length; i++)
        {
            Assert.Equal(live[i], await ScorecardAsync(periods[i].From, periods[i].To));
        }

        // The seed exercises what the roll-up has to carry: re-contacts, private replies, people, off-channel, open cases.
        using var card = JsonDocument.Parse(live[0]);
        var all = card.RootElement.GetProperty("overall");
        Assert.True(all.GetProperty("reContactRate").GetDouble() > 0);
        Assert.True(all.GetProperty("complaintsMovedToPrivateShare").GetDouble() > 0);
        Assert.True(all.GetProperty("humanEscalationShare").GetDouble() > 0);
        Assert.True(all.GetProperty("resolvedInChannelShare").GetDouble() < 1);
        Assert.True(all.GetProperty("resolved").GetInt32() < all.GetProperty("cases").GetInt32());
    }

    [Fact]
    public async Task Metrics_CaseOfASettledDayChangesLater_RollUpKeepsTheDayAsSettled()
    {
        var store = Service<ICaseStore>();
        await CareBenchSeeder.SeedAsync(store, Service<IEscalationOutbox>(), "acme", 120, 60, Now, seed: 12, parallelism: 8, CancellationToken.None);
        var settled = (From: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2026, 2, 16, 0, 0, 0, TimeSpan.Zero));
        await RunTimerAsync();
        var before = await ScorecardAsync(settled.From, settled.To);

        // An agent resolves an old open case of a settled day: the roll-up does not see it (documented limit)...
        var listed = await store.ListCasesAsync(new CaseQuery { BrandId = "acme", Order = CaseOrder.MostUrgent, PageSize = 500 }, null, CancellationToken.None);
        var open = listed.Items.First(s => s.OpenedAt < settled.To);
        var c = await store.GetCaseAsync(open.Id, CancellationToken.None);
        var resolved = await store.TryUpdateCaseAsync(c!.TransitionTo(CaseStatus.Resolved, "agent", "resolved late", Now.AddMinutes(-5)), CancellationToken.None);
        await store.IndexCaseAsync(resolved!, CancellationToken.None);

        Assert.Equal(before, await ScorecardAsync(settled.From, settled.To));

        // ...while the live path does.
        var options = Microsoft.Extensions.Options.Options.Create(new WatchOptions { Metrics = new CareMetricsOptions { UseRollUp = false } });
        var live = new CareMetricsService(store, Service<IEscalationOutbox>(), Service<ISlaPolicyProvider>(), options, Service<TimeProvider>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<CareMetricsService>.Instance, Service<ICareDayStore>());
        var liveCard = await live.ComputeAsync("acme", settled.From, settled.To, CancellationToken.None);
        using var rolledUp = JsonDocument.Parse(before);
        Assert.Equal(rolledUp.RootElement.GetProperty("overall").GetProperty("resolved").GetInt32() + 1, liveCard.Overall.Resolved);
    }
    [Fact]
    public async Task DeleteAuthor_AfterRollUp_StoredEverythingHoldsNothingOfTheirs()
    {
        var store = Service<ICaseStore>();
        await CareBenchSeeder.SeedAsync(store, Service<IEscalationOutbox>(), "acme", 120, 60, Now, seed: 13, parallelism: 8, CancellationToken.None);
        var oldest = (await store.ListCasesAsync(new CaseQuery { BrandId = "acme", PageSize = 1 }, null, CancellationToken.None)).Items[0];
        await RunTimerAsync();
        var storage = Service<SocialFirst.Azure.Storage.StorageClients>();
        var before = await StoredEverything.ReadAsync(storage, _baseFactory.Prefix);
        var rollUpRows = before.Where(r => r.Contains("caredays|", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(StoredEverything.Hits(before, oldest.AuthorId));            // the scan sees the author...
        Assert.Contains(rollUpRows, r => r.Contains("|decoded=[{\"o\":", StringComparison.Ordinal)); // ...and inside the roll-up
        Assert.All(rollUpRows, r => Assert.DoesNotContain(oldest.Id, r, StringComparison.Ordinal));

        using var response = await _client.DeleteAsync(new Uri($"/api/authors/{oldest.Platform.ToString().ToLowerInvariant()}/{oldest.AuthorId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await StoredEverything.ReadAsync(storage, _baseFactory.Prefix);
        var hits = StoredEverything.Hits(after, oldest.AuthorId);
        Assert.True(hits.Length == 0, $"'{oldest.AuthorId}' is still stored: {string.Join(" ;; ", hits.Select(h => h[..Math.Min(300, h.Length)]))}");
        Assert.Equal(rollUpRows.Select(WithoutTimestamp), after.Where(r => r.Contains("caredays|", StringComparison.Ordinal)).Select(WithoutTimestamp)); // nothing to erase there
    }

    private static string WithoutTimestamp(string row) => string.Join("|", row.Split('|').Where(p => !p.StartsWith("Timestamp=", StringComparison.Ordinal) && !p.StartsWith("odata.etag=", StringComparison.Ordinal)));
}
