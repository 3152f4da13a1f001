using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Metrics;

namespace SocialFirst.Azure.Watch;

/// <summary>
/// The daily care roll-up in the table <c>caredays</c>: PartitionKey = brand, RowKey = <c>{yyyyMMdd}-{part:D2}</c>. A day
/// is one row (part 00) holding its cases' facts as one Brotli-compressed JSON document (<see cref="CareDayCodec"/>),
/// cut into binary properties <c>D00</c>… of at most <see cref="ChunkBytes"/> (a property holds 64 KiB); a day too big
/// for one row (≈ 30,000 cases) continues in parts 01, 02… Every part carries the write's <c>Generation</c> and the
/// number of <c>Parts</c>: a day counts only when all its parts are of one generation and of the current
/// <see cref="CareDayFormat.Version"/>, so a write cut off halfway reads as absent and is written again. Writes replace
/// by key (insert-or-replace), so repeating one is harmless. docs/watch.md, "Daily roll-up".
/// </summary>
public sealed class TableCareDayStore(StorageClients clients) : ICareDayStore
{
    public const string TableBaseName = "caredays";

    /// <summary>Bytes per binary property: under 64 KiB, and 12 of them stay under 1 MiB even base64-encoded on the wire.</summary>
    internal const int ChunkBytes = 60_000;

    internal const int ChunksPerPart = 12;

    private static readonly string[] HeaderColumns = ["PartitionKey", "RowKey", "Day", "Part", "Parts", "Generation", "Version"];

    private readonly TableClient _table = (clients ?? throw new ArgumentNullException(nameof(clients))).Table(TableBaseName);

    public Task EnsureTableAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<DateOnly, CareDay>> ReadAsync(string brandId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        var result = new Dictionary<DateOnly, CareDay>();
        foreach (var (day, parts) in Complete(await QueryAsync(brandId, first, last, select: null, cancellationToken)))
        {
            result[day] = new CareDay(day, CareDayCodec.Decode(Bytes(parts), brandId));
        }

        return result;
    }

    public async Task<IReadOnlySet<DateOnly>> ListDaysAsync(string brandId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        return Complete(await QueryAsync(brandId, first, last, HeaderColumns, cancellationToken)).Select(d => d.Day).ToHashSet();
    }

    public async Task WriteAsync(string brandId, CareDay day, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        ArgumentNullException.ThrowIfNull(day);
        var bytes = CareDayCodec.Encode(day.Cases);
        const int partBytes = ChunkBytes * ChunksPerPart;
        var parts = Math.Max(1, (bytes.Length + partBytes - 1) / partBytes);
        var generation = Guid.NewGuid().ToString("N");
        var partition = TableKeys.Brand(brandId);
        for (var p = 0; p < parts; p++)
        {
            var entity = new TableEntity(partition, RowKey(day.Day, p))
            {
                ["Day"] = day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Part"] = p,
                ["Parts"] = parts,
                ["Generation"] = generation,
                ["Version"] = CareDayFormat.Version,
                ["Cases"] = day.Cases.Count,
                ["Bytes"] = bytes.Length,
            };
            var slice = bytes.AsSpan(Math.Min(bytes.Length, p * partBytes), Math.Min(partBytes, bytes.Length - Math.Min(bytes.Length, p * partBytes)));
            for (var c = 0; c * ChunkBytes < slice.Length; c++)
            {
                entity[Chunk(c)] = slice.Slice(c * ChunkBytes, Math.Min(ChunkBytes, slice.Length - (c * ChunkBytes))).ToArray();
            }

            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }

        // Parts left over from an earlier, bigger write of the day: not read (other generation), removed to keep it tidy.
        foreach (var stale in (await QueryAsync(brandId, day.Day, day.Day, HeaderColumns, cancellationToken)).Where(e => e.GetInt32("Part") >= parts))
        {
            await _table.DeleteEntityAsync(stale.PartitionKey, stale.RowKey, ETag.All, cancellationToken);
        }
    }

    internal static string RowKey(DateOnly day, int part) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + part.ToString("D2", CultureInfo.InvariantCulture);

    private static string Chunk(int index) => "D" + index.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The day's document: the chunks of its parts, in order.</summary>
    internal static byte[] Bytes(IEnumerable<TableEntity> parts)
    {
        using var all = new MemoryStream();
        foreach (var part in parts)
        {
            for (var c = 0; part.GetBinary(Chunk(c)) is { } chunk; c++)
            {
                all.Write(chunk);
            }
        }

        return all.ToArray();
    }

    /// <summary>The days whose parts are all there, of one generation and of the current version; parts in order.</summary>
    private static IEnumerable<(DateOnly Day, List<TableEntity> Parts)> Complete(IEnumerable<TableEntity> rows)
    {
        foreach (var group in rows.GroupBy(e => e.GetString("Day")))
        {
            var head = group.FirstOrDefault(e => e.GetInt32("Part") == 0);
            if (head is null || head.GetString("Version") != CareDayFormat.Version
                || !DateOnly.TryParseExact(group.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                continue;
            }

            var generation = head.GetString("Generation");
            var count = head.GetInt32("Parts") ?? 1;
            var parts = group.Where(e => e.GetString("Generation") == generation && e.GetInt32("Part") < count).OrderBy(e => e.GetInt32("Part")).ToList();
            if (parts.Count == count && parts.Select(e => e.GetInt32("Part")).SequenceEqual(Enumerable.Range(0, count).Select(i => (int?)i)))
            {
                yield return (day, parts);
            }
        }
    }

    private async Task<List<TableEntity>> QueryAsync(string brandId, DateOnly first, DateOnly last, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        if (last < first)
        {
            return rows;
        }

        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Brand(brandId)} and RowKey ge {RowKey(first, 0)} and RowKey lt {RowKey(last.AddDays(1), 0)}");
        try
        {
            await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken))
            {
                rows.Add(e);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: no roll-up yet.
        }

        return rows;
    }
}
