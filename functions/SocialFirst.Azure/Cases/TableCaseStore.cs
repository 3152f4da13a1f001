using System.Buffers.Text;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Azure.Cases;

/// <summary>
/// The case store on Azure Table Storage. Four tables (names get <c>Storage:TablePrefix</c>):
/// <list type="bullet">
/// <item><c>cases</c>: PartitionKey = case id; the header row "case" and one row per mention ("m" + ticks + hash), so a
/// case is one point read, its mentions one partition range query, and a mention and its case are written in one
/// entity group transaction that is conditional on the case's ETag.</item>
/// <item><c>caselookup</c>: processed events, object id → mention, and author → open case pointers, hashed over 256
/// partitions.</item>
/// <item><c>caseindex</c>: PartitionKey = brand; rows by age ("t…") and, for open cases, by urgency ("u…").</item>
/// <item><c>authors</c>: PartitionKey = platform|author; the profile row and one row per case the author opened.</item>
/// </list>
/// docs/storage.md has the reasoning and the limits.
/// </summary>
public sealed partial class TableCaseStore : ICaseStore
{
    public const string CasesTableBaseName = "cases";
    public const string LookupTableBaseName = "caselookup";
    public const string IndexTableBaseName = "caseindex";
    public const string AuthorsTableBaseName = "authors";

    private const char ProcessedKind = 'd';
    private const char ObjectKind = 'o';
    private const char PointerKind = 'a';
    private const int MaxRetries = 30;

    private readonly TableClient _cases;
    private readonly TableClient _lookup;
    private readonly TableClient _index;
    private readonly TableClient _authors;
    private readonly ILogger<TableCaseStore> _logger;

    public TableCaseStore(StorageClients clients, ILogger<TableCaseStore> logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _cases = clients.Table(CasesTableBaseName);
        _lookup = clients.Table(LookupTableBaseName);
        _index = clients.Table(IndexTableBaseName);
        _authors = clients.Table(AuthorsTableBaseName);
        _logger = logger;
    }

    /// <summary>The tables this store uses, before the prefix (for the provisioner).</summary>
    public static IReadOnlyList<string> TableBaseNames { get; } = [CasesTableBaseName, LookupTableBaseName, IndexTableBaseName, AuthorsTableBaseName];

    /// <summary>Creates the tables if they are missing. The app calls it at start; Azurite starts empty.</summary>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(new[] { _cases, _lookup, _index, _authors }.Select(t => t.CreateIfNotExistsAsync(cancellationToken)));
    }

    // ---- Reads ----

    public async Task<Case?> GetCaseAsync(string caseId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsCaseId(caseId))
        {
            return null;
        }

        var row = await _cases.GetEntityIfExistsAsync<TableEntity>(caseId, TableKeys.CaseHeader, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e ? CaseEntities.ToCase(e) : null;
    }

    public async Task<CasePage> ListCasesAsync(CaseQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, CaseQuery.MaxPageSize);
        var partition = TableKeys.Brand(query.BrandId);
        var prefix = query.Order == CaseOrder.MostUrgent ? TableKeys.ByUrgencyPrefix : TableKeys.ByAgePrefix;
        var upper = ((char)(prefix[0] + 1)).ToString();

        var filters = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {upper}") };
        if (continuationToken is not null)
        {
            var after = DecodeToken(continuationToken, prefix);
            filters.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }
        else if (query.Since is { } since && query.Order == CaseOrder.Oldest)
        {
            // By-age keys start with the opening time: "since" is a key range, not a scan.
            var from = TableKeys.ByAgeFrom(since);
            filters.Add(TableClient.CreateQueryFilter($"RowKey ge {from}"));
        }
        else
        {
            filters.Add(TableClient.CreateQueryFilter($"RowKey ge {prefix}"));
        }

        if (query.Since is { } opened && query.Order == CaseOrder.MostUrgent)
        {
            filters.Add(TableClient.CreateQueryFilter($"OpenedAt ge {opened}"));
        }

        if (query.Status is { } status)
        {
            var name = status.ToString();
            filters.Add(TableClient.CreateQueryFilter($"Status eq {name}"));
        }

        if (query.Urgent is { } urgent)
        {
            filters.Add(TableClient.CreateQueryFilter($"Urgent eq {urgent}"));
        }

        if (query.AssignedTo is { } assignee)
        {
            filters.Add(TableClient.CreateQueryFilter($"AssignedTo eq {assignee}"));
        }

        var filter = string.Join(" and ", filters.Select(f => "(" + f + ")"));
        var rows = new List<TableEntity>(query.PageSize + 1);
        await foreach (var row in _index.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, query.PageSize + 1), cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > query.PageSize)
            {
                break;
            }
        }

        var items = rows.Take(query.PageSize).Select(r => CaseEntities.ToSummary(query.BrandId, r)).ToList();
        var next = rows.Count > query.PageSize ? EncodeToken(rows[query.PageSize - 1].RowKey) : null;
        return new CasePage(items, next);
    }

    public async Task<IReadOnlyList<CaseMention>> GetMentionsAsync(string caseId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsCaseId(caseId))
        {
            return [];
        }

        const string from = TableKeys.MentionPrefix;
        const string to = "n";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey gt {from} and RowKey lt {to}");
        var result = new List<CaseMention>();
        await foreach (var row in _cases.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(CaseEntities.ToMention(row));
        }

        // The service returns a partition in RowKey order already; sorting keeps the contract explicit.
        return result.OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
    }

    public async Task<AuthorProfile?> GetAuthorAsync(Platform platform, string authorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorId);
        var partition = TableKeys.Author(platform, authorId);
        var row = await _authors.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.Profile, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }

        var open = new List<(DateTimeOffset OpenedAt, string CaseId)>();
        await foreach (var c in QueryAuthorCasesAsync(partition, cancellationToken))
        {
            if (Enum.TryParse<CaseStatus>(c.GetString("Status"), out var status) && status.IsOpen())
            {
                open.Add((c.GetDateTimeOffset("OpenedAt") ?? default, c.GetString("CaseId") ?? string.Empty));
            }
        }

        return CaseEntities.ToProfile(row.Value) with
        {
            OpenCaseIds = open.OrderByDescending(o => o.OpenedAt).ThenBy(o => o.CaseId, StringComparer.Ordinal).Select(o => o.CaseId).ToList(),
        };
    }

    // ---- De-duplication and lookups ----

    public async Task<string?> FindProcessedAsync(string dedupKey, CancellationToken cancellationToken)
    {
        var (pk, rk) = TableKeys.Lookup(ProcessedKind, TableKeys.Processed(dedupKey));
        var row = await _lookup.GetEntityIfExistsAsync<TableEntity>(pk, rk, ["CaseId"], cancellationToken);
        return row.HasValue && row.Value is { } e ? e.GetString("CaseId") ?? string.Empty : null;
    }

    public async Task MarkProcessedAsync(string dedupKey, string caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dedupKey);
        var (pk, rk) = TableKeys.Lookup(ProcessedKind, TableKeys.Processed(dedupKey));
        var entity = new TableEntity(pk, rk) { ["CaseId"] = caseId, ["DedupKey"] = Cut(dedupKey) };
        await _lookup.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<MentionLocation?> FindMentionAsync(Platform platform, string objectId, CancellationToken cancellationToken)
    {
        var (pk, rk) = TableKeys.Lookup(ObjectKind, TableKeys.MentionObject(platform, objectId));
        var row = await _lookup.GetEntityIfExistsAsync<TableEntity>(pk, rk, ["CaseId", "MentionKey"], cancellationToken);
        return row.HasValue && row.Value is { } e && e.GetString("CaseId") is { } caseId && e.GetString("MentionKey") is { } key
            ? new MentionLocation(caseId, key)
            : null;
    }

    public async Task RecordMentionLocationAsync(Platform platform, string objectId, MentionLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var natural = TableKeys.MentionObject(platform, objectId);
        var (pk, rk) = TableKeys.Lookup(ObjectKind, natural);
        var entity = new TableEntity(pk, rk) { ["CaseId"] = location.CaseId, ["MentionKey"] = location.MentionKey, ["Object"] = Cut(natural) };
        await _lookup.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<AuthorCasePointer?> GetAuthorPointerAsync(string brandId, Platform platform, string authorId, CancellationToken cancellationToken)
    {
        var (pk, rk) = TableKeys.Lookup(PointerKind, TableKeys.AuthorPointer(brandId, platform, authorId));
        var row = await _lookup.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } e)
        {
            return null;
        }

        return new AuthorCasePointer(
            brandId,
            platform,
            authorId,
            e.GetString("CaseId") ?? string.Empty,
            e.GetDateTimeOffset("OpenedAt") ?? default,
            e.GetString("FirstMentionKey") ?? string.Empty)
        {
            Version = e.ETag.ToString(),
        };
    }

    public async Task<bool> TrySetAuthorPointerAsync(AuthorCasePointer pointer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var (pk, rk) = TableKeys.Lookup(PointerKind, TableKeys.AuthorPointer(pointer.BrandId, pointer.Platform, pointer.AuthorId));
        var entity = new TableEntity(pk, rk)
        {
            ["CaseId"] = pointer.CaseId,
            ["OpenedAt"] = pointer.OpenedAt,
            ["FirstMentionKey"] = Cut(pointer.FirstMentionKey),
            ["BrandId"] = pointer.BrandId,
            ["Author"] = Cut(AuthorKeys.For(pointer.Platform, pointer.AuthorId)),
        };
        try
        {
            if (pointer.Version is null)
            {
                // The insert-if-absent gate: of several concurrent first mentions of an author, one opens the case.
                await _lookup.AddEntityAsync(entity, cancellationToken);
            }
            else
            {
                await _lookup.UpdateEntityAsync(entity, new ETag(pointer.Version), TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            Log.WriteConflict(_logger, "author pointer", ex.Status);
            return false;
        }
    }

    // ---- Cases and mentions ----

    public async Task<Case?> TryCreateCaseAsync(Case newCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        var stored = newCase with { Revision = 1 };
        try
        {
            var response = await _cases.AddEntityAsync(CaseEntities.ToEntity(stored), cancellationToken);
            return stored with { Version = response.Headers.ETag?.ToString() ?? (await GetCaseAsync(newCase.Id, cancellationToken))?.Version };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<AppendOutcome> TryAppendMentionAsync(Case updated, CaseMention mention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(mention);
        var version = updated.Version ?? throw new ArgumentException("the case must have been read from the store (Version is null)", nameof(updated));
        if (mention.CaseId != updated.Id)
        {
            throw new ArgumentException($"mention belongs to case {mention.CaseId}, not {updated.Id}", nameof(mention));
        }

        var next = updated with { Revision = updated.Revision + 1 };
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, CaseEntities.ToEntity(mention)),
            new(TableTransactionActionType.UpdateReplace, CaseEntities.ToEntity(next), new ETag(version)),
        ];
        try
        {
            var response = await _cases.SubmitTransactionAsync(actions, cancellationToken);
            var etag = response.Value.Count > 1 ? response.Value[1].Headers.ETag : null;
            return new AppendOutcome(AppendStatus.Appended, etag is { } tag ? next with { Version = tag.ToString() } : await GetCaseAsync(updated.Id, cancellationToken));
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 || (ex.FailedTransactionActionIndex == 0 && ex.Status != 412))
        {
            // The mention row exists: this mention was filed before.
            return new AppendOutcome(AppendStatus.AlreadyPresent, await GetCaseAsync(updated.Id, cancellationToken));
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
        {
            Log.WriteConflict(_logger, "case", ex.Status);
            return new AppendOutcome(AppendStatus.Conflict, null);
        }
    }

    public async Task<Case?> TryUpdateCaseAsync(Case updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var version = updated.Version ?? throw new ArgumentException("the case must have been read from the store (Version is null)", nameof(updated));
        var next = updated with { Revision = updated.Revision + 1 };
        try
        {
            var response = await _cases.UpdateEntityAsync(CaseEntities.ToEntity(next), new ETag(version), TableUpdateMode.Replace, cancellationToken);
            return next with { Version = response.Headers.ETag?.ToString() ?? (await GetCaseAsync(updated.Id, cancellationToken))?.Version };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            Log.WriteConflict(_logger, "case", ex.Status);
            return null;
        }
    }

    public async Task<CaseMention?> GetMentionAsync(string caseId, string mentionKey, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsCaseId(caseId))
        {
            return null;
        }

        var row = await _cases.GetEntityIfExistsAsync<TableEntity>(caseId, mentionKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e ? CaseEntities.ToMention(e) : null;
    }

    public async Task<CaseMention?> UpdateMentionAsync(MentionLocation location, Func<CaseMention, CaseMention?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; attempt <= MaxRetries; attempt++)
        {
            var row = await _cases.GetEntityIfExistsAsync<TableEntity>(location.CaseId, location.MentionKey, cancellationToken: cancellationToken);
            if (!row.HasValue || row.Value is not { } e)
            {
                return null;
            }

            var current = CaseEntities.ToMention(e);
            var updated = change(current);
            if (updated is null || updated == current)
            {
                return current;
            }

            try
            {
                await _cases.UpdateEntityAsync(CaseEntities.ToEntity(updated with { CaseId = current.CaseId, Key = current.Key }), e.ETag, TableUpdateMode.Replace, cancellationToken);
                return updated;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                Log.WriteConflict(_logger, "mention", ex.Status);
            }
        }

        throw new RequestFailedException(412, $"mention {location.MentionKey} of case {location.CaseId} kept changing");
    }

    // ---- Projections ----

    public async Task IndexCaseAsync(Case stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        await IndexBrandAsync(stored, cancellationToken);
        await IndexAuthorCaseAsync(stored, cancellationToken);
    }

    /// <summary>
    /// The by-age row and the by-urgency row of a case change together in one transaction (same partition), conditional on
    /// the by-age row's ETag; the by-age row remembers which by-urgency row is current and the revision it shows.
    /// </summary>
    private async Task IndexBrandAsync(Case c, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Brand(c.BrandId);
        var ageKey = TableKeys.ByAge(c);
        var skipDelete = false;
        for (var attempt = 1; attempt <= MaxRetries; attempt++)
        {
            var existing = await _index.GetEntityIfExistsAsync<TableEntity>(partition, ageKey, cancellationToken: cancellationToken);
            var row = existing.HasValue ? existing.Value : null;
            if (row is not null && (row.GetInt32("Revision") ?? 0) >= c.Revision)
            {
                return;
            }

            var oldUrgencyKey = row?.GetString("UrgencyKey");
            var newUrgencyKey = TableKeys.ByUrgency(c);
            var ageRow = CaseEntities.ToIndexRow(partition, ageKey, c);
            CaseEntities.Set(ageRow, "UrgencyKey", newUrgencyKey);
            var actions = new List<TableTransactionAction>
            {
                row is null
                    ? new(TableTransactionActionType.Add, ageRow)
                    : new(TableTransactionActionType.UpdateReplace, ageRow, row.ETag),
            };
            if (oldUrgencyKey is not null && oldUrgencyKey != newUrgencyKey && !skipDelete)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, oldUrgencyKey), ETag.All));
            }

            if (newUrgencyKey is not null)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, CaseEntities.ToIndexRow(partition, newUrgencyKey, c)));
            }

            try
            {
                await _index.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                Log.WriteConflict(_logger, "brand index", ex.Status);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex == 1)
            {
                // The old by-urgency row is gone already (removed by hand?): write without deleting it.
                skipDelete = true;
            }
        }

        throw new RequestFailedException(412, $"brand index row of case {c.Id} kept changing");
    }

    private async Task IndexAuthorCaseAsync(Case c, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Author(c.Platform, c.AuthorId);
        var rowKey = TableKeys.AuthorCase(c.OpenedAt, c.Id);
        for (var attempt = 1; attempt <= MaxRetries; attempt++)
        {
            var existing = await _authors.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
            var row = existing.HasValue ? existing.Value : null;
            if (row is not null && (row.GetInt32("Revision") ?? 0) >= c.Revision)
            {
                return;
            }

            var entity = new TableEntity(partition, rowKey)
            {
                ["CaseId"] = c.Id,
                ["BrandId"] = c.BrandId,
                ["Status"] = c.Status.ToString(),
                ["OpenedAt"] = c.OpenedAt,
                ["Revision"] = c.Revision,
            };
            try
            {
                if (row is null)
                {
                    await _authors.AddEntityAsync(entity, cancellationToken);
                }
                else
                {
                    await _authors.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                Log.WriteConflict(_logger, "author case", ex.Status);
            }
        }

        throw new RequestFailedException(412, $"author row of case {c.Id} kept changing");
    }

    public async Task RecordAuthorActivityAsync(AuthorActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var partition = TableKeys.Author(activity.Platform, activity.AuthorId);
        for (var attempt = 1; attempt <= MaxRetries; attempt++)
        {
            var existing = await _authors.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.Profile, cancellationToken: cancellationToken);
            var row = existing.HasValue ? existing.Value : null;
            var current = row is null ? AuthorProfile.Empty(activity.Platform, activity.AuthorId) : CaseEntities.ToProfile(row);
            var updated = current.Apply(activity);
            if (ReferenceEquals(updated, current))
            {
                return;
            }

            try
            {
                var entity = CaseEntities.ToEntity(partition, updated);
                if (row is null)
                {
                    await _authors.AddEntityAsync(entity, cancellationToken);
                }
                else
                {
                    await _authors.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                Log.WriteConflict(_logger, "author profile", ex.Status);
            }
        }

        throw new RequestFailedException(412, "author profile kept changing");
    }

    public async Task<int> CountAuthorCasesAsync(
        Platform platform,
        string authorId,
        string brandId,
        DateTimeOffset since,
        string? exceptCaseId,
        CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var row in QueryAuthorCasesAsync(TableKeys.Author(platform, authorId), cancellationToken))
        {
            if (row.GetString("BrandId") == brandId
                && row.GetString("CaseId") != exceptCaseId
                && row.GetDateTimeOffset("OpenedAt") is { } opened && opened >= since)
            {
                count++;
            }
        }

        return count;
    }

    private IAsyncEnumerable<TableEntity> QueryAuthorCasesAsync(string partition, CancellationToken cancellationToken)
    {
        const string from = TableKeys.AuthorCasePrefix;
        const string to = "d";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from} and RowKey lt {to}");
        return _authors.QueryAsync<TableEntity>(filter, select: ["CaseId", "BrandId", "Status", "OpenedAt"], cancellationToken: cancellationToken);
    }

    private static string EncodeToken(string rowKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(rowKey));

    private static string DecodeToken(string token, string prefix)
    {
        string rowKey;
        try
        {
            rowKey = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("continuation token is not one this store issued", nameof(token), ex);
        }

        return rowKey.StartsWith(prefix, StringComparison.Ordinal)
            ? rowKey
            : throw new ArgumentException("continuation token belongs to another query order", nameof(token));
    }

    private static string Cut(string value) => value.Length <= 2_000 ? value : value[..2_000];

    private static partial class Log
    {
        [LoggerMessage(7101, LogLevel.Debug, "Conditional write of {What} lost to a concurrent writer ({Status}); retrying")]
        public static partial void WriteConflict(ILogger logger, string what, int status);
    }
}
