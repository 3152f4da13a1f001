using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Watch.Application;

/// <summary>What the case store changed when erasing an author.</summary>
/// <param name="CaseIds">Cases the author opened or wrote in (their outbox entries are scrubbed next).</param>
/// <param name="Identifiers">What was found to name the author: the id, handles and display names seen (never logged).</param>
/// <param name="Cases">Case headers whose author became the token.</param>
/// <param name="Mentions">The author's mentions blanked (text, handle, follower count, permalink; ids scrubbed).</param>
/// <param name="OtherMentions">Other people's mentions in those cases whose text named the author (replaced by the token).</param>
/// <param name="IndexRows">Brand index rows rewritten.</param>
/// <param name="LookupRows">Lookup rows deleted (author pointers) or scrubbed (natural keys naming the author).</param>
/// <param name="AuthorRows">Rows of the author's partition deleted (profile and case rows).</param>
public sealed record CaseStoreErasure(
    IReadOnlyList<string> CaseIds,
    IReadOnlyList<string> Identifiers,
    int Cases,
    int Mentions,
    int OtherMentions,
    int IndexRows,
    int LookupRows,
    int AuthorRows)
{
    /// <summary>De-duplication keys (mention ids) of the author's mentions, as stored before erasure (for the trend data).</summary>
    public IReadOnlyList<string> MentionKeys { get; init; } = [];

    /// <summary>Cases the author opened (a subset of <see cref="CaseIds"/>, which also holds cases they only wrote in).</summary>
    public IReadOnlyList<string> OwnCaseIds { get; init; } = [];
}

/// <summary>Erases an author's personal data from the case store; the token replaces their id where a value must stay.</summary>
public interface IAuthorErasureStore
{
    Task<CaseStoreErasure> EraseAuthorAsync(Platform platform, string authorId, string token, CancellationToken cancellationToken);
}

/// <summary>Deletes archived raw deliveries that contain any of the identifiers; returns (scanned, deleted).</summary>
public interface IRawDeliveryEraser
{
    Task<(int Scanned, int Deleted)> EraseAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken);
}

/// <summary>The outcome of an erasure: only counts and the token, nothing that names the author.</summary>
public sealed record AuthorErasureReport(
    string Platform,
    string Token,
    int Cases,
    int Mentions,
    int OtherMentions,
    int IndexRows,
    int LookupRows,
    int AuthorRows,
    int OutboxEntries,
    int RawDeliveriesScanned,
    int RawDeliveriesDeleted)
{
    /// <summary>Trend observation rows deleted or rewritten.</summary>
    public int TrendObservations { get; init; }

    /// <summary>Incident records that lost the author's mention and case ids.</summary>
    public int Incidents { get; init; }
}

/// <summary>
/// Erases an author's personal data everywhere we keep it (docs/watch.md, "Erasing an author"): the case store (cases,
/// mentions, index, lookups, author profile — counts stay, under a random token), the escalation outbox entries of the
/// author's cases (the message text, which may name them, and identifiers in details), the archived raw deliveries
/// that contain them, and the trend data (<see cref="ITrendDataEraser"/>, when trend detection is wired: the author's
/// observations go, incidents keep their counts without the author's mention and case ids). Safe to repeat; a repeat
/// finds what is left, if anything.
/// </summary>
public sealed partial class AuthorErasureService(
    IAuthorErasureStore store,
    IEscalationOutbox outbox,
    IRawDeliveryEraser raw,
    ILogger<AuthorErasureService> logger,
    ITrendDataEraser? trends = null)
{
    /// <summary>A fresh, random token: "erased-" and 16 hex digits. Random, so it cannot be recomputed from the id.</summary>
    public static string NewToken() => "erased-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// Finds the identifiers as whole tokens (not inside a longer run of letters or digits, so the handle "ed" does not
    /// match "need"), longest first, case-sensitive.
    /// </summary>
    public static Regex Matcher(IReadOnlyCollection<string> identifiers)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var alternatives = identifiers.Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).OrderByDescending(i => i.Length).Select(Regex.Escape).ToList();
        var pattern = alternatives.Count == 0 ? "(?!)" : @"(?<![\p{L}\p{N}])(?:" + string.Join("|", alternatives) + @")(?![\p{L}\p{N}])";
        return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
    }

    /// <summary>
    /// Replaces every whole-token occurrence of the identifiers with the token. A value that is a JSON document (the
    /// stored history, urgency factors...) is scrubbed inside its string values only: property names, numbers and
    /// structural values (a status, a platform) stay, so a handle such as "to" or "triaged", or an id such as "1",
    /// cannot corrupt the document.
    /// </summary>
    public static string? Scrub(string? value, Regex matcher, string token)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (value[0] is '{' or '[' && TryParseJson(value) is { } node)
        {
            return ScrubNode(node, matcher, token) ? node.ToJsonString() : value;
        }

        return matcher.Replace(value, token);
    }

    /// <summary>JSON properties whose values are codes, never personal data.</summary>
    private static readonly HashSet<string> StructuralProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "from", "to", "status", "kind", "platform", "sentiment", "language", "channel", "category", "categories", "factor", "action",
    };

    private static JsonNode? TryParseJson(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool ScrubNode(JsonNode? node, Regex matcher, string token)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (StructuralProperties.Contains(name))
                    {
                        continue;
                    }

                    if (child is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        var scrubbed = matcher.Replace(text, token);
                        if (!string.Equals(scrubbed, text, StringComparison.Ordinal))
                        {
                            obj[name] = scrubbed;
                            changed = true;
                        }
                    }
                    else
                    {
                        changed |= ScrubNode(child, matcher, token);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        var scrubbed = matcher.Replace(text, token);
                        if (!string.Equals(scrubbed, text, StringComparison.Ordinal))
                        {
                            array[i] = scrubbed;
                            changed = true;
                        }
                    }
                    else
                    {
                        changed |= ScrubNode(array[i], matcher, token);
                    }
                }

                break;
        }

        return changed;
    }

    public async Task<AuthorErasureReport> EraseAsync(Platform platform, string authorId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorId);
        var token = NewToken();
        var erased = await store.EraseAuthorAsync(platform, authorId, token, cancellationToken);
        var outboxEntries = 0;
        foreach (var caseId in erased.CaseIds)
        {
            outboxEntries += await ScrubOutboxAsync(caseId, Matcher(erased.Identifiers), token, cancellationToken);
        }

        var (scanned, deleted) = await raw.EraseAsync(erased.Identifiers, cancellationToken);
        var trendData = trends is null
            ? new TrendDataErasure(0, 0, 0)
            : await trends.EraseAsync(new AuthorTrendKeys(platform, authorId, erased.MentionKeys, erased.OwnCaseIds, erased.Identifiers, token), cancellationToken);
        var report = new AuthorErasureReport(
            platform.ToString().ToLowerInvariant(),
            token,
            erased.Cases,
            erased.Mentions,
            erased.OtherMentions,
            erased.IndexRows,
            erased.LookupRows,
            erased.AuthorRows,
            outboxEntries,
            scanned,
            deleted)
        {
            TrendObservations = trendData.Observations,
            Incidents = trendData.Incidents,
        };
        Log.Erased(logger, token, report.Cases, report.Mentions, outboxEntries, deleted, scanned);
        return report;
    }

    private Task<int> ScrubOutboxAsync(string caseId, Regex identifiers, string token, CancellationToken cancellationToken) =>
        OutboxScrubber.ScrubAsync(
            outbox,
            caseId,
            entry => entry with
            {
                Text = null,
                Detail = Scrub(entry.Detail, identifiers, token) ?? string.Empty,
                LastOutcome = Scrub(entry.LastOutcome, identifiers, token),
                TargetId = Scrub(entry.TargetId, identifiers, token),
            },
            cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(9621, LogLevel.Information, "Author erased as {Token}: {Cases} cases, {Mentions} mentions, {OutboxEntries} outbox entries, {Deleted} of {Scanned} raw deliveries deleted")]
        public static partial void Erased(ILogger logger, string token, int cases, int mentions, int outboxEntries, int deleted, int scanned);
    }
}
