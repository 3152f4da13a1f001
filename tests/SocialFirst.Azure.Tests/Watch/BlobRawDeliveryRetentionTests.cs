using Microsoft.Extensions.Options;
using SocialFirst.Azure.Storage;
using SocialFirst.Azure.Watch;
using SocialFirst.Core.Ingestion;
using SocialFirst.Testing;

namespace SocialFirst.Azure.Tests.Watch;

/// <summary>Raw-delivery retention on Azurite: deliveries archived by the real archive, deleted by their hour folders.</summary>
public class BlobRawDeliveryRetentionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Cutoff = new(2026, 3, 15, 10, 30, 0, TimeSpan.Zero);

    private (StorageClients Clients, BlobRawDeliveryArchive Archive, BlobRawDeliveryRetention Sut) Create()
    {
        var clients = new StorageClients(Options.Create(new StorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            RawDeliveriesContainer = "raw" + Guid.NewGuid().ToString("N")[..12],
        }));
        return (clients, new BlobRawDeliveryArchive(clients), new BlobRawDeliveryRetention(clients));
    }

    private static async Task<string> SaveAsync(BlobRawDeliveryArchive archive, DateTimeOffset at, RawDeliveryDisposition disposition = RawDeliveryDisposition.Accepted, string platform = "meta")
    {
        var delivery = new RawDelivery(Guid.CreateVersion7(at).ToString("N"), platform, at, new Dictionary<string, string>(), new Dictionary<string, string>(), "{\"text\":\"hello\"}"u8.ToArray());
        var reference = await archive.SaveAsync(delivery, disposition, CancellationToken.None);
        return (disposition == RawDeliveryDisposition.Accepted ? "accepted/" : "rejected/") + reference + ".json";
    }

    private static async Task<List<string>> NamesAsync(StorageClients clients)
    {
        var names = new List<string>();
        await foreach (var blob in clients.Blobs.GetBlobContainerClient(clients.Options.RawDeliveriesContainer).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    [Fact]
    public async Task DeleteReceivedBeforeAsync_OldAndNewDeliveries_DeletesWholeHoursBeforeTheCutoffOnly()
    {
        var (clients, archive, sut) = Create();
        var lastYear = await SaveAsync(archive, new DateTimeOffset(2025, 12, 31, 23, 59, 0, TimeSpan.Zero));
        var lastMonth = await SaveAsync(archive, new DateTimeOffset(2026, 2, 10, 8, 0, 0, TimeSpan.Zero), platform: "x");
        var sameDayEarlier = await SaveAsync(archive, Cutoff.AddHours(-2));
        var rejected = await SaveAsync(archive, Cutoff.AddHours(-1), RawDeliveryDisposition.Rejected);
        var sameHour = await SaveAsync(archive, Cutoff.AddMinutes(-20)); // 10:10, in the hour that holds the cutoff
        var after = await SaveAsync(archive, Cutoff.AddMinutes(5));
        var nextYear = await SaveAsync(archive, Cutoff.AddYears(1));

        var batch = await sut.DeleteReceivedBeforeAsync(Cutoff, 100, CancellationToken.None);
        var repeat = await sut.DeleteReceivedBeforeAsync(Cutoff, 100, CancellationToken.None);

        Assert.Equal((4, false), (batch.Deleted, batch.More));
        Assert.Equal((0, false), (repeat.Deleted, repeat.More));
        var left = await NamesAsync(clients);
        Assert.Equal(new[] { sameHour, after, nextYear }.Order(StringComparer.Ordinal), left.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(lastYear, left);
        Assert.DoesNotContain(lastMonth, left);
        Assert.DoesNotContain(sameDayEarlier, left);
        Assert.DoesNotContain(rejected, left);
    }

    [Fact]
    public async Task DeleteReceivedBeforeAsync_MoreThanTheLimit_StopsAndContinuesNextTime()
    {
        var (clients, archive, sut) = Create();
        for (var i = 0; i < 5; i++)
        {
            await SaveAsync(archive, Cutoff.AddDays(-3).AddHours(i));
        }

        var first = await sut.DeleteReceivedBeforeAsync(Cutoff, 3, CancellationToken.None);
        var second = await sut.DeleteReceivedBeforeAsync(Cutoff, 3, CancellationToken.None);

        Assert.Equal((3, true), (first.Deleted, first.More));
        Assert.Equal((2, false), (second.Deleted, second.More));
        Assert.Empty(await NamesAsync(clients));
    }

    [Fact]
    public async Task DeleteReceivedBeforeAsync_NoContainer_DoesNothing()
    {
        var (_, _, sut) = Create();

        var batch = await sut.DeleteReceivedBeforeAsync(Cutoff, 10, CancellationToken.None);

        Assert.Equal((0, false), (batch.Deleted, batch.More));
    }

    [Theory]
    [InlineData(new[] { 2026 }, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData(new[] { 2026, 2 }, "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")]
    [InlineData(new[] { 2024, 2, 29 }, "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z")]
    [InlineData(new[] { 2026, 3, 15, 23 }, "2026-03-15T23:00:00Z", "2026-03-16T00:00:00Z")]
    public void TryPeriod_DateFolders_CoverTheirPeriod(int[] parts, string start, string end)
    {
        Assert.True(BlobRawDeliveryRetention.TryPeriod(parts, out var s, out var e));
        Assert.Equal((DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), (s, e));
    }

    [Theory]
    [InlineData(new[] { 2026, 13 })]
    [InlineData(new[] { 2026, 2, 30 })]
    [InlineData(new[] { 2026, 2, 1, 24 })]
    [InlineData(new[] { 0 })]
    public void TryPeriod_NotADate_IsFalse(int[] parts)
    {
        Assert.False(BlobRawDeliveryRetention.TryPeriod(parts, out _, out _));
    }
}
