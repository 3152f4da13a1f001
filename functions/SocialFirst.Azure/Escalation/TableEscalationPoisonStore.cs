using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Azure.Escalation;

/// <summary>
/// Unusable escalation messages in the <c>escalationpoison</c> table: PartitionKey = "poison", RowKey = SHA-256 of the
/// message key (message ids come from the queue and may hold characters keys forbid). Rows are inserted if absent, so a
/// redelivered bad message is kept once, with its first reason.
/// </summary>
public sealed class TableEscalationPoisonStore(StorageClients clients) : IEscalationPoisonStore
{
    public const string TableBaseName = "escalationpoison";

    private const string Partition = "poison";

    private readonly TableClient _table = clients.Table(TableBaseName);

    public async Task<bool> RecordAsync(EscalationPoison poison, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poison);
        var entity = new TableEntity(Partition, RowKey(poison.Key))
        {
            ["Key"] = Cut(poison.Key, 1000),
            ["CaseId"] = poison.CaseId is null ? null : Cut(poison.CaseId, 200),
            ["Reason"] = Cut(poison.Reason, 2000),
            ["Body"] = EscalationPoison.Cut(poison.Body),
            ["RecordedAt"] = poison.RecordedAt,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            return await RecordAsync(poison, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<EscalationPoison>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<EscalationPoison>();
        try
        {
            await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
            {
                result.Add(new EscalationPoison(
                    e.GetString("Key") ?? e.RowKey,
                    e.GetString("CaseId"),
                    e.GetString("Reason") ?? string.Empty,
                    e.GetString("Body") ?? string.Empty,
                    e.GetDateTimeOffset("RecordedAt") ?? DateTimeOffset.MinValue));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        return result;
    }

    internal static string RowKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key ?? string.Empty)));

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
