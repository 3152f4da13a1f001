using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Azure.Watch;

/// <summary>
/// The trend watch state, one JSON blob per brand in the container <c>trend-state</c> (blob name: the table prefix, the
/// brand id, ".json"). Saves are conditional on the ETag read (or on no blob existing), so two timer runs never
/// overwrite each other: the loser gets null and reloads. The container is created on first save.
/// </summary>
public sealed class BlobTrendStateStore(StorageClients clients) : ITrendWatchStateStore
{
    public const string ContainerName = "trend-state";

    private readonly BlobContainerClient _container = (clients ?? throw new ArgumentNullException(nameof(clients))).Blobs.GetBlobContainerClient(ContainerName);
    private readonly string _prefix = clients.Options.TablePrefix;

    public string BlobName(string brandId) => _prefix + TableKeys.Encode(brandId) + ".json";

    public async Task<VersionedTrendWatchState?> LoadAsync(string brandId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        try
        {
            var result = await _container.GetBlobClient(BlobName(brandId)).DownloadContentAsync(cancellationToken);
            var state = result.Value.Content.ToObjectFromJson<TrendWatchState>(StorageJson.Options)
                ?? throw new InvalidDataException($"trend state of brand '{brandId}' is empty");
            return new VersionedTrendWatchState(state, result.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Erasure: every brand's state (the blobs of this prefix) loses the author (<see cref="TrendWatchErasure.Erase(TrendWatchState, AuthorTrendKeys)"/>),
    /// saved if unchanged since read and read again otherwise. Returns the states changed.
    /// </summary>
    public async Task<int> EraseAuthorAsync(AuthorTrendKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!await _container.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        var changed = 0;
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _prefix, cancellationToken))
        {
            var blob = _container.GetBlobClient(item.Name);
            for (var attempt = 1; ; attempt++)
            {
                BlobDownloadResult read;
                try
                {
                    read = (await blob.DownloadContentAsync(cancellationToken)).Value;
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    break;
                }

                var state = read.Content.ToObjectFromJson<TrendWatchState>(StorageJson.Options);
                if (state is null || !TrendWatchErasure.Erase(state, keys))
                {
                    break;
                }

                try
                {
                    var upload = new BlobUploadOptions
                    {
                        HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                        Conditions = new BlobRequestConditions { IfMatch = read.Details.ETag },
                    };
                    await blob.UploadAsync(BinaryData.FromObjectAsJson(state, StorageJson.Options), upload, cancellationToken);
                    changed++;
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < TableRows.MaxRetries)
                {
                    // A watch run saved meanwhile: erase from its state.
                }
            }
        }

        return changed;
    }

    public async Task<string?> TrySaveAsync(string brandId, TrendWatchState state, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        ArgumentNullException.ThrowIfNull(state);
        var content = BinaryData.FromObjectAsJson(state, StorageJson.Options);
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = expectedVersion is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(expectedVersion) },
        };
        var blob = _container.GetBlobClient(BlobName(brandId));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var saved = await blob.UploadAsync(content, upload, cancellationToken);
                return saved.Value.ETag.ToString();
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && ex.ErrorCode != BlobErrorCode.ContainerNotFound)
            {
                return null;
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound && attempt == 0)
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
        }
    }
}
