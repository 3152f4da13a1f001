using System.Security.Cryptography;
using System.Text;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;
using SocialFirst.Azure.ServiceBus;
using SocialFirst.Azure.Tests.Fakes;
using static SocialFirst.Azure.Tests.ServiceBus.ServiceBusTestSupport;

namespace SocialFirst.Azure.Tests.ServiceBus;

public sealed class SharedAccessSignatureTests
{
    [Fact]
    public void Create_KnownInputs_HasDocumentedFieldsAndVerifiableSignature()
    {
        var expiry = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

        var token = SharedAccessSignature.Create("https://sb-x.servicebus.windows.net/escalations", "sender", "a2V5", expiry);

        Assert.StartsWith("SharedAccessSignature sr=https%3a%2f%2fsb-x.servicebus.windows.net%2fescalations&sig=", token, StringComparison.Ordinal);
        Assert.EndsWith("&se=1772359200&skn=sender", token, StringComparison.Ordinal);
        var sig = HttpUtility.UrlDecode(token.Split('&')[1]["sig=".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("a2V5"), Encoding.UTF8.GetBytes("https%3a%2f%2fsb-x.servicebus.windows.net%2fescalations\n1772359200")));
        Assert.Equal(expected, sig);
    }

    [Fact]
    public async Task Policy_TokenNearExpiry_IsRenewedFromTheInjectedClock()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        var options = SasOptions(bus);
        options.SasTokenLifetimeMinutes = 10;
        var sender = CreateSender(options, clock);

        await sender.SendAsync(Message("c-1"), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        await sender.SendAsync(Message("c-2"), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(4.5));
        await sender.SendAsync(Message("c-3"), CancellationToken.None);

        var tokens = bus.Requests.Select(r => r.Header("Authorization")).ToList();
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);
        Assert.EndsWith($"se={(clock.GetUtcNow() + TimeSpan.FromMinutes(10)).ToUnixTimeSeconds()}&skn={FakeServiceBus.SasKeyName}", tokens[2], StringComparison.Ordinal);
        Assert.Equal(3, bus.Messages.Count);
    }

    [Fact]
    public async Task Policy_ClockPastExpiry_FakeRejectsAnOldTokenButTheSenderSignsAFreshOne()
    {
        var clock = Clock();
        await using var bus = await FakeServiceBus.StartAsync(time: clock);
        var sender = CreateSender(SasOptions(bus), clock);
        await sender.SendAsync(Message("c-1"), CancellationToken.None);

        clock.Advance(TimeSpan.FromHours(2));
        await sender.SendAsync(Message("c-2"), CancellationToken.None);

        Assert.Equal(2, bus.Messages.Count);
    }

    [Fact]
    public void OnSendingRequest_SetsAuthorizationHeader()
    {
        var policy = new SharedAccessSignaturePolicy("https://sb-x.servicebus.windows.net/q", "k", "a2V5", TimeSpan.FromMinutes(5), Clock());
        using var message = HttpPipelineBuilder.Build(AzureRestOptions()).CreateMessage();

        policy.OnSendingRequest(message);

        Assert.True(message.Request.Headers.TryGetValue(HttpHeader.Names.Authorization, out var value));
        Assert.StartsWith("SharedAccessSignature sr=", value, StringComparison.Ordinal);
    }

    private static SocialFirst.Azure.Http.AzureRestClientOptions AzureRestOptions() =>
        SocialFirst.Azure.Http.AzureRestClientOptions.Create(0, TimeSpan.FromSeconds(1));
}
