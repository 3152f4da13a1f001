using System.Net;
using System.Text.Json;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.EndToEnd;

/// <summary>
/// "Fifth email about this" through the real app on Azurite: a signed generic delivery, triage with the embedded
/// classifier, the case read back through the API. The author's own repeat contact makes a small account's complaint
/// urgent; the same complaint without it is not.
/// </summary>
public sealed class RepeatContactTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ApiKey = "repeat-contact-test-key";
    private const string XAccount = "2244994945";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly SocialFirstAppFactory _factory;
    private readonly HttpClient _client;

    public RepeatContactTests(AzuriteFixture azurite)
    {
        _factory = new SocialFirstAppFactory(azurite, triggers: true, new Dictionary<string, string?>
        {
            ["Api:Key"] = ApiKey,
            ["Brands:acme:DisplayName"] = "Acme Foods",
            ["Brands:acme:Accounts:0"] = "x:" + XAccount,
        });
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    /// <summary>The <c>case</c> object of <c>GET /api/cases/{id}</c> for the author's case, once triage has filed it.</summary>
    private async Task<JsonElement> CaseOfAsync(string authorId)
    {
        var json = await Eventually.GetAsync(
            async () =>
            {
                using var list = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/api/cases?brand=acme", UriKind.Relative)));
                var id = list.RootElement.GetProperty("items").EnumerateArray()
                    .Where(i => i.GetProperty("authorId").GetString() == authorId)
                    .Select(i => i.GetProperty("id").GetString())
                    .FirstOrDefault();
                return id is null ? null : await _client.GetStringAsync(new Uri("/api/cases/" + id, UriKind.Relative));
            },
            Timeout,
            "the case of " + authorId);
        using var detail = JsonDocument.Parse(json);
        return detail.RootElement.GetProperty("case").Clone();
    }

    [Fact]
    public async Task Triage_StatedRepeatContactFromSmallAccount_UrgentWithTheRepeatFactor()
    {
        var now = TimeProvider.System.GetUtcNow();
        using var request = GenericDeliveries.Signed(
            XAccount,
            GenericDeliveries.XMention("1700000000000000201", "chaser", "This is the 5th email I'm sending about my missing refund. Ticket #55102. Does anyone read these", now.AddMinutes(-5), followers: 40),
            GenericDeliveries.XMention("1700000000000000202", "firsttime", "My refund is missing. Ticket #55103. Does anyone read these", now.AddMinutes(-5), followers: 40));
        using (var response = await _client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var repeated = await CaseOfAsync("chaser");
        var first = await CaseOfAsync("firsttime");

        Assert.True(repeated.GetProperty("urgent").GetBoolean(), repeated.GetRawText());
        var factor = Assert.Single(repeated.GetProperty("urgencyFactors").EnumerateArray(), f => f.GetProperty("factor").GetString() == "repeat_contact");
        Assert.Equal("repeat contact stated in the text", factor.GetProperty("detail").GetString());
        Assert.False(first.GetProperty("urgent").GetBoolean(), first.GetRawText());
        Assert.DoesNotContain(first.GetProperty("urgencyFactors").EnumerateArray(), f => f.GetProperty("factor").GetString() == "repeat_contact");
    }
}
