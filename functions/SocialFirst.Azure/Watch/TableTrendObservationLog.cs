using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Azure.Watch;

/// <summary>
/// Trend observations in the table <c>trendobservations</c>: PartitionKey = brand + "|" + the UTC hour the observation was
/// recorded (yyyyMMddHH), RowKey = mention id. Insert-if-absent, so a mention triaged again (a queue retry) within the
/// hour is recorded once; the trend watch also skips mention ids it still knows. The watch reads the partitions of the
/// hours between its cursor and now, filtered by <c>RecordedAt</c>. No customer text: key phrases, categories,
/// sentiment and ids.
/// </summary>
public sealed class TableTrendObservationLog(StorageClients clients, TimeProvider time) : ITrendObservationLog
{
    public const string TableBaseName = "trendobservations";

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
