using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Azure.Storage;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Ingestion;

/// <summary>Webhook deliveries against the running app on Azurite, with the trigger runners off so the queue can be inspected.</summary>
public sealed class WebhookIngestionTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly SocialFirstAppFactory _factory;
    private readonly HttpClient _client;

    public WebhookIngestionTests(AzuriteFixture azurite)
    {
        _factory = new SocialFirstAppFactory(azurite, triggers: false);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private StorageClients Storage => _factory.Services.GetRequiredService<StorageClients>();

    private async Task<List<string>> PeekMentionsAsync()
    {
        var queue = Storage.Queue(_factory.MentionsQueue);
        await queue.CreateIfNotExistsAsync();
        var messages = await queue.PeekMessagesAsync(32);
        return messages.Value.Select(m => m.Body.ToString()).ToList();
    }

    [Fact]
    public async Task Post_SignedMetaComment_QueuesMentionAndArchivesRawBytes()
    {
        // "Le bouchon m'a coupé le pouce 😡 / 瓶盖" escaped as Meta sends it.
        var body = MetaDeliveries.Comment("9001", "7001", "Ana", "Le bouchon m'a coup\\u00e9 le pouce \\ud83d\\ude21 \\/ \\u74f6\\u76d6");

        using var response = await _client.SendAsync(MetaDeliveries.Signed(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queued = Assert.Single(await PeekMentionsAsync());
        using var mention = JsonDocument.Parse(queued);
        Assert.Equal("Le bouchon m'a coupé le pouce 😡 / 瓶盖", mention.RootElement.GetProperty("text").GetString());
        Assert.Equal("7001", mention.RootElement.GetProperty("author").GetProperty("id").GetString());
        var rawRef = mention.RootElement.GetProperty("rawDeliveryRef").GetString()!;
        var blob = Storage.Blobs.GetBlobContainerClient(_factory.Prefix + "-raw").GetBlobClient($"accepted/{rawRef}.json");
        var stored = JsonDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToString());
        var storedBody = Convert.FromBase64String(stored.RootElement.GetProperty("bodyBase64").GetString()!);
        Assert.Equal(Encoding.UTF8.GetBytes(body), storedBody);
    }

    [Fact]
    public async Task Post_SameDeliveryTwice_QueuedOnce()
    {
        var body = MetaDeliveries.Comment("9002", "7002", "Bo", "Where is my order?");

        using var first = await _client.SendAsync(MetaDeliveries.Signed(body));
        // Meta redelivers the same event with a new entry.time.
        using var second = await _client.SendAsync(MetaDeliveries.Signed(body.Replace("\"time\":", "\"time\":1", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(await PeekMentionsAsync(), m => m.Contains("9002", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WrongSignature_Is401AndNothingQueued()
    {
        var body = MetaDeliveries.Comment("9003", "7003", "Cy", "forged complaint");

        using var response = await _client.SendAsync(MetaDeliveries.Signed(body, secret: "not-the-app-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(await PeekMentionsAsync(), m => m.Contains("9003", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_MissingSignature_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/meta") { Content = new StringContent("{}") };

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_SignedMalformedJson_Is400WithReasonAndKeptForInspection()
    {
        using var response = await _client.SendAsync(MetaDeliveries.Signed("{\"object\":\"page\",\"entry\":[{\"id\":"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var container = Storage.Blobs.GetBlobContainerClient(_factory.Prefix + "-raw");
        var rejected = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(prefix: "rejected/meta/"))
        {
            rejected.Add(blob.Name);
        }

        Assert.NotEmpty(rejected);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Is413()
    {
        var body = MetaDeliveries.Comment("9004", "7004", "Di", new string('x', 70_000));

        using var response = await _client.SendAsync(MetaDeliveries.Signed(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Get_MetaHandshake_EchoesChallengeOnlyForTheRightToken()
    {
        using var ok = await _client.GetAsync(new Uri($"/api/webhooks/meta?hub.mode=subscribe&hub.verify_token={SocialFirstAppFactory.MetaVerifyToken}&hub.challenge=1158201444", UriKind.Relative));
        using var wrong = await _client.GetAsync(new Uri("/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownPlatform_Is404()
    {
        using var response = await _client.PostAsync(new Uri("/api/webhooks/myspace", UriKind.Relative), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ServiceBusStandIn_SameEscalationTwice_OneMessageCarryingBodyAndMessageId()
    {
        var sink = new StorageQueueEscalationSink(Storage);
        var message = new SocialFirst.Core.Escalation.EscalationMessage
        {
            CaseId = "SFTEST0001",
            BrandId = "default",
            Level = 1,
            Platform = "Facebook",
            Reason = "urgent: category safety always escalates",
            RaisedAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
        };

        await sink.SendAsync(message, CancellationToken.None);
        await sink.SendAsync(message, CancellationToken.None);

        var queued = (await Storage.Queue(_factory.EscalationsQueue).PeekMessagesAsync(10)).Value;
        var only = Assert.Single(queued);
        var envelope = JsonSerializer.Deserialize<ServiceBusEnvelope>(only.Body.ToString(), StorageJson.Options)!;
        Assert.Equal("SFTEST0001-L1", envelope.MessageId);
        using var body = JsonDocument.Parse(envelope.Body);
        Assert.Equal("SFTEST0001", body.RootElement.GetProperty("caseId").GetString());
    }

    [Fact]
    public async Task GetHealth_StorageUp_ReportsHealthyWithVersion()
    {
        using var response = await _client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("version").GetString()));
        Assert.True(json.RootElement.GetProperty("dependencies").GetProperty("queues").GetProperty("ok").GetBoolean());
    }
}
