using System.Diagnostics;
using System.Text.Json;
using SocialFirst.Azure.Tests.Fakes;
using static SocialFirst.Azure.Tests.ServiceBus.ServiceBusTestSupport;

namespace SocialFirst.Azure.Tests.ServiceBus;

public sealed class ServiceBusRestSenderTests
{
    [Fact]
    public async Task SendAsync_Message_PostsCamelCaseJsonWithBrokerPropertiesAndSas()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        var sender = CreateSender(SasOptions(bus), clock);

        await sender.SendAsync(Message(), CancellationToken.None);

        var request = Assert.Single(bus.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/escalations/messages", request.Path);
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.StartsWith("SharedAccessSignature sr=", request.Header("Authorization"), StringComparison.Ordinal);
        using var broker = JsonDocument.Parse(request.Header("BrokerProperties")!);
        Assert.Equal("c-2026-0001-L1", broker.RootElement.GetProperty("MessageId").GetString());
        Assert.Equal("c-2026-0001", broker.RootElement.GetProperty("CorrelationId").GetString());
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("c-2026-0001", body.RootElement.GetProperty("caseId").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("level").GetInt32());
        Assert.Equal("safety", body.RootElement.GetProperty("categories")[0].GetString());
        Assert.Equal("c-2026-0001-L1", Assert.Single(bus.Messages).MessageId);
    }

    [Fact]
    public async Task SendAsync_SameEscalationTwice_ServiceBusKeepsOne()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        var sender = CreateSender(SasOptions(bus), clock);

        await sender.SendAsync(Message(), CancellationToken.None);
        await sender.SendAsync(Message(), CancellationToken.None);
        await sender.SendAsync(Message(level: 2), CancellationToken.None);

        Assert.Equal(3, bus.Requests.Count);
        Assert.Equal(["c-2026-0001-L1", "c-2026-0001-L2"], bus.Messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task SendAsync_Throttled429WithRetryAfter_WaitsThenSucceeds()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        bus.Script(ScriptedResponse.TooManyRequests(retryAfterSeconds: 1));
        var sender = CreateSender(SasOptions(bus), clock);

        var watch = Stopwatch.StartNew();
        await sender.SendAsync(Message(), CancellationToken.None);

        Assert.Equal(2, bus.Requests.Count);
        Assert.Single(bus.Messages);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed.TotalMilliseconds} ms; Retry-After asked for 1 s");
    }

    [Fact]
    public async Task SendAsync_ServerErrorsThenSuccess_RetriesAndSucceeds()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        bus.Script(new ScriptedResponse(500), new ScriptedResponse(503));
        var sender = CreateSender(SasOptions(bus, maxRetries: 2), clock);

        await sender.SendAsync(Message(), CancellationToken.None);

        Assert.Equal(3, bus.Requests.Count);
        Assert.Single(bus.Messages);
    }

    [Fact]
    public async Task SendAsync_ServerErrorsBeyondRetries_ThrowsTransientFailure()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        bus.Script(new ScriptedResponse(500), new ScriptedResponse(500), new ScriptedResponse(500));
        var sender = CreateSender(SasOptions(bus, maxRetries: 2), clock);

        var ex = await Assert.ThrowsAsync<SocialFirst.Azure.ServiceBus.ServiceBusRestException>(() => sender.SendAsync(Message(), CancellationToken.None));

        Assert.Equal(3, bus.Requests.Count);
        Assert.Equal(500, ex.Status);
        Assert.True(ex.IsTransient);
        Assert.Empty(bus.Messages);
    }

    public static TheoryData<int, string> NonRetriable => new()
    {
        { 400, "40000" },
        { 401, "40100" },
        { 403, "40300" },
        { 404, "40400" },
        { 410, "41000" },
    };

    [Theory]
    [MemberData(nameof(NonRetriable))]
    public async Task SendAsync_NonRetriableStatus_ThrowsOnceWithStatusAndCode(int status, string code)
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        bus.Script(new ScriptedResponse(status, $"<Error><Code>{code}</Code><Detail>Rejected. TrackingId:1</Detail></Error>", "application/xml"));
        var sender = CreateSender(SasOptions(bus), clock);

        var ex = await Assert.ThrowsAsync<SocialFirst.Azure.ServiceBus.ServiceBusRestException>(() => sender.SendAsync(Message(), CancellationToken.None));

        Assert.Single(bus.Requests);
        Assert.Equal(status, ex.Status);
        Assert.Equal(code, ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Contains($"HTTP {status}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WrongKey_Throws401WithoutAnySecretInTheMessage()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        var options = SasOptions(bus);
        options.SasKey = "d3Jvbmcta2V5LXRoYXQtaXMtc2VjcmV0LTk4NzY1";
        var sender = CreateSender(options, clock);

        var ex = await Assert.ThrowsAsync<SocialFirst.Azure.ServiceBus.ServiceBusRestException>(() => sender.SendAsync(Message(), CancellationToken.None));

        Assert.Equal(401, ex.Status);
        Assert.Equal("40103", ex.ErrorCode);
        var authorization = Assert.Single(bus.Requests).Header("Authorization")!;
        var signature = authorization.Split('&').Single(p => p.StartsWith("sig=", StringComparison.Ordinal))[4..];
        Assert.DoesNotContain(options.SasKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(signature, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SharedAccessSignature sr", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ErrorDetailEchoingTheToken_DetailIsScrubbed()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        bus.Script(new ScriptedResponse(401, "<Error><Code>401</Code><Detail>Bad token SharedAccessSignature sr=x&amp;sig=SECRETSIG&amp;se=1&amp;skn=k; Bearer eyJSECRET</Detail></Error>", "application/xml"));
        var sender = CreateSender(SasOptions(bus), clock);

        var ex = await Assert.ThrowsAsync<SocialFirst.Azure.ServiceBus.ServiceBusRestException>(() => sender.SendAsync(Message(), CancellationToken.None));

        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_EntraId_SendsBearerTokenForTheServiceBusScope()
    {
        var clock = Clock();
        var credential = new FakeTokenCredential();
        await using var bus = await FakeServiceBus.StartAsync(bearerToken: credential.Token, time: clock);
        var options = new SocialFirst.Azure.ServiceBus.ServiceBusOptions { FullyQualifiedNamespace = bus.BaseUri.AbsoluteUri, RetryDelayMilliseconds = 10 };
        var sender = CreateSender(options, clock, credential, https: true);

        await sender.SendAsync(Message(), CancellationToken.None);

        Assert.Equal("Bearer " + credential.Token, Assert.Single(bus.Requests).Header("Authorization"));
        Assert.Equal(["https://servicebus.azure.net/.default"], credential.Scopes.Distinct());
        Assert.Single(bus.Messages);
    }
}
