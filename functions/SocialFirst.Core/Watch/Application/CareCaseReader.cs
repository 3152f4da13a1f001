using System.Collections.Concurrent;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Watch.Metrics;

namespace SocialFirst.Core.Watch.Application;

/// <summary>
/// The live path shared by the scorecard and the roll-up: list a brand's cases by age, read them (one point read each,
/// the outbox only for cases the escalation step touched) and turn them into <see cref="CareCaseFacts"/>.
/// </summary>
internal static class CareCaseReader
{
    private const int PageSize = CaseQuery.MaxPageSize;

    /// <summary>
    /// The brand's cases opened in [<paramref name="from"/>, <paramref name="until"/>), oldest first; throws
    /// <see cref="CareMetricsLimitException"/> when more than <paramref name="max"/> of them are <paramref name="counted"/>.
    /// </summary>
    public static async Task<List<CaseSummary>> ListAsync(
        ICaseStore cases, string brandId, DateTimeOffset from, DateTimeOffset until, Func<CaseSummary, bool> counted, int max, CancellationToken cancellationToken)
    {
        var result = new List<CaseSummary>();
        var query = new CaseQuery { BrandId = brandId, Since = from, Order = CaseOrder.Oldest, PageSize = PageSize };
        var count = 0;
        string? token = null;
        do
        {
            var page = await cases.ListCasesAsync(query, token, cancellationToken);
            foreach (var s in page.Items)
            {
                if (s.OpenedAt >= until)
                {
                    return result;
                }

                if (counted(s) && ++count > max)
                {
                    throw new CareMetricsLimitException($"more than {max} cases to read in the period (Watch:Metrics:MaxCases); ask for a shorter period");
                }

                result.Add(s);
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return result;
    }

    /// <summary>The cases with their outbox entries (a case gone since it was listed is left out).</summary>
    public static async Task<List<(Case Case, IReadOnlyList<OutboxEntry> Outbox)>> ReadAsync(
        ICaseStore cases, IEscalationOutbox outbox, IReadOnlyList<CaseSummary> toRead, int parallelism, CancellationToken cancellationToken)
    {
        var read = new ConcurrentBag<(Case, IReadOnlyList<OutboxEntry>)>();
        await Parallel.ForEachAsync(
            toRead,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (summary, ct) =>
            {
                var c = await cases.GetCaseAsync(summary.Id, ct);
                if (c is null)
                {
                    return;
                }

                IReadOnlyList<OutboxEntry> entries = TouchedByEscalation(c) ? await outbox.ListAsync(c.Id, ct) : [];
                read.Add((c, entries));
            });
        return [.. read];
    }

    /// <summary>Facts of the read cases; re-contacts are looked for among <paramref name="known"/> (the listed cases).</summary>
    public static List<CareCaseFacts> ToFacts(IEnumerable<(Case Case, IReadOnlyList<OutboxEntry> Outbox)> read, IEnumerable<CaseSummary> known, TimeSpan window)
    {
        var byAuthor = known.ToLookup(s => (s.Platform, s.AuthorId));
        return read.Select(r => CaseTimelineMapper.ToFacts(r.Case, r.Outbox, byAuthor[(r.Case.Platform, r.Case.AuthorId)], window)).ToList();
    }

    /// <summary>Only cases the escalation step has seen can have outbox entries; the rest need no outbox read.</summary>
    private static bool TouchedByEscalation(Case c) =>
        c.EscalationLevel > 0 || c.PendingEscalation is not null || c.History.Any(h => h.Actor == EscalationService.Actor);
}
