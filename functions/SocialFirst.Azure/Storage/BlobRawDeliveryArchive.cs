using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SocialFirst.Core.Ingestion;

namespace SocialFirst.Azure.Storage;

/// <summary>
/// Keeps every delivery as it arrived in a blob: <c>accepted/{platform}/yyyy/MM/dd/HH/{id}.json</c> for replay and
/// <c>rejected/...</c> for inspection. The body is stored as base64 so its exact bytes (and signature) survive.
/// </summary>
public sealed class BlobRawDeliveryArchive : IRawDeliveryArchive
{
    // Headers that authenticate callers other than by body signature are not worth keeping.
    private static readonly HashSet<string> DroppedHeaders = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Cookie", "x-functions-key" };

    private readonly BlobContainerClient _container;

    public BlobRawDeliveryArchive(StorageClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _container = clients.Blobs.GetBlobContainerClient(clients.Options.RawDeliveriesContainer);
    }

    public async Task<string> SaveAsync(RawDelivery delivery, RawDeliveryDisposition disposition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var reference = RawDeliveryReference.For(delivery);
        var blobName = $"{Folder(disposition)}/{reference}.json";
        var document = new StoredDelivery(
            delivery.Id,
            delivery.Platform,
            delivery.ReceivedAt,
            delivery.Query.ToDictionary(),
            delivery.Headers.Where(h => !DroppedHeaders.Contains(h.Key)).ToDictionary(),
            Convert.ToBase64String(delivery.Body.Span));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, StorageJson.Options);
        try
        {
            // Overwrite is fine: the id is unique per delivery, and a retry writes the same bytes.
            await _container.GetBlobClient(blobName).UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await _container.GetBlobClient(blobName).UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken);
        }

        return reference;
    }

    public async IAsyncEnumerable<RawDelivery> ListAsync(
        string? platform,
        DateTimeOffset from,
        DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var platforms = platform is not null ? [platform] : await ListPlatformsAsync(cancellationToken);
        var found = new List<(DateTimeOffset At, string Name)>();
        foreach (var p in platforms)
        {
            // Walk hour folders, so a range costs one listing per hour rather than a scan of everything.
            for (var hour = Truncate(from); hour < to; hour = hour.AddHours(1))
            {
                var prefix = $"{Folder(RawDeliveryDisposition.Accepted)}/{p}/{hour.UtcDateTime:yyyy/MM/dd/HH}/";
                await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
                {
                    found.Add((hour, item.Name));
                }
            }
        }

        // Ids are version-7 GUIDs: ordering by name within an hour is ordering by arrival.
        foreach (var (_, name) in found.OrderBy(f => f.At).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            var content = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            var stored = content.Value.Content.ToObjectFromJson<StoredDelivery>(StorageJson.Options)
                ?? throw new InvalidDataException($"raw delivery {name} is empty");
            if (stored.ReceivedAt >= from && stored.ReceivedAt < to)
            {
                yield return new RawDelivery(stored.Id, stored.Platform, stored.ReceivedAt, stored.Query, stored.Headers, Convert.FromBase64String(stored.BodyBase64));
            }
        }
    }

    private async Task<IReadOnlyList<string>> ListPlatformsAsync(CancellationToken cancellationToken)
    {
        var result = new List<string>();
        var prefix = Folder(RawDeliveryDisposition.Accepted) + "/";
        await foreach (var item in _container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, cancellationToken))
        {
            if (item.IsPrefix)
            {
                result.Add(item.Prefix[prefix.Length..].TrimEnd('/'));
            }
        }

        return result;
    }

    private static DateTimeOffset Truncate(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string Folder(RawDeliveryDisposition disposition) => disposition == RawDeliveryDisposition.Accepted ? "accepted" : "rejected";

    private sealed record StoredDelivery(
        string Id,
        string Platform,
        DateTimeOffset ReceivedAt,
        Dictionary<string, string> Query,
        Dictionary<string, string> Headers,
        string BodyBase64);
}
