using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Azure.Watch;

/// <summary>
/// Text retention on the Table case store. Old cases are found in the brand index (one partition per brand): its by-age
/// rows carry the case's <c>UpdatedAt</c>, and the query asks for a window <c>[doneBefore, windowEnd)</c> of it, so each
/// case is looked at once, when it turns old (a case that changes again later gets a new <c>UpdatedAt</c> and is looked
/// at again when that turns old). Progress (the window and the query's continuation) is a row per brand in the
/// <c>retention</c> table. Stripping a case keeps its <c>UpdatedAt</c> and its counts: the mention rows lose text,
/// handle and permalink; the header loses the author's handle, and the handles and names found are replaced in its
/// decision, factor details and history reasons; authors of the case not seen since the cutoff lose handle and display
/// name in their profile.
/// </summary>
public sealed class TableCaseTextRetention(StorageClients clients) : ICaseTextRetention
{
    public const string TableBaseName = "retention";

    private const string ProgressPartition = "texts";
    private const int MaxPageSize = 100;

    /// <summary>Where a brand's first window starts: nothing is older.</summary>
    private static readonly DateTimeOffset Beginning = DateTimeOffset.UnixEpoch;

    private readonly TableClient _cases = clients.Table(TableCaseStore.CasesTableBaseName);
    private readonly TableClient _index = clients.Table(TableCaseStore.IndexTableBaseName);
    private readonly TableClient _authors = clients.Table(TableCaseStore.AuthorsTableBaseName);
    private readonly TableClient _progress = clients.Table(TableBaseName);

    public async Task<CaseTextRetentionBatch> StripNextAsync(string brandId, DateTimeOffset unchangedBefore, int maxCases, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCases, 1);
        var p = await LoadAsync(brandId, cancellationToken);
        if (p.WindowEnd is null)
        {
            if (unchangedBefore <= p.DoneBefore)
            {
                return new CaseTextRetentionBatch(0, [], Serialize(p), false);
            }

            p = p with { WindowEnd = unchangedBefore };
        }

        var windowEnd = p.WindowEnd.Value;
        var partition = TableKeys.Brand(brandId);
        var upper = ((char)(TableKeys.ByAgePrefix[0] + 1)).ToString();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {TableKeys.ByAgePrefix} and RowKey lt {upper} and UpdatedAt ge {p.DoneBefore} and UpdatedAt lt {windowEnd}");
        var scanned = 0;
        var finished = true;
        var token = p.Token;
        var cases = new List<StrippedCase>();
        var pages = _index.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(MaxPageSize, maxCases), select: ["CaseId"], cancellationToken: cancellationToken);
        await foreach (var page in pages.AsPages(p.Token))
        {
            foreach (var row in page.Values)
            {
                scanned++;
                if (row.GetString("CaseId") is { Length: > 0 } caseId && await StripCaseAsync(caseId, windowEnd, cancellationToken) is { } stripped)
                {
                    cases.Add(stripped);
                }
            }

            token = page.ContinuationToken;
            finished = token is null;
            if (finished || scanned >= maxCases)
            {
                break;
            }
        }

        p = finished ? new Progress(windowEnd, null, null) : p with { Token = token };
        var more = !finished || p.DoneBefore < unchangedBefore;
        return new CaseTextRetentionBatch(scanned, cases, Serialize(p), more);
    }

    public async Task SaveProgressAsync(string brandId, string progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        var row = new TableEntity(ProgressPartition, TableKeys.Encode(brandId)) { ["Progress"] = progress };
        try
        {
            await _progress.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await _progress.CreateIfNotExistsAsync(cancellationToken);
            await _progress.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Strips one case if it is still unchanged since before the cutoff; null when it changed in between or is gone.</summary>
    internal async Task<StrippedCase?> StripCaseAsync(string caseId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var header = await _cases.GetEntityIfExistsAsync<TableEntity>(caseId, TableKeys.CaseHeader, cancellationToken: cancellationToken);
        if (!header.HasValue || header.Value is null || (header.Value.GetDateTimeOffset("UpdatedAt") ?? default) >= before)
        {
            return null;
        }

        var rows = new List<TableEntity>();
        await foreach (var row in _cases.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {caseId}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        var profiles = new List<TableEntity>();
        foreach (var author in rows.Select(r => (Platform: r.GetString("Platform"), AuthorId: r.GetString("AuthorId"))).Distinct())
        {
            if (Enum.TryParse<Platform>(author.Platform, ignoreCase: true, out var platform) && !string.IsNullOrEmpty(author.AuthorId))
            {
                var profile = await _authors.GetEntityIfExistsAsync<TableEntity>(TableKeys.Author(platform, author.AuthorId), TableKeys.Profile, cancellationToken: cancellationToken);
                if (profile.HasValue && profile.Value is { } found)
                {
                    profiles.Add(found);
                    AddHandle(identifiers, found.GetString("Handle"));
                    AddHandle(identifiers, found.GetString("DisplayName"));
                }
            }
        }

        foreach (var row in rows)
        {
            AddHandle(identifiers, row.GetString("AuthorHandle"));
        }

        var matcher = AuthorErasureService.Matcher(identifiers);
        var mentions = 0;
        var changed = false;
        foreach (var row in rows)
        {
            if (row.RowKey == TableKeys.CaseHeader)
            {
                changed |= await TableRows.RewriteAsync(_cases, row, e => StripHeader(e, matcher), cancellationToken);
            }
            else if (await TableRows.RewriteAsync(_cases, row, StripMention, cancellationToken))
            {
                mentions++;
                changed = true;
            }
        }

        foreach (var profile in profiles.Where(p => (p.GetDateTimeOffset("LastSeen") ?? default) < before))
        {
            changed |= await TableRows.RewriteAsync(_authors, profile, e => e.Remove("Handle") | e.Remove("DisplayName"), cancellationToken);
        }

        return new StrippedCase(caseId, [.. identifiers], mentions, changed);
    }

    private static bool StripMention(TableEntity e)
    {
        var changed = e.GetString("Text") is { Length: > 0 } || e.GetBoolean("TextTruncated") == true;
        e["Text"] = string.Empty;
        e["TextTruncated"] = false;
        return e.Remove("AuthorHandle") | e.Remove("Permalink") | changed;
    }

    /// <summary>The header keeps everything but the handle; names are replaced only in free-text values, never in keys or enums.</summary>
    private static bool StripHeader(TableEntity e, Regex matcher)
    {
        var changed = e.Remove("AuthorHandle");
        changed |= Replace(e, "UrgencyDecision", s => AuthorErasureService.Scrub(s, matcher, RetentionService.Removed));
        changed |= Replace(e, "UrgencyFactors", s => ScrubJson(s, "detail", matcher));
        changed |= Replace(e, "History", s => ScrubJson(s, "reason", matcher));
        return changed;
    }

    private static bool Replace(TableEntity e, string name, Func<string, string?> change)
    {
        if (e.GetString(name) is not { Length: > 0 } value || change(value) is not { } replaced || replaced == value)
        {
            return false;
        }

        e[name] = replaced;
        return true;
    }

    /// <summary>A JSON array of objects with the string values of <paramref name="property"/> scrubbed.</summary>
    private static string? ScrubJson(string json, string property, Regex matcher)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is not JsonArray items)
        {
            return null;
        }

        var changed = false;
        foreach (var item in items.OfType<JsonObject>())
        {
            var key = item.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, property, StringComparison.OrdinalIgnoreCase));
            if (key is not null && item[key] is JsonValue v && v.TryGetValue<string>(out var s)
                && AuthorErasureService.Scrub(s, matcher, RetentionService.Removed) is { } scrubbed && scrubbed != s)
            {
                item[key] = scrubbed;
                changed = true;
            }
        }

        return changed ? items.ToJsonString(StorageJson.Options) : null;
    }

    private static void AddHandle(HashSet<string> identifiers, string? handle)
    {
        if (string.IsNullOrWhiteSpace(handle))
        {
            return;
        }

        identifiers.Add(handle);
        if (handle.StartsWith('@') && handle.Length > 1)
        {
            identifiers.Add(handle[1..]);
        }
    }

    private async Task<Progress> LoadAsync(string brandId, CancellationToken cancellationToken)
    {
        try
        {
            var row = await _progress.GetEntityIfExistsAsync<TableEntity>(ProgressPartition, TableKeys.Encode(brandId), cancellationToken: cancellationToken);
            return row.HasValue && row.Value?.GetString("Progress") is { } json ? Parse(json) : new Progress(Beginning, null, null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new Progress(Beginning, null, null);
        }
    }

    private static Progress Parse(string json) => JsonSerializer.Deserialize<Progress>(json, StorageJson.Options) ?? new Progress(Beginning, null, null);

    private static string Serialize(Progress p) => JsonSerializer.Serialize(p, StorageJson.Options);

    /// <summary>Every case last changed before <paramref name="DoneBefore"/> was handled; <paramref name="WindowEnd"/> is the end of the window in progress, <paramref name="Token"/> its query continuation.</summary>
    private sealed record Progress(DateTimeOffset DoneBefore, DateTimeOffset? WindowEnd, string? Token);
}
