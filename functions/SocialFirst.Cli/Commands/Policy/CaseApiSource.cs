using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Triage;

namespace SocialFirst.Cli.Commands.Policy;

/// <summary>Which stored cases a dry run reads: those of <paramref name="Brand"/> opened in [From, To), the newest <paramref name="Max"/>.</summary>
internal sealed record CaseSelection(Uri BaseUrl, string Brand, DateTimeOffset From, DateTimeOffset To, string? ApiKey, int Max);

/// <summary>
/// Stored cases through the app's read API, so the operator needs an API key and no storage credentials. Pages through
/// <c>GET /api/cases?brand=&amp;since=&amp;pageSize=&amp;continuationToken=</c> (oldest first; the list also reaches back one
/// repeat-contact window before <c>From</c> to count the authors' earlier cases), then reads each selected case with
/// <c>GET /api/cases/{id}</c> and rebuilds what triage scored each of its mentions on: the stored text (redacted if the
/// brand redacts), platform, followers, prior contacts (earlier mentions of the case plus the author's other cases opened
/// within the window), how long the customer had been waiting (replayed from the case history) and the triage time.
/// </summary>
internal sealed class CaseApiSource(HttpClient http, CaseSelection selection) : IDryRunSource
{
    /// <summary>Triage's default <c>Triage:RepeatContactDays</c>: earlier cases within it count as prior contacts.</summary>
    public static readonly TimeSpan RepeatContactWindow = TimeSpan.FromDays(new TriageOptions().RepeatContactDays);

    private const int MaxPages = 100_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] AnsweredStatuses = ["awaitingCustomer", "resolved", "closed", "spam"];

    private readonly Uri _root = selection.BaseUrl.AbsoluteUri.EndsWith('/') ? selection.BaseUrl : new Uri(selection.BaseUrl.AbsoluteUri + "/");

    /// <summary>Cases opened in the period (known once reading has started).</summary>
    public int InPeriod { get; private set; }

    /// <summary>Cases of the period left out because of <see cref="CaseSelection.Max"/> (the oldest ones).</summary>
    public int NotScored { get; private set; }

    public async IAsyncEnumerable<DryRunRead> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listed = await ListAsync(cancellationToken);
        var inPeriod = listed.Where(c => c.OpenedAt >= selection.From && c.OpenedAt < selection.To).ToList();
        InPeriod = inPeriod.Count;
        NotScored = Math.Max(0, inPeriod.Count - selection.Max);
        foreach (var summary in inPeriod.Skip(NotScored))
        {
            var (detail, problem) = await GetCaseAsync(summary.Id, cancellationToken);
            yield return detail is null ? DryRunRead.Skip($"case {summary.Id}: {problem}") : ToRead(detail, listed);
        }
    }

    /// <summary>Every case opened from one repeat-contact window before the period to its end, oldest first.</summary>
    private async Task<List<ListedCase>> ListAsync(CancellationToken cancellationToken)
    {
        var since = (selection.From - RepeatContactWindow).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"api/cases?brand={Uri.EscapeDataString(selection.Brand)}&since={Uri.EscapeDataString(since)}&pageSize={CaseQuery.MaxPageSize}");
        var cases = new List<ListedCase>();
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var (status, body) = await SendAsync(token is null ? query : query + "&continuationToken=" + Uri.EscapeDataString(token), cancellationToken);
            if (status != HttpStatusCode.OK)
            {
                throw new DryRunSourceException(string.Create(CultureInfo.InvariantCulture, $"GET {_root}api/cases failed: {(int)status} {Shorten(body)}"));
            }

            var list = Parse<CaseList>(body) ?? throw new DryRunSourceException($"GET {_root}api/cases did not answer with a case list");
            var items = list.Items ?? [];
            cases.AddRange(items.Where(c => !string.IsNullOrEmpty(c.Id)));

            // Oldest first: once a page reaches the end of the period, later pages hold nothing we need.
            if (list.ContinuationToken is not { Length: > 0 } next || items.Count == 0 || items[^1].OpenedAt >= selection.To)
            {
                break;
            }

            if (next == token)
            {
                throw new DryRunSourceException($"GET {_root}api/cases returned the same continuation token twice");
            }

            token = next;
        }

        return [.. cases.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    private async Task<(CaseDetail? Detail, string Problem)> GetCaseAsync(string id, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync("api/cases/" + Uri.EscapeDataString(id), cancellationToken);
        if (status == HttpStatusCode.NotFound)
        {
            return (null, "not found (deleted or erased since it was listed); skipped");
        }

        if (status != HttpStatusCode.OK)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"could not be read: {(int)status} {Shorten(body)}; skipped"));
        }

        var detail = Parse<CaseDetail>(body);
        return detail?.Case is { Id.Length: > 0 } ? (detail, string.Empty) : (null, "the API's answer is not a case; skipped");
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string relative, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_root, relative));
        if (!string.IsNullOrEmpty(selection.ApiKey))
        {
            request.Headers.Add("X-Api-Key", selection.ApiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new DryRunSourceException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{_root} answered {(int)response.StatusCode} {response.StatusCode}: check --api-key (or the {MetricsCommand.ApiKeyVariable} environment variable)"));
            }

            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException ex)
        {
            throw new DryRunSourceException($"cannot reach {_root}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DryRunSourceException(string.Create(CultureInfo.InvariantCulture, $"cannot reach {_root}: no answer within {http.Timeout.TotalSeconds:0} s"), ex);
        }
    }

    /// <summary>The case as the scorer sees it: one input per stored mention with text, in the order they were written.</summary>
    private static DryRunRead ToRead(CaseDetail detail, IReadOnlyList<ListedCase> listed)
    {
        var stored = detail.Case!;
        var mentions = (detail.Mentions ?? []).OrderBy(m => m.CreatedAt).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();
        var answers = (stored.History ?? [])
            .Where(t => AnsweredStatuses.Contains(t.To, StringComparer.OrdinalIgnoreCase))
            .Select(t => t.At)
            .ToList();
        var inputs = new List<DryRunMention>(mentions.Count);
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (string.IsNullOrWhiteSpace(m.Text))
            {
                continue; // deleted or erased: nothing left to score, but it still counts as a contact of the later ones
            }

            var decidedAt = DecidedAt(m);
            var platform = Enum.TryParse<Platform>(m.Platform ?? stored.Platform, ignoreCase: true, out var p) ? p : (Platform?)null;
            var authorId = m.AuthorId ?? stored.AuthorId;
            var earlierCases = listed.Count(c =>
                c.Id != stored.Id
                && string.Equals(c.Platform, platform?.ToString(), StringComparison.OrdinalIgnoreCase)
                && c.AuthorId == authorId
                && c.OpenedAt >= decidedAt - RepeatContactWindow
                && c.OpenedAt < decidedAt);
            var waitingSince = WaitingSince(stored, mentions, i, decidedAt, answers);
            inputs.Add(new DryRunMention(
                m.Key ?? i.ToString(CultureInfo.InvariantCulture),
                m.Text,
                platform?.ToString() ?? m.Platform,
                m.Language is { Length: > 0 } language && language != "unknown" ? language : null,
                m.Followers,
                PriorContacts: i + earlierCases,
                UnansweredHours: waitingSince is { } w && decidedAt > w ? (decidedAt - w).TotalHours : 0,
                Author: platform is { } known && authorId is not null ? AuthorKeys.For(known, authorId) : authorId,
                Handle: m.AuthorHandle,
                CreatedAt: m.CreatedAt)
            {
                DecidedAt = decidedAt,
            });
        }

        return inputs.Count == 0
            ? DryRunRead.Skip($"case {stored.Id}: no mention text left to score (deleted or erased); skipped")
            : DryRunRead.Of(new DryRunItem(stored.Id, inputs, stored.Id));
    }

    /// <summary>When triage scored the mention; the time it was written if the store has no triage time.</summary>
    private static DateTimeOffset DecidedAt(StoredMention m) => m.TriagedAt is { } t && t > DateTimeOffset.UnixEpoch ? t : m.CreatedAt;

    /// <summary>
    /// Since when the customer had been waiting when mention <paramref name="index"/> was scored, replayed as triage keeps
    /// it: from the opening until the brand's first answer (a move to awaiting customer, resolved, closed or spam); after
    /// an answer, from the first later mention (the one that restarts the clock is itself scored as not waiting).
    /// </summary>
    private static DateTimeOffset? WaitingSince(StoredCase stored, List<StoredMention> mentions, int index, DateTimeOffset decidedAt, List<DateTimeOffset> answers)
    {
        var lastAnswer = answers.Where(a => a < decidedAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        if (lastAnswer == DateTimeOffset.MinValue)
        {
            return stored.OpenedAt;
        }

        return mentions.Take(index).Where(m => DecidedAt(m) > lastAnswer).Select(m => (DateTimeOffset?)m.CreatedAt).Min();
    }

    private static T? Parse<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string body) => body.Length <= 200 ? body : body[..200] + "…";

    private sealed record CaseList(List<ListedCase>? Items, string? ContinuationToken);

    private sealed record ListedCase(string Id, string? Platform, string? AuthorId, DateTimeOffset OpenedAt);

    private sealed record CaseDetail(StoredCase? Case, List<StoredMention>? Mentions);

    private sealed record StoredCase(string Id, string? Platform, string? AuthorId, DateTimeOffset OpenedAt, List<CaseStep>? History);

    private sealed record CaseStep(string? To, DateTimeOffset At);

    private sealed record StoredMention(
        string? Key,
        string? Platform,
        string? AuthorId,
        string? AuthorHandle,
        long? Followers,
        string? Text,
        string? Language,
        DateTimeOffset CreatedAt,
        DateTimeOffset? TriagedAt);
}
