using System.Net;
using System.Text.Json;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Ingestion;

/// <summary>When storage is down nothing may be acknowledged: the platform must get a 5xx and retry.</summary>
public sealed class StorageDownTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task Post_StorageDown_Is503AndHealthSaysUnhealthy_ThenRecovers()
    {
        using var factory = new SocialFirstAppFactory(_azurite, triggers: false);
        using var client = factory.CreateClient();
        _azurite.Stop();

        using var down = await client.SendAsync(MetaDeliveries.Signed(MetaDeliveries.Comment("9101", "7101", "Ed", "my order is lost")));
        using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());

        // The platform retries once storage is back, and then it is accepted.
        await _azurite.StartAsync();
        using var retried = await client.SendAsync(MetaDeliveries.Signed(MetaDeliveries.Comment("9101", "7101", "Ed", "my order is lost")));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }
}
