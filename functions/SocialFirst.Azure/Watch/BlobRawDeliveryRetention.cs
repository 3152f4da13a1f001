using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Azure.Watch;

/// <summary>
/// Deletes old archived deliveries by their names, which are foldered by the hour they arrived
/// (<c>{accepted|rejected}/{platform}/yyyy/MM/dd/HH/{id}.json</c>, see <see cref="BlobRawDeliveryArchive"/>): it walks
/// the folders oldest first, lists and deletes whole years, months, days or hours that end before the cutoff, and only
/// descends into the folder that holds the cutoff. Nothing is downloaded, and folders after the cutoff are never
/// listed. Names that are not of that shape are left alone.
/// </summary>
public sealed class BlobRawDeliveryRetention(StorageClients clients) : IRawDeliveryRetention
{
    private static readonly string[] Dispositions = ["accepted/", "rejected/"];

    private readonly BlobContainerClient _container = RawDeliveryBlobs.Container(clients);

    public async Task<RawDeliveryRetentionBatch> DeleteReceivedBeforeAsync(DateTimeOffset receivedBefore, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (!await _container.ExistsAsync(cancellationToken))
        {
            return new RawDeliveryRetentionBatch(0, false);
        }

        var run = new Run(receivedBefore.ToUniversalTime(), max);
        foreach (var disposition in Dispositions)
        {
            await foreach (var platform in ChildrenAsync(disposition, cancellationToken))
            {
                if (!await WalkAsync(platform, [], run, cancellationToken))
                {
                    return new RawDeliveryRetentionBatch(run.Deleted, true);
                }
            }
        }

        return new RawDeliveryRetentionBatch(run.Deleted, false);
    }

    /// <summary>
    /// The period a folder covers, from its date parts (year; year, month; …; year, month, day, hour); false for names
    /// that are not a date.
    /// </summary>
    internal static bool TryPeriod(IReadOnlyList<int> parts, out DateTimeOffset start, out DateTimeOffset end)
    {
        start = end = default;
        if (parts.Count is < 1 or > 4 || parts[0] is < 1 or > 9998
            || (parts.Count > 1 && parts[1] is < 1 or > 12)
            || (parts.Count > 2 && (parts[2] < 1 || parts[2] > DateTime.DaysInMonth(parts[0], parts[1])))
            || (parts.Count > 3 && parts[3] is < 0 or > 23))
        {
            return false;
        }

        start = new DateTimeOffset(parts[0], parts.Count > 1 ? parts[1] : 1, parts.Count > 2 ? parts[2] : 1, parts.Count > 3 ? parts[3] : 0, 0, 0, TimeSpan.Zero);
        end = parts.Count switch
        {
            1 => start.AddYears(1),
            2 => start.AddMonths(1),
            3 => start.AddDays(1),
            _ => start.AddHours(1),
        };
        return true;
    }

    /// <summary>Walks the date folders under <paramref name="prefix"/>; false when the limit stopped it.</summary>
    private async Task<bool> WalkAsync(string prefix, int[] parts, Run run, CancellationToken cancellationToken)
    {
        await foreach (var child in ChildrenAsync(prefix, cancellationToken))
        {
            var name = child[prefix.Length..].TrimEnd('/');
            if (name.Length is < 2 or > 4 || !int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            int[] folder = [.. parts, value];
            if (!TryPeriod(folder, out var start, out var end))
            {
                continue;
            }

            if (start >= run.Cutoff)
            {
                // Fixed-width numbers list in date order: everything after this is newer still.
                break;
            }

            var complete = end <= run.Cutoff
                ? await DeleteAllAsync(child, run, cancellationToken)
                : folder.Length < 4 && await WalkAsync(child, folder, run, cancellationToken);
            if (!complete && run.Deleted >= run.Max)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> DeleteAllAsync(string prefix, Run run, CancellationToken cancellationToken)
    {
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            if (run.Deleted >= run.Max)
            {
                return false;
            }

            if (await RawDeliveryBlobs.DeleteAsync(_container, item.Name, cancellationToken))
            {
                run.Deleted++;
            }
        }

        return true;
    }

    private async IAsyncEnumerable<string> ChildrenAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, cancellationToken))
        {
            if (item.IsPrefix)
            {
                yield return item.Prefix;
            }
        }
    }

    private sealed class Run(DateTimeOffset cutoff, int max)
    {
        public DateTimeOffset Cutoff { get; } = cutoff;

        public int Max { get; } = max;

        public int Deleted { get; set; }
    }
}
