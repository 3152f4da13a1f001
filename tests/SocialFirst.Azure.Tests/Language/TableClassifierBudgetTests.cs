using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.Language;
using SocialFirst.Azure.Storage;
using SocialFirst.Testing;

namespace SocialFirst.Azure.Tests.Language;

/// <summary>The shared monthly budget on Azurite: blocks, several instances, month roll-over, storage down.</summary>
public class TableClassifierBudgetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset March = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryReserveAsync_WithinBudget_TakesOneBlockFromTheTable()
    {
        var clients = await CreateClientsAsync();
        var sut = CreateSut(clients, monthly: 100, block: 10);

        Assert.True(await sut.TryReserveAsync(3, March, CancellationToken.None));
        Assert.True(await sut.TryReserveAsync(7, March, CancellationToken.None));

        // Ten documents fit in the first block: the table shows one block taken.
        Assert.Equal(10, await sut.UsedAsync(March, CancellationToken.None));
        Assert.True(await sut.TryReserveAsync(1, March, CancellationToken.None));
        Assert.Equal(20, await sut.UsedAsync(March, CancellationToken.None));
    }

    [Fact]
    public async Task TryReserveAsync_ManyInstancesInParallel_NeverExceedTheBudget()
    {
        var clients = await CreateClientsAsync();
        var instances = Enumerable.Range(0, 4).Select(_ => CreateSut(clients, monthly: 50, block: 5)).ToList();

        var granted = 0;
        var work = instances.Select(async budget =>
        {
            for (var i = 0; i < 30; i++)
            {
                if (await budget.TryReserveAsync(1, March, CancellationToken.None))
                {
                    Interlocked.Increment(ref granted);
                }
            }
        });
        await Task.WhenAll(work);

        // 120 asks against a budget of 50 in blocks of 5: exactly the budget is handed out, and no more.
        Assert.Equal(50, granted);
        Assert.Equal(50, await instances[0].UsedAsync(March, CancellationToken.None));
    }

    [Fact]
    public async Task TryReserveAsync_BudgetSpent_RefusesUntilNextMonth()
    {
        var clients = await CreateClientsAsync();
        var sut = CreateSut(clients, monthly: 12, block: 10);
        Assert.True(await sut.TryReserveAsync(10, March, CancellationToken.None));

        // 2 left in the table: a batch of 3 does not fit and takes nothing; 2 still fit.
        Assert.False(await sut.TryReserveAsync(3, March, CancellationToken.None));
        Assert.True(await sut.TryReserveAsync(2, March, CancellationToken.None));
        Assert.False(await sut.TryReserveAsync(1, March, CancellationToken.None));

        var april = new DateTimeOffset(2026, 4, 1, 0, 0, 1, TimeSpan.Zero);
        Assert.True(await sut.TryReserveAsync(1, april, CancellationToken.None));
        Assert.Equal(12, await sut.UsedAsync(March, CancellationToken.None));
        Assert.Equal(10, await sut.UsedAsync(april, CancellationToken.None));
    }

    [Fact]
    public async Task TryReserveAsync_NewProcess_SeesWhatEarlierProcessesUsed()
    {
        var clients = await CreateClientsAsync();
        Assert.True(await CreateSut(clients, monthly: 15, block: 10).TryReserveAsync(1, March, CancellationToken.None));

        var restarted = CreateSut(clients, monthly: 15, block: 10);

        // The first process holds 10 (1 spent); only 5 are left for everyone else.
        Assert.False(await restarted.TryReserveAsync(6, March, CancellationToken.None));
        Assert.True(await restarted.TryReserveAsync(5, March, CancellationToken.None));
    }

    [Fact]
    public async Task TryReserveAsync_StorageUnreachable_RefusesInsteadOfThrowing()
    {
        var port = FreePorts.Next();
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = connection, MaxRetries = 0, NetworkTimeoutSeconds = 2 }));
        var sut = CreateSut(clients, monthly: 100, block: 10);

        Assert.False(await sut.TryReserveAsync(1, March, CancellationToken.None));
    }

    private static TableClassifierBudget CreateSut(StorageClients clients, int monthly, int block) =>
        new(clients, monthly, block, NullLogger<TableClassifierBudget>.Instance);

    private async Task<StorageClients> CreateClientsAsync()
    {
        var prefix = "b" + Guid.NewGuid().ToString("N")[..12];
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix }));
        await clients.Table(TableClassifierBudget.TableBaseName).CreateIfNotExistsAsync();
        return clients;
    }
}
