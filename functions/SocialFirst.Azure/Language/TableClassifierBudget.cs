using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Classification.Cascade;

namespace SocialFirst.Azure.Language;

/// <summary>
/// The cascade's monthly Azure AI Language budget, shared by every instance through one Table row per month
/// (<c>ClassifierBudget</c>, PartitionKey <c>budget</c>, RowKey <c>yyyy-MM</c> in UTC). To keep one storage round trip
/// away from most calls, each instance takes a block of documents at a time (ETag-guarded, so two instances never take
/// the same documents) and spends it locally. What an instance has taken but not spent when the month ends or the
/// process stops is lost: the budget can be under-used by at most one block per instance, never exceeded.
/// When storage cannot be reached the answer is "no" (a cost brake fails closed: the cascade keeps the embedded result).
/// </summary>
public sealed partial class TableClassifierBudget : IClassifierBudget
{
    public const string TableBaseName = "ClassifierBudget";
    public const string PartitionKey = "budget";
    private const int MaxAttempts = 8;

    private readonly TableClient _table;
    private readonly ILogger<TableClassifierBudget> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _period = string.Empty;
    private int _localRemaining;

    public TableClassifierBudget(StorageClients clients, int monthlyDocuments, int blockSize, ILogger<TableClassifierBudget> logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentOutOfRangeException.ThrowIfNegative(monthlyDocuments);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        _table = clients.Table(TableBaseName);
        _logger = logger;
        MonthlyDocuments = monthlyDocuments;
        BlockSize = blockSize;
    }

    public int MonthlyDocuments { get; }

    public int BlockSize { get; }

    public static string PeriodOf(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async ValueTask<bool> TryReserveAsync(int documents, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(documents);
        if (documents == 0)
        {
            return true;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var period = PeriodOf(now);
            if (!string.Equals(period, _period, StringComparison.Ordinal))
            {
                _period = period;
                _localRemaining = 0;
            }

            if (_localRemaining < documents)
            {
                var want = Math.Max(BlockSize, documents - _localRemaining);
                _localRemaining += await TakeAsync(period, want, documents - _localRemaining, cancellationToken);
            }

            if (_localRemaining < documents)
            {
                return false;
            }

            _localRemaining -= documents;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Documents used (taken by all instances) in the month of <paramref name="now"/>, from the table.</summary>
    public async Task<int> UsedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, PeriodOf(now), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetInt32("Used") ?? 0 : 0;
    }

    /// <summary>Takes up to <paramref name="want"/> documents (at least <paramref name="need"/>, else none) from the month's row.</summary>
    private async Task<int> TakeAsync(string period, int want, int need, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var row = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, period, cancellationToken: cancellationToken);
                var used = row.HasValue ? row.Value!.GetInt32("Used") ?? 0 : 0;
                var grant = (int)Math.Min(want, (long)MonthlyDocuments - used);
                if (grant < need)
                {
                    Log.Spent(_logger, period, used, MonthlyDocuments);
                    return 0;
                }

                var entity = new TableEntity(PartitionKey, period) { ["Used"] = used + grant, ["Limit"] = MonthlyDocuments };
                try
                {
                    if (row.HasValue)
                    {
                        await _table.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                    }
                    else
                    {
                        await _table.AddEntityAsync(entity, cancellationToken);
                    }

                    return grant;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Another instance took a block in between: read again.
                }
            }

            Log.Contended(_logger, period, MaxAttempts);
            return 0;
        }
        catch (RequestFailedException ex)
        {
            Log.StorageFailed(_logger, period, ex.Status, ex);
            return 0;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(8401, LogLevel.Information, "Azure AI Language budget for {Period} is spent ({Used} of {Limit} documents); the cascade keeps embedded results")]
        public static partial void Spent(ILogger logger, string period, int used, int limit);

        [LoggerMessage(8402, LogLevel.Warning, "Azure AI Language budget row for {Period} stayed contended after {Attempts} attempts; this call keeps the embedded result")]
        public static partial void Contended(ILogger logger, string period, int attempts);

        [LoggerMessage(8403, LogLevel.Warning, "Azure AI Language budget for {Period} could not be read or written (status {Status}); this call keeps the embedded result")]
        public static partial void StorageFailed(ILogger logger, string period, int status, Exception exception);
    }
}
