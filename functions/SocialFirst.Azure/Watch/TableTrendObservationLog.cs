using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Azure.Watch;

/// <summary>
/// Trend observations in the table <c>trendobservations</c>: PartitionKey = brand + "|" + the UTC hour the observation was
/// recorded (yyyyMMddHH), RowKey = mention id. Insert-if-absent, so a mention triaged again (a queue retry) within the
/// hour is recorded once; the trend watch also skips mention ids it still knows. The watch reads the partitions of the
/// hours between its cursor and now, filtered by <c>RecordedAt</c>, and purges the hours it has consumed (whole
/// partitions: keys only are read, deleted in transactions of at most 100). No customer text: key phrases, categories,
/// sentiment and ids.
/// </summary>
public sealed class TableTrendObservationLog(StorageClients clients, TimeProvider time) : ITrendObservationLog
{
    public const string TableBaseName = "trendobservations";

    /// <summary>Operations per entity group transaction (the service's limit).</summary>
    private const int MaxBatch = 100;

    private readonly TableClient _table = (clients ?? throw new ArgumentNullException(nameof(clients))).Table(TableBaseName);

    public Task EnsureTableAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The partition of <paramref name="brandId"/>'s observations recorded in the hour of <paramref name="recordedAt"/>.</summary>
    public static string PartitionKey(string brandId, DateTimeOffset recordedAt) =>
        TableKeys.Brand(brandId) + "|" + recordedAt.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public async Task RecordAsync(TrendObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var recordedAt = time.GetUtcNow();
        var entity = new TableEntity(PartitionKey(observation.BrandId, recordedAt), TableKeys.Encode(observation.MentionId))
        {
            ["BrandId"] = observation.BrandId,
            ["MentionId"] = observation.MentionId,
            ["CaseId"] = observation.CaseId,
            ["At"] = observation.At,
            ["Terms"] = JsonSerializer.Serialize(observation.Terms),
            ["Categories"] = JsonSerializer.Serialize(observation.Categories),
            ["Sentiment"] = observation.Sentiment.ToString(),
            ["RecordedAt"] = recordedAt,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded already (a retry of the same mention).
        }
    }

    public async Task<IReadOnlyList<RecordedTrendObservation>> ReadAsync(string brandId, DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        var found = new List<RecordedTrendObservation>();
        var hour = new DateTimeOffset(after.UtcDateTime.Year, after.UtcDateTime.Month, after.UtcDateTime.Day, after.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
        for (; hour <= upTo; hour = hour.AddHours(1))
        {
            var partition = PartitionKey(brandId, hour);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RecordedAt gt {after} and RecordedAt le {upTo}");
            await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                found.Add(ToObservation(e));
            }
        }

        return found.OrderBy(r => r.RecordedAt).ThenBy(r => r.Observation.MentionId, StringComparer.Ordinal).ToList();
    }

    public async Task<int> PurgeAsync(string brandId, DateTimeOffset fromHour, DateTimeOffset toHourExclusive, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        var deleted = 0;
        for (var hour = TrendObservationHours.Floor(fromHour); hour < toHourExclusive; hour = hour.AddHours(1))
        {
            deleted += await DeletePartitionAsync(PartitionKey(brandId, hour), cancellationToken);
        }

        return deleted;
    }

    /// <summary>Deletes every row of one partition, reading keys only; rows deleted meanwhile by someone else are skipped.</summary>
    private async Task<int> DeletePartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                keys.Add(row.RowKey);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0; // no table: nothing recorded
        }

        var deleted = 0;
        foreach (var chunk in keys.Chunk(MaxBatch))
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, rk), ETag.All)), cancellationToken);
                deleted += chunk.Length;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // One of them went meanwhile (a concurrent purge or erasure): the transaction did nothing, go one by one.
                foreach (var rk in chunk)
                {
                    deleted += await DeleteIfExistsAsync(partition, rk, cancellationToken) ? 1 : 0;
                }
            }
        }

        return deleted;
    }

    /// <summary>
    /// Erasure: deletes the author's observation rows and removes the author's case id and names from the others. The
    /// table is not indexed by author, so this reads every row's keys, mention id, case id and key phrases (the table
    /// holds the hours the trend watch has not purged yet: about the baseline period). Returns rows deleted or changed.
    /// </summary>
    public async Task<int> EraseAuthorAsync(AuthorTrendKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var doomed = new List<(string Pk, string Rk)>();
        var touched = new List<(string Pk, string Rk)>();
        try
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(filter: (string?)null, select: ["PartitionKey", "RowKey", "MentionId", "CaseId", "Terms"], cancellationToken: cancellationToken))
            {
                if (keys.IsAuthorMention(row.GetString("MentionId")) || keys.IsAuthorMention(row.RowKey))
                {
                    doomed.Add((row.PartitionKey, row.RowKey));
                }
                else if (keys.IsAuthorCase(row.GetString("CaseId")) || keys.ScrubTerms(Terms(row)) is not null)
                {
                    touched.Add((row.PartitionKey, row.RowKey));
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }

        var changed = 0;
        foreach (var (pk, rk) in doomed)
        {
            changed += await DeleteIfExistsAsync(pk, rk, cancellationToken) ? 1 : 0;
        }

        foreach (var (pk, rk) in touched)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: cancellationToken);
            if (row.HasValue && row.Value is { } e && await TableRows.RewriteAsync(_table, e, x => Scrub(x, keys), cancellationToken))
            {
                changed++;
            }
        }

        return changed;
    }

    private static List<string> Terms(TableEntity e) => JsonSerializer.Deserialize<List<string>>(e.GetString("Terms") ?? "[]") ?? [];

    private static bool Scrub(TableEntity e, AuthorTrendKeys keys)
    {
        var changed = keys.IsAuthorCase(e.GetString("CaseId")) && e.Remove("CaseId");
        if (keys.ScrubTerms(Terms(e)) is { } terms)
        {
            e["Terms"] = JsonSerializer.Serialize(terms);
            changed = true;
        }

        return changed;
    }

    private async Task<bool> DeleteIfExistsAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private static RecordedTrendObservation ToObservation(TableEntity e)
    {
        var observation = new TrendObservation(
            e.GetString("BrandId"),
            e.GetDateTimeOffset("At") ?? throw new InvalidDataException("trend observation without At"),
            e.GetString("MentionId"),
            JsonSerializer.Deserialize<List<string>>(e.GetString("Terms") ?? "[]") ?? [],
            JsonSerializer.Deserialize<List<string>>(e.GetString("Categories") ?? "[]") ?? [],
            Enum.TryParse<Sentiment>(e.GetString("Sentiment"), out var sentiment) ? sentiment : Sentiment.Neutral,
            e.GetString("CaseId"));
        return new RecordedTrendObservation(observation, e.GetDateTimeOffset("RecordedAt") ?? e.Timestamp ?? DateTimeOffset.MinValue);
    }
}
