using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using SocialFirst.Azure.Watch;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Azure.Cases;

/// <summary>
/// Erasing an author (docs/watch.md, "Erasing an author"). Finding every row that names the author costs one
/// server-side filtered scan of the <c>cases</c> table (a reply can sit in someone else's case, and no index maps an
/// author to the mentions they wrote); everything else is point reads and partition queries.
/// </summary>
public sealed partial class TableCaseStore : IAuthorErasureStore
{
    public async Task<CaseStoreErasure> EraseAuthorAsync(Platform platform, string authorId, string token, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorId);
        ArgumentException.ThrowIfNullOrEmpty(token);
        var platformName = platform.ToString();
        var identifiers = new HashSet<string>(StringComparer.Ordinal) { authorId };
        var caseIds = new SortedSet<string>(StringComparer.Ordinal);
        var brands = new HashSet<string>(StringComparer.Ordinal);

        // The author's partition: profile (handle, display name) and one row per case they opened.
        var authorPartition = TableKeys.Author(platform, authorId);
        var authorRows = new List<TableEntity>();
        await foreach (var row in _authors.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {authorPartition}"), cancellationToken: cancellationToken))
        {
            authorRows.Add(row);
            AddIfPresent(identifiers, row.GetString("Handle"));
            AddIfPresent(identifiers, row.GetString("DisplayName"));
            AddIfPresent(caseIds, row.GetString("CaseId"));
            AddIfPresent(brands, row.GetString("BrandId"));
        }

        // Every case header and mention row the author wrote, in any case (a server-side filtered scan).
        var own = TableClient.CreateQueryFilter($"Platform eq {platformName} and AuthorId eq {authorId}");
        await foreach (var row in _cases.QueryAsync<TableEntity>(own, select: ["PartitionKey", "AuthorHandle"], cancellationToken: cancellationToken))
        {
            caseIds.Add(row.PartitionKey);
            AddIfPresent(identifiers, row.GetString("AuthorHandle"));
        }

        var matcher = AuthorErasureService.Matcher(identifiers);
        int cases = 0, mentions = 0, others = 0, indexRows = 0, lookupRows = 0;
        var lookups = new List<(char Kind, string Natural)>();
        var mentionKeys = new SortedSet<string>(StringComparer.Ordinal);
        var ownCases = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var caseId in caseIds)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId}");
            await foreach (var row in _cases.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var isOwn = row.GetString("Platform") == platformName && row.GetString("AuthorId") == authorId;
                var isHeader = row.RowKey == TableKeys.CaseHeader;
                if (isOwn && !isHeader)
                {
                    lookups.Add((ProcessedKind, row.GetString("DedupKey") ?? string.Empty));
                    lookups.Add((ObjectKind, TableKeys.MentionObject(platform, row.GetString("ObjectId") ?? string.Empty)));
                    AddIfPresent(mentionKeys, row.GetString("DedupKey"));
                }

                if (isOwn && isHeader)
                {
                    AddIfPresent(brands, row.GetString("BrandId"));
                    ownCases.Add(caseId);
                }

                var changed = await RewriteAsync(_cases, row, e => Anonymise(e, isOwn, isHeader, token, matcher), cancellationToken);
                cases += isOwn && isHeader ? 1 : 0;
                mentions += isOwn && !isHeader ? 1 : 0;
                others += changed && !isOwn && !isHeader ? 1 : 0;
                if (isHeader)
                {
                    indexRows += await RewriteIndexAsync(row.GetString("BrandId") ?? string.Empty, caseId, authorId, token, matcher, cancellationToken);
                }
            }
        }

        // Lookups: the author's pointers go; processed/object rows stay (de-duplication) with their natural keys scrubbed.
        foreach (var brand in brands)
        {
            var (pk, rk) = TableKeys.Lookup(PointerKind, TableKeys.AuthorPointer(brand, platform, authorId));
            lookupRows += await DeleteIfExistsAsync(_lookup, pk, rk, cancellationToken) ? 1 : 0;
        }

        foreach (var (kind, natural) in lookups.Where(l => l.Natural.Length > 0).Distinct())
        {
            var (pk, rk) = TableKeys.Lookup(kind, natural);
            var row = await _lookup.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: cancellationToken);
            if (row.HasValue && row.Value is { } e && await RewriteAsync(_lookup, e, x => ScrubAll(x, token, matcher), cancellationToken))
            {
                lookupRows++;
            }
        }

        // The profile's counts stay, under the token; the author's own partition goes.
        var tokenPartition = TableKeys.Author(platform, token);
        foreach (var row in authorRows)
        {
            if (row.RowKey == TableKeys.Profile)
            {
                var anonymous = CaseEntities.ToProfile(row) with { AuthorId = token, Handle = null, DisplayName = null, Followers = null, RecentKeys = [] };
                await _authors.UpsertEntityAsync(CaseEntities.ToEntity(tokenPartition, anonymous), TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                var copy = Copy(row);
                copy.PartitionKey = tokenPartition;
                ScrubAll(copy, token, matcher);
                await _authors.UpsertEntityAsync(copy, TableUpdateMode.Replace, cancellationToken);
            }
        }

        foreach (var chunk in authorRows.Chunk(100))
        {
            await _authors.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All)), cancellationToken);
        }

        return new CaseStoreErasure([.. caseIds], [.. identifiers], cases, mentions, others, indexRows, lookupRows, authorRows.Count)
        {
            MentionKeys = [.. mentionKeys],
            OwnCaseIds = [.. ownCases],
        };
    }

    /// <summary>The author's own rows lose their personal fields; every row loses the identifiers in its strings.</summary>
    private static bool Anonymise(TableEntity e, bool isOwn, bool isHeader, string token, Regex matcher)
    {
        var changed = false;
        if (isOwn)
        {
            e["AuthorId"] = token;
            changed |= e.Remove("AuthorHandle");
            if (!isHeader)
            {
                e["Text"] = string.Empty;
                e["TextTruncated"] = false;
                changed |= e.Remove("Followers") | e.Remove("Permalink") | e.Remove("RawDeliveryRef");
            }

            changed = true;
        }

        changed |= ScrubAll(e, token, matcher);
        if (changed && isHeader)
        {
            e["Revision"] = (e.GetInt32("Revision") ?? 0) + 1;
        }

        return changed;
    }

    private static bool ScrubAll(TableEntity e, string token, Regex matcher)
    {
        var changed = false;
        foreach (var key in e.Keys.Where(k => !TableRows.SystemProperties.Contains(k)).ToList())
        {
            if (e[key] is string s && AuthorErasureService.Scrub(s, matcher, token) is { } scrubbed && scrubbed != s)
            {
                e[key] = scrubbed;
                changed = true;
            }
        }

        return changed;
    }

    private async Task<int> RewriteIndexAsync(string brandId, string caseId, string authorId, string token, Regex matcher, CancellationToken cancellationToken)
    {
        var count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Brand(brandId)} and CaseId eq {caseId}");
        await foreach (var row in _index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var changed = await RewriteAsync(
                _index,
                row,
                e =>
                {
                    var own = e.GetString("AuthorId") == authorId;
                    if (own)
                    {
                        e["AuthorId"] = token;
                    }

                    return ScrubAll(e, token, matcher) | own;
                },
                cancellationToken);
            count += changed ? 1 : 0;
        }

        return count;
    }

    private static Task<bool> RewriteAsync(TableClient table, TableEntity row, Func<TableEntity, bool> change, CancellationToken cancellationToken) =>
        TableRows.RewriteAsync(table, row, change, cancellationToken);

    private static async Task<bool> DeleteIfExistsAsync(TableClient table, string pk, string rk, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await table.DeleteEntityAsync(pk, rk, ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private static TableEntity Copy(TableEntity e) => TableRows.Copy(e);

    private static void AddIfPresent(ISet<string> set, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            set.Add(value);
        }
    }
}
