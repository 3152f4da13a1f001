using Microsoft.Extensions.Options;
using SocialFirst.Azure.Escalation;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Testing;

namespace SocialFirst.Azure.Tests.Escalation;

/// <summary>The shared OAuth state on Azurite: round trip and ETag-guarded writes.</summary>
public class TablePlatformTokenStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Expires = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryWriteAsync_CreateThenReplace_RoundTripsEveryField()
    {
        var sut = await CreateSutAsync();
        var state = new PlatformTokenState("AT-1", "RT-1", Expires, "abc123", Expires.AddMinutes(-1), "instance-a");

        var v1 = await sut.TryWriteAsync("x", "2244994945", state, null, CancellationToken.None);
        var read = await sut.GetAsync("x", "2244994945", CancellationToken.None);
        var v2 = await sut.TryWriteAsync("x", "2244994945", state with { AccessToken = "AT-2", LeaseUntil = null, LeaseOwner = null }, read!.Version, CancellationToken.None);
        var reread = await sut.GetAsync("x", "2244994945", CancellationToken.None);

        Assert.NotNull(v1);
        Assert.Equal(state, read.State);
        Assert.Equal(v1, read.Version);
        Assert.Equal(state with { AccessToken = "AT-2", LeaseUntil = null, LeaseOwner = null }, reread!.State);
        Assert.Equal(v2, reread.Version);
    }

    [Fact]
    public async Task TryWriteAsync_StaleVersionOrSecondCreate_ReturnsNull()
    {
        var sut = await CreateSutAsync();
        var state = new PlatformTokenState("AT-1", "RT-1", Expires, "abc123");
        var v1 = await sut.TryWriteAsync("x", "1", state, null, CancellationToken.None);
        await sut.TryWriteAsync("x", "1", state with { AccessToken = "AT-2" }, v1, CancellationToken.None);

        Assert.Null(await sut.TryWriteAsync("x", "1", state, null, CancellationToken.None));
        Assert.Null(await sut.TryWriteAsync("x", "1", state with { AccessToken = "AT-3" }, v1, CancellationToken.None));
        Assert.Equal("AT-2", (await sut.GetAsync("x", "1", CancellationToken.None))!.State.AccessToken);
        Assert.Null(await sut.GetAsync("x", "missing", CancellationToken.None));
    }

    private async Task<TablePlatformTokenStore> CreateSutAsync()
    {
        var prefix = "p" + Guid.NewGuid().ToString("N")[..12];
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix }));
        await clients.Table(TablePlatformTokenStore.TableBaseName).CreateIfNotExistsAsync();
        return new TablePlatformTokenStore(clients);
    }
}
