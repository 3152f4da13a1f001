using Azure;
using Azure.Data.Tables;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Escalation.Messaging;

namespace SocialFirst.Azure.Escalation;

/// <summary>
/// OAuth state of rotating-token accounts in the Table <c>PlatformTokens</c> (PartitionKey platform, RowKey account id),
/// ETag as the version. The table holds live credentials: only the app's identity has data access to the account
/// (shared keys are off in Azure), and the rows are never logged.
/// </summary>
public sealed class TablePlatformTokenStore(StorageClients clients) : IPlatformTokenStore
{
    public const string TableBaseName = "PlatformTokens";

    private readonly TableClient _table = clients.Table(TableBaseName);

    public async Task<StoredPlatformToken?> GetAsync(string platform, string accountId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(platform, accountId, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var e = row.Value!;
        var state = new PlatformTokenState(
            e.GetString("AccessToken"),
            e.GetString("RefreshToken"),
            e.GetDateTimeOffset("AccessTokenExpiresAt") ?? DateTimeOffset.MinValue,
            e.GetString("BootstrapHash"),
            e.GetDateTimeOffset("LeaseUntil"),
            e.GetString("LeaseOwner"));
        return new StoredPlatformToken(state, e.ETag.ToString());
    }

    public async Task<string?> TryWriteAsync(string platform, string accountId, PlatformTokenState state, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entity = new TableEntity(platform, accountId)
        {
            ["AccessToken"] = state.AccessToken,
            ["RefreshToken"] = state.RefreshToken,
            ["AccessTokenExpiresAt"] = state.AccessTokenExpiresAt,
            ["BootstrapHash"] = state.BootstrapHash,
            ["LeaseUntil"] = state.LeaseUntil,
            ["LeaseOwner"] = state.LeaseOwner,
        };
        try
        {
            var response = expectedVersion is null
                ? await _table.AddEntityAsync(entity, cancellationToken)
                : await _table.UpdateEntityAsync(entity, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }
}
