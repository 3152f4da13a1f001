using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SocialFirst.Azure.Storage;

namespace SocialFirst.Azure.Watch;

/// <summary>The raw-deliveries container as author erasure and retention use it: where it is and how a delivery goes.</summary>
internal static class RawDeliveryBlobs
{
    public static BlobContainerClient Container(StorageClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        return clients.Blobs.GetBlobContainerClient(clients.Options.RawDeliveriesContainer);
    }

    /// <summary>Deletes the delivery with its snapshots; false when it was gone already.</summary>
    public static async Task<bool> DeleteAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var response = await container.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        return response.Value;
    }
}
