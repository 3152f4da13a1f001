using System.Text.RegularExpressions;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Watch.Application;

/// <summary>
/// What names an author in trend data (docs/watch.md, "Erasing an author"): their mentions' ids (de-duplication keys,
/// which for WeChat and Weibo embed the platform user id, lower-cased), the cases they opened, and their id, handles and
/// display names where they turn up as key phrases.
/// </summary>
/// <param name="Platform">The author's platform.</param>
/// <param name="AuthorId">The platform user id.</param>
/// <param name="MentionIds">De-duplication keys of the author's mentions, as the case store knew them.</param>
/// <param name="CaseIds">Cases the author opened (their case ids leave the trend data; other people's cases stay).</param>
/// <param name="Identifiers">Id, handles and display names, to find in key phrases (never logged).</param>
/// <param name="Token">The erasure token, which replaces the author where a value must stay.</param>
public sealed record AuthorTrendKeys(
    Platform Platform,
    string AuthorId,
    IReadOnlyCollection<string> MentionIds,
    IReadOnlyCollection<string> CaseIds,
    IReadOnlyCollection<string> Identifiers,
    string Token)
{
    private readonly HashSet<string> _mentions = new(MentionIds, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _cases = new(CaseIds, StringComparer.Ordinal);
    private readonly Regex _names = new(
        AuthorErasureService.Matcher([.. Identifiers, AuthorId]).ToString(),
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        TimeSpan.FromSeconds(2));

    /// <summary>
    /// True for one of the author's mention ids: a key the case store listed, or a key of the author's platform with the
    /// author id as one of its ':'-separated parts after platform and change (WeChat messages without MsgId, Weibo:
    /// <c>weibo:created:{uid}:{time}:{type}</c>), compared ignoring case since keys are lower-cased.
    /// </summary>
    public bool IsAuthorMention(string? mentionId)
    {
        if (string.IsNullOrEmpty(mentionId))
        {
            return false;
        }

        if (_mentions.Contains(mentionId))
        {
            return true;
        }

        var prefix = Platform.ToString() + ":";
        return mentionId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && mentionId.Split(':').Skip(2).Any(part => string.Equals(part, AuthorId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True for a case the author opened.</summary>
    public bool IsAuthorCase(string? caseId) => caseId is not null && _cases.Contains(caseId);

    /// <summary>The term with the author's identifiers (whole tokens, any case) replaced by the token.</summary>
    public string ScrubTerm(string term) => string.IsNullOrEmpty(term) ? term : _names.Replace(term, Token);

    /// <summary>The terms scrubbed, or null when none named the author.</summary>
    public List<string>? ScrubTerms(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var list = terms.ToList();
        var scrubbed = list.Select(ScrubTerm).ToList();
        return scrubbed.SequenceEqual(list, StringComparer.Ordinal) ? null : scrubbed;
    }
}

/// <summary>What erasing an author changed in trend data.</summary>
/// <param name="Observations">Observation rows deleted (the author's mentions) or rewritten (a case id or key phrase removed).</param>
/// <param name="Incidents">Incident records that lost the author's mention ids, case ids or names (counts stay).</param>
/// <param name="States">Trend watch states (one per brand) rewritten.</param>
public sealed record TrendDataErasure(int Observations, int Incidents, int States);

/// <summary>Erases an author from the trend data: recorded observations, incident records and the watch's state.</summary>
public interface ITrendDataEraser
{
    Task<TrendDataErasure> EraseAsync(AuthorTrendKeys keys, CancellationToken cancellationToken);
}

/// <summary>
/// The trend watch's side of erasure, as pure functions the storage adapters apply under their own concurrency
/// control: the author's mentions leave incidents and alert examples (counts stay), pending mentions keep their place
/// in the counts under a token, links to the author's cases go, and key phrases naming the author become the token.
/// </summary>
public static class TrendWatchErasure
{
    /// <summary>The incident without the author's mention ids, case ids and names; null when nothing of them was in it.</summary>
    public static Incident? Erase(Incident incident, AuthorTrendKeys keys)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(keys);
        var mentions = incident.MentionIds.Where(m => !keys.IsAuthorMention(m)).ToList();
        var cases = incident.CaseIds.Where(c => !keys.IsAuthorCase(c)).ToList();
        var terms = keys.ScrubTerms(incident.Terms);
        if (mentions.Count == incident.MentionIds.Count && cases.Count == incident.CaseIds.Count && terms is null)
        {
            return null;
        }

        return incident with { MentionIds = mentions, CaseIds = cases, Terms = terms ?? incident.Terms };
    }

    /// <summary>Erases the author from the state in place; true when anything changed.</summary>
    public static bool Erase(TrendWatchState state, AuthorTrendKeys keys)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(keys);
        var changed = false;
        var trends = state.Trends;
        for (var i = 0; i < trends.Pending.Count; i++)
        {
            var p = trends.Pending[i];
            var own = keys.IsAuthorMention(p.MentionId);
            var terms = keys.ScrubTerms(p.Terms);
            if (own || keys.IsAuthorCase(p.CaseId) || terms is not null)
            {
                // Still counted in its window (co-occurrence, examples) but no longer the author's id.
                trends.Pending[i] = p with
                {
                    MentionId = own ? $"{keys.Token}:{i}" : p.MentionId,
                    CaseId = keys.IsAuthorCase(p.CaseId) ? null : p.CaseId,
                    Terms = terms ?? p.Terms,
                };
                changed = true;
            }
        }

        for (var i = 0; i < trends.Incidents.Count; i++)
        {
            if (Erase(trends.Incidents[i], keys) is { } erased)
            {
                trends.Incidents[i] = erased;
                changed = true;
            }
        }

        for (var i = 0; i < state.PendingAlerts.Count; i++)
        {
            var a = state.PendingAlerts[i];
            var examples = a.ExampleMentionIds.Where(m => !keys.IsAuthorMention(m)).ToList();
            var terms = keys.ScrubTerms(a.Terms);
            var summary = keys.ScrubTerm(a.Summary);
            if (examples.Count != a.ExampleMentionIds.Count || terms is not null || summary != a.Summary)
            {
                state.PendingAlerts[i] = a with { ExampleMentionIds = examples, Terms = terms ?? a.Terms, Summary = summary };
                changed = true;
            }
        }

        changed |= state.PendingCaseLinks.RemoveAll(l => keys.IsAuthorCase(l.CaseId)) > 0;
        foreach (var window in trends.Windows.Values)
        {
            changed |= RenameKeys(window.Terms, keys, (a, b) => a + b);
        }

        changed |= RenameKeys(trends.Cooldowns, keys, (a, b) => a > b ? a : b);
        return changed;
    }

    private static bool RenameKeys<T>(Dictionary<string, T> map, AuthorTrendKeys keys, Func<T, T, T> merge)
    {
        var renamed = map.Keys.Select(k => (Old: k, New: keys.ScrubTerm(k))).Where(k => k.New != k.Old).ToList();
        foreach (var (old, @new) in renamed)
        {
            var value = map[old];
            map.Remove(old);
            map[@new] = map.TryGetValue(@new, out var existing) ? merge(existing, value) : value;
        }

        return renamed.Count > 0;
    }
}
