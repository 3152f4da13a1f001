using System.Globalization;
using Azure.Data.Tables;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Azure.Cases;

/// <summary>
/// <see cref="ICaseMentionFactsReader"/> on the <c>cases</c> table: one partition range query per case. Mention row keys
/// start with the ticks of the mention's creation time ("m" + 19 digits + 12 hex), so a period is a key range, and only
/// the columns ranking needs are selected (never <c>Text</c>).
/// </summary>
public sealed class TableCaseMentionFactsReader : ICaseMentionFactsReader
{
    private const int MaxPerPage = 1000;

    private static readonly string[] Columns = ["Platform", "AuthorId", "AuthorHandle", "Followers", "Kind", "Sentiment", "CreatedAt", "Deleted"];

    private readonly TableClient _cases;

    public TableCaseMentionFactsReader(StorageClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _cases = clients.Table(TableCaseStore.CasesTableBaseName);
    }

    public async Task<IReadOnlyList<CaseMentionFacts>> ReadAsync(string caseId, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (!TableKeys.IsCaseId(caseId) || to < from)
        {
            return [];
        }

        // "~" sorts after every hex digit, so the upper bound includes every mention created in the last tick.
        var lower = TableKeys.MentionPrefix + Ticks(from);
        var upper = TableKeys.MentionPrefix + Ticks(to) + "~";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey ge {lower} and RowKey le {upper}");
        var result = new List<CaseMentionFacts>();
        await foreach (var e in _cases.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(MaxPerPage, max), select: Columns, cancellationToken: cancellationToken))
        {
            result.Add(new CaseMentionFacts(
                caseId,
                Parse<Platform>(e.GetString("Platform")),
                e.GetString("AuthorId") ?? string.Empty,
                e.GetString("AuthorHandle"),
                e.GetInt64("Followers"),
                Parse<MentionKind>(e.GetString("Kind")),
                Parse<Sentiment>(e.GetString("Sentiment")),
                e.GetDateTimeOffset("CreatedAt") ?? default,
                e.GetBoolean("Deleted") ?? false));
            if (result.Count >= max)
            {
                break;
            }
        }

        return result;
    }

    private static string Ticks(DateTimeOffset at) => Math.Max(0, at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static T Parse<T>(string? value)
        where T : struct, Enum => Enum.TryParse<T>(value, ignoreCase: true, out var parsed) ? parsed : default;
}
