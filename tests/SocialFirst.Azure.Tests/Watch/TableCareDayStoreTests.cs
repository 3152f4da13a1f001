using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.Storage;
using SocialFirst.Azure.Watch;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch;
using SocialFirst.Core.Watch.Metrics;
using SocialFirst.Testing;

namespace SocialFirst.Azure.Tests.Watch;

/// <summary>The daily care roll-up table on Azurite: exact round trips, days bigger than one row, torn writes.</summary>
public class TableCareDayStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateOnly Day = new(2026, 1, 5);

    private async Task<(TableCareDayStore Store, TableClient Table)> CreateSutAsync()
    {
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12] }));
        var store = new TableCareDayStore(clients);
        await store.EnsureTableAsync(CancellationToken.None);
        return (store, clients.Table(TableCareDayStore.TableBaseName));
    }

    private static List<CareCaseFacts> Cases(int n, int seed = 1)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, n).Select(i =>
        {
            var opened = start.AddTicks((long)(random.NextDouble() * TimeSpan.TicksPerDay));
            return new CareCaseFacts
            {
                Timeline = new CaseTimeline
                {
                    CaseId = string.Empty,
                    BrandId = "acme",
                    Platform = (Platform)(i % 5),
                    Urgency = (UrgencyBand)(i % 4),
                    OpenedAt = opened,
                    FirstResponseAt = i % 3 == 0 ? null : opened.AddTicks(random.NextInt64(TimeSpan.TicksPerDay)),
                    ResolvedAt = i % 4 == 0 ? null : opened.AddTicks(random.NextInt64(10 * TimeSpan.TicksPerDay)),
                    IsComplaint = i % 2 == 0,
                    MovedToPrivate = i % 7 == 0,
                    ResolvedInChannel = i % 5 != 0,
                    EscalatedToHuman = i % 11 == 0,
                    EscalationLevel = i % 3,
                    LastEscalatedAt = i % 3 == 0 ? null : opened.AddMinutes(i % 90),
                },
                Reopened = i % 13 == 0,
                ReturnedAt = i % 6 == 0 ? opened.AddDays(3) : null,
            };
        }).ToList();
    }

    [Fact]
    public async Task WriteAsync_ThenReadAsync_GivesTheSameFacts()
    {
        var (sut, _) = await CreateSutAsync();
        var cases = Cases(500);

        await sut.WriteAsync("acme", new CareDay(Day, cases), CancellationToken.None);
        await sut.WriteAsync("acme", new CareDay(Day.AddDays(2), []), CancellationToken.None);
        var read = await sut.ReadAsync("acme", Day, Day.AddDays(5), CancellationToken.None);

        Assert.Equal([Day, Day.AddDays(2)], read.Keys.Order());
        Assert.Equal(cases, read[Day].Cases);
        Assert.Empty(read[Day.AddDays(2)].Cases);
        Assert.Equal([Day, Day.AddDays(2)], (await sut.ListDaysAsync("acme", Day, Day.AddDays(5), CancellationToken.None)).Order());
        Assert.Empty(await sut.ReadAsync("globex", Day, Day.AddDays(5), CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_DayBiggerThanARow_SpansPartsAndShrinksAgain()
    {
        var (sut, table) = await CreateSutAsync();
        var big = Cases(60_000, seed: 2);

        await sut.WriteAsync("acme", new CareDay(Day, big), CancellationToken.None);
        var parts = table.Query<TableEntity>(e => e.PartitionKey == "acme").Count();
        var read = await sut.ReadAsync("acme", Day, Day, CancellationToken.None);
        await sut.WriteAsync("acme", new CareDay(Day, Cases(3)), CancellationToken.None);

        Assert.True(parts >= 2, $"{parts} parts");
        Assert.Equal(big, read[Day].Cases);
        Assert.Single(table.Query<TableEntity>(e => e.PartitionKey == "acme"));
        Assert.Equal(3, (await sut.ReadAsync("acme", Day, Day, CancellationToken.None))[Day].Cases.Count);
    }

    [Fact]
    public async Task ReadAsync_PartMissingOrOtherVersion_DayIsAbsent()
    {
        var (sut, table) = await CreateSutAsync();
        await sut.WriteAsync("acme", new CareDay(Day, Cases(60_000, seed: 3)), CancellationToken.None);
        await sut.WriteAsync("acme", new CareDay(Day.AddDays(1), Cases(5)), CancellationToken.None);

        await table.DeleteEntityAsync("acme", TableCareDayStore.RowKey(Day, 1), ETag.All);
        var head = (await table.GetEntityAsync<TableEntity>("acme", TableCareDayStore.RowKey(Day.AddDays(1), 0))).Value;
        head["Version"] = "care-facts-0";
        await table.UpdateEntityAsync(head, ETag.All, TableUpdateMode.Merge);

        Assert.Empty(await sut.ReadAsync("acme", Day, Day.AddDays(1), CancellationToken.None));
        Assert.Empty(await sut.ListDaysAsync("acme", Day, Day.AddDays(1), CancellationToken.None));
    }
}
