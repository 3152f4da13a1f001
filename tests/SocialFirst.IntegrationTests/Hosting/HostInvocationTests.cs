using System.Net;
using System.Text;
using System.Text.Json;
using SocialFirst.Functions.Standalone;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Hosting;

/// <summary>
/// Calls each non-HTTP function the way the Functions host does: POST /{FunctionName} with {Data, Metadata},
/// values double-encoded, and checks the answer is the documented {Outputs, Logs, ReturnValue} shape.
/// </summary>
public sealed class HostInvocationTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly SocialFirstAppFactory _factory;
    private readonly HttpClient _client;

    public HostInvocationTests(AzuriteFixture azurite)
    {
        _factory = new SocialFirstAppFactory(azurite, triggers: false);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string HostEncode(string value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task Escalate_HostShapedPayloadForUnknownCase_IsCompletedNotRetried_WithInvocationResult()
    {
        var body = """{"caseId":"SFHOST0001","brandId":"default","level":1,"platform":"X","reason":"urgent","raisedAt":"2026-11-25T10:00:00Z"}""";
        var payload = "{\"Data\":{\"escalation\":" + JsonSerializer.Serialize(HostEncode(body)) + "}," +
            "\"Metadata\":{\"MessageId\":\"\\\"SFHOST0001-L1\\\"\",\"DeliveryCount\":\"1\",\"sys\":{\"MethodName\":\"Escalate\",\"UtcNow\":\"2026-11-25T10:00:01Z\",\"RandGuid\":\"x\"}}}";

        using var first = await _client.PostAsync(new Uri("/Escalate", UriKind.Relative), Json(payload));
        using var second = await _client.PostAsync(new Uri("/Escalate", UriKind.Relative), Json(payload));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var b = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, a.RootElement.GetProperty("Outputs").ValueKind);
        Assert.True(a.RootElement.TryGetProperty("ReturnValue", out _));
        // An escalation for a case we do not have cannot succeed by retrying: it is recorded as poison and completed (200).
        Assert.Contains("poisoned", a.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("poisoned", b.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("SFHOST0001-L1", a.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_HostShapedQueuePayload_FilesTheMentionOnce()
    {
        var mention = new SocialFirst.Core.Mentions.Mention
        {
            Platform = SocialFirst.Core.Mentions.Platform.X,
            BrandAccountId = "2244994945",
            Kind = SocialFirst.Core.Mentions.MentionKind.Mention,
            EventId = "1993300000000000777",
            ObjectId = "1993300000000000777",
            Author = new SocialFirst.Core.Mentions.MentionAuthor("3805104374", "samrivera", "Sam", 48210),
            Text = "@AcmeFoods my order is lost again and nobody answers",
            CreatedAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
        };
        var body = SocialFirst.Azure.Storage.StorageMentionQueue.Serialize(mention);
        var payload = "{\"Data\":{\"mention\":" + JsonSerializer.Serialize(HostEncode(body)) + "}," +
            "\"Metadata\":{\"DequeueCount\":\"1\",\"Id\":\"\\\"0b1c\\\"\",\"sys\":{\"MethodName\":\"Triage\",\"UtcNow\":\"2026-11-25T10:00:01Z\",\"RandGuid\":\"z\"}}}";

        using var first = await _client.PostAsync(new Uri("/Triage", UriKind.Relative), Json(payload));
        using var second = await _client.PostAsync(new Uri("/Triage", UriKind.Relative), Json(payload));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var b = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        using var logA = JsonDocument.Parse(a.RootElement.GetProperty("Logs")[0].GetString()!);
        using var logB = JsonDocument.Parse(b.RootElement.GetProperty("Logs")[0].GetString()!);
        Assert.False(logA.RootElement.GetProperty("duplicate").GetBoolean());
        Assert.True(logB.RootElement.GetProperty("duplicate").GetBoolean());
        Assert.Equal(logA.RootElement.GetProperty("caseId").GetString(), logB.RootElement.GetProperty("caseId").GetString());
        Assert.Equal(1, logA.RootElement.GetProperty("dequeueCount").GetInt32());
    }

    [Fact]
    public async Task Triage_UnreadableMessage_AnswersNon2xxSoTheHostRetries()
    {
        var payload = "{\"Data\":{\"mention\":" + JsonSerializer.Serialize(HostEncode("{ not json")) + "},\"Metadata\":{\"DequeueCount\":\"\\\"1\\\"\"}}";

        using var response = await _client.PostAsync(new Uri("/Triage", UriKind.Relative), Json(payload));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task PoisonWatch_TimerPayload_ReportsPoisonCount()
    {
        var queue = _factory.Services.GetService(typeof(SocialFirst.Azure.Storage.StorageClients)) as SocialFirst.Azure.Storage.StorageClients;
        var poison = queue!.Queue(QueueTriggerRunner.PoisonQueueName(_factory.MentionsQueue));
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync("{\"stuck\":true}");
        const string payload = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-25T09:55:00Z","Next":"2026-11-25T10:05:00Z","LastUpdated":"2026-11-25T10:00:00Z"},"IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"PoisonWatch","UtcNow":"2026-11-25T10:00:00Z","RandGuid":"y"}}}
        """;

        using var response = await _client.PostAsync(new Uri("/PoisonWatch", UriKind.Relative), Json(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("\"messages\":1", json.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_NotJson_Is400()
    {
        using var response = await _client.PostAsync(new Uri("/Escalate", UriKind.Relative), Json("<xml/>"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
