using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using SocialFirst.Azure.Escalation;
using SocialFirst.Azure.Tests.Cases;
using SocialFirst.Azure.Tests.Fakes;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Azure.Tests.Escalation;

public sealed class WebhookAlertSinkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static EscalationAlert Alert(AlertKind kind, string brand = "acme", string category = "safety") =>
        new(kind, brand, "K3F9QX2M7A", "Facebook", 1, OutboxStatus.Sent, "Sent: sent", [category], T0, "K3F9QX2M7A:private-reply-L1");

    private static WebhookAlertSink CreateSut(FakeHttpServer server, bool alertWebhook = true)
    {
        var options = new EscalationOptions();
        options.Brands["acme"] = new EscalationBrandOptions
        {
            SafetyAlertWebhook = new Uri(server.BaseUri, "hooks/safety?token=s3cret").AbsoluteUri,
            AlertWebhook = alertWebhook ? new Uri(server.BaseUri, "hooks/people").AbsoluteUri : null,
        };
        return new WebhookAlertSink(new StaticOptionsMonitor<EscalationOptions>(options), NullLogger<WebhookAlertSink>.Instance);
    }

    [Fact]
    public async Task AlertAsync_Safety_PostsJsonToTheSafetyWebhookWithIdempotencyKey()
    {
        await using var server = await FakeHttpServer.StartAsync((context, _) => { context.Response.StatusCode = 204; return Task.CompletedTask; });

        await CreateSut(server).AlertAsync(Alert(AlertKind.Safety), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/safety", request.Path);
        Assert.Equal("K3F9QX2M7A:private-reply-L1", request.Header("Idempotency-Key"));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("safety", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("K3F9QX2M7A", json.RootElement.GetProperty("caseId").GetString());
        Assert.Equal("sent", json.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(true, "/hooks/people")]
    [InlineData(false, "/hooks/safety")]
    public async Task AlertAsync_NeedsHuman_GoesToAlertWebhook_ElseSafetyWebhook(bool alertWebhook, string expectedPath)
    {
        await using var server = await FakeHttpServer.StartAsync((context, _) => { context.Response.StatusCode = 200; return Task.CompletedTask; });

        await CreateSut(server, alertWebhook).AlertAsync(Alert(AlertKind.NeedsHuman), CancellationToken.None);

        Assert.Equal(expectedPath, Assert.Single(server.Requests).Path);
    }

    [Theory]
    [InlineData("safety", "/hooks/safety")]
    [InlineData("service_failure", "/hooks/people")]
    public async Task AlertAsync_Trend_GoesToSafetyContactOnlyForSafetyIncidents(string category, string expectedPath)
    {
        await using var server = await FakeHttpServer.StartAsync((context, _) => { context.Response.StatusCode = 200; return Task.CompletedTask; });

        await CreateSut(server).AlertAsync(Alert(AlertKind.Trend, category: category), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(expectedPath, request.Path);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("trend", json.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task AlertAsync_BrandWithoutWebhook_SendsNothing()
    {
        await using var server = await FakeHttpServer.StartAsync((context, _) => Task.CompletedTask);

        await CreateSut(server).AlertAsync(Alert(AlertKind.Safety, brand: "other"), CancellationToken.None);

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task AlertAsync_WebhookRefuses_Throws()
    {
        await using var server = await FakeHttpServer.StartAsync((context, _) => { context.Response.StatusCode = StatusCodes.Status400BadRequest; return Task.CompletedTask; });

        var ex = await Assert.ThrowsAsync<AlertDeliveryException>(() => CreateSut(server).AlertAsync(Alert(AlertKind.Safety), CancellationToken.None));

        Assert.Contains("HTTP 400", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
    }
}
