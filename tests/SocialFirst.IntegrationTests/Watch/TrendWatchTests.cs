using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Functions.Hosting;
using SocialFirst.Functions.Standalone;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Watch;

/// <summary>
/// Trend detection end to end on Azurite with a fake clock: two hours of ordinary comments, then a burst of comments
/// about a cap that cut people, all through signed Meta webhooks and the real triage function; the TrendWatch timer
/// function then opens one incident, which <c>GET /api/incidents</c> shows with its terms and linked cases.
/// </summary>
public sealed class TrendWatchTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ApiKey = "trend-test-key";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SocialFirstAppFactory _app;
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;
    private int _comments;

    public TrendWatchTests(AzuriteFixture azurite)
    {
        // Triggers off: the test drives triage and the timer itself, so the fake clock never stalls a polling loop.
        _app = new SocialFirstAppFactory(azurite, triggers: false, new Dictionary<string, string?>
        {
            ["Api:Key"] = ApiKey,
            ["Brands:acme:DisplayName"] = "Acme Foods",
            ["Brands:acme:Accounts:0"] = "facebook:" + MetaDeliveries.PageId,
        });
        _factory = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time)));
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _app.Dispose();
    }

    private IFunctionHandler Handler(string name) => _factory.Services.GetServices<IFunctionHandler>().Single(h => h.Name == name);

    /// <summary>A comment at <paramref name="at"/> through the webhook and the Triage function; returns the author id.</summary>
    private async Task<string> CommentAsync(string text, DateTimeOffset at)
    {
        var n = ++_comments;
        var author = "58" + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        _time.SetUtcNow(at);
        using (var response = await _client.SendAsync(MetaDeliveries.Signed(MetaDeliveries.Comment("77" + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture), author, "Customer" + n, text, at.ToUnixTimeSeconds()))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        var queue = _factory.Services.GetRequiredService<StorageClients>().Queue(_app.MentionsQueue);
        var message = await Eventually.GetAsync(async () => (await queue.ReceiveMessagesAsync(1)).Value.FirstOrDefault(), TimeSpan.FromSeconds(20), "the queued mention");
        var payload = HostPayloads.Queue("mention", message, _time.GetUtcNow(), "Triage");
        await Handler("Triage").InvokeAsync(InvocationRequest.Parse(payload.AsMemory()), CancellationToken.None);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        return author;
    }

    private async Task<TrendWatchReport> RunTrendWatchAsync(DateTimeOffset at)
    {
        _time.SetUtcNow(at);
        var payload = HostPayloads.Timer("timer", null, at.AddMinutes(5), isPastDue: false, at, "TrendWatch");
        var result = await Handler("TrendWatch").InvokeAsync(InvocationRequest.Parse(payload.AsMemory()), CancellationToken.None);
        return JsonSerializer.Deserialize<TrendWatchReport>(Assert.Single(result.Logs), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    [Fact]
    public async Task TrendWatch_BurstOfCapCutBloodOverNormalTraffic_OpensOneIncidentLinkingTheCases()
    {
        // 08:00–10:00: two ordinary comments every 15 minutes; the timer runs at 09:00 as it would.
        for (var w = 0; w < 8; w++)
        {
            await CommentAsync("Where is my order? It has not arrived yet", Start.AddMinutes((w * 15) + 3));
            await CommentAsync("Love the new flavour, thanks", Start.AddMinutes((w * 15) + 9));
            if (w == 3)
            {
                Assert.Equal(0, (await RunTrendWatchAsync(Start.AddHours(1))).Alerts);
            }
        }

        // 10:00–10:15: the burst, eight customers, and the usual traffic beside it.
        var burstAuthors = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            burstAuthors.Add(await CommentAsync("cap, cut, blood! again", Start.AddHours(2).AddMinutes(1 + i)));
        }

        await CommentAsync("Where is my order? It has not arrived yet", Start.AddHours(2).AddMinutes(10));
        var report = await RunTrendWatchAsync(Start.AddHours(2).AddMinutes(20));
        var again = await RunTrendWatchAsync(Start.AddHours(2).AddMinutes(20).AddSeconds(30));

        var store = _factory.Services.GetRequiredService<ICaseStore>();
        var burstCases = new List<string>();
        foreach (var author in burstAuthors)
        {
            burstCases.Add((await store.GetAuthorPointerAsync("acme", Platform.Facebook, author, CancellationToken.None))!.CaseId);
        }

        Assert.Equal(1, report.Alerts);
        Assert.Equal(0, again.Alerts);
        using var list = await _client.GetAsync(new Uri("/api/incidents?brand=acme&status=open", UriKind.Relative));
        list.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var incident = Assert.Single(doc.RootElement.GetProperty("items").EnumerateArray());
        var terms = incident.GetProperty("terms").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("cap", terms);
        Assert.Contains("cut", terms);
        Assert.Contains("blood", terms);
        Assert.Equal("open", incident.GetProperty("status").GetString());
        Assert.Equal(burstCases.Order(), incident.GetProperty("caseIds").EnumerateArray().Select(c => c.GetString()!).Order());
        Assert.Contains("cap", incident.GetProperty("summary").GetString(), StringComparison.Ordinal);

        var id = incident.GetProperty("id").GetString()!;
        using var one = await _client.GetAsync(new Uri($"/api/incidents/{id}?brand=acme", UriKind.Relative));
        using var missing = await _client.GetAsync(new Uri("/api/incidents/inc-nope?brand=acme", UriKind.Relative));
        using var anonymous = _factory.CreateClient();
        using var unauthorized = await anonymous.GetAsync(new Uri("/api/incidents?brand=acme", UriKind.Relative));
        using var closed = await _client.GetAsync(new Uri("/api/incidents?brand=acme&status=closed", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        using var closedDoc = JsonDocument.Parse(await closed.Content.ReadAsStringAsync());
        Assert.Empty(closedDoc.RootElement.GetProperty("items").EnumerateArray());

        var linked = await store.GetCaseAsync(burstCases[0], CancellationToken.None);
        Assert.Contains(linked!.History, h => h.Actor == TrendWatchService.Actor && h.Reason == TrendWatchService.LinkReason(id));
    }
}
