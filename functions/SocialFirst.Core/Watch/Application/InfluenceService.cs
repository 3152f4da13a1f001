using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Watch.Influence;
using InfluenceActivity = SocialFirst.Core.Watch.Influence.AuthorActivity;

namespace SocialFirst.Core.Watch.Application;

/// <summary>Thrown when a ranking would read more cases than <see cref="InfluenceOptions.MaxCases"/> allows.</summary>
public sealed class InfluenceLimitException : Exception
{
    public InfluenceLimitException()
    {
    }

    public InfluenceLimitException(string message)
        : base(message)
    {
    }

    public InfluenceLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A brand's key opinion leaders: lists the brand's cases opened in the look-back window (and <see
/// cref="InfluenceOptions.CaseSpanDays"/> before it) through the by-age index, reads the facts of their mentions in the
/// window (no texts), maps each mention to an <see cref="InfluenceActivity"/> of its own author (a reply that joined
/// someone else's case counts for whoever wrote it) and ranks them with <see cref="InfluenceRanker"/>. Sentiment per
/// mention: positive +1, negative −1, neutral and mixed 0; deleted mentions do not count. docs/influencers.md.
/// </summary>
public sealed partial class InfluenceService(
    ICaseStore cases,
    ICaseMentionFactsReader mentions,
    IOptions<InfluenceOptions> options,
    TimeProvider time,
    ILogger<InfluenceService> logger)
{
    /// <summary>The most authors one request may return.</summary>
    public const int MaxTop = 100;

    private const int PageSize = CaseQuery.MaxPageSize;

    /// <summary>A case last changed this long before the window cannot have a mention in it (clocks differ a little).</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromDays(1);

    /// <summary>
    /// The top <paramref name="top"/> authors of <paramref name="list"/> for the brand, as of <paramref name="asOf"/>
    /// (default now; not in the future).
    /// </summary>
    public async Task<InfluenceReport> RankAsync(string brandId, InfluenceList list, int top, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop);
        var now = time.GetUtcNow();
        var at = asOf ?? now;
        if (at > now)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), "asOf must not be in the future");
        }

        var o = options.Value;
        var policy = o.ToPolicy();
        var since = at.AddDays(-policy.LookbackDays);
        var summaries = await ListAsync(brandId, since.AddDays(-o.CaseSpanDays), since, at, o.MaxCases, cancellationToken);

        var activities = new ConcurrentBag<InfluenceActivity>();
        await Parallel.ForEachAsync(
            summaries,
            new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism, CancellationToken = cancellationToken },
            async (summary, ct) =>
            {
                foreach (var m in await mentions.ReadAsync(summary.Id, since, at, o.MaxMentionsPerCase, ct))
                {
                    if (!m.Deleted)
                    {
                        activities.Add(new InfluenceActivity(brandId, m.Platform, m.AuthorId, m.CreatedAt, m.Kind, SentimentValue(m.Sentiment), m.Followers, m.AuthorHandle));
                    }
                }
            });

        var board = InfluenceRanker.Rank(activities, brandId, at, policy);
        var chosen = list switch
        {
            InfluenceList.Critic => board.TopCritics(top),
            InfluenceList.Advocate => board.TopAdvocates(top),
            InfluenceList.Rising => board.RisingVoices(top),
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, "unknown list"),
        };
        var authors = chosen.Select((a, i) => Describe(i + 1, a, list, policy)).ToList();
        Log.Ranked(logger, brandId, list, summaries.Count, activities.Count, board.Authors.Count);
        return new InfluenceReport(brandId, list, at, since, board.Authors.Count, summaries.Count, activities.Count, authors);
    }

    /// <summary>A mention's sentiment as a number: positive +1, negative −1, neutral and mixed 0.</summary>
    public static double SentimentValue(Sentiment sentiment) => sentiment switch
    {
        Sentiment.Positive => 1,
        Sentiment.Negative => -1,
        _ => 0,
    };

    /// <summary>The score a list is ordered by, as <see cref="InfluenceBoard"/> orders it.</summary>
    public static double ScoreFor(AuthorInfluence author, InfluenceList list)
    {
        ArgumentNullException.ThrowIfNull(author);
        return list switch
        {
            InfluenceList.Critic => Math.Round(author.Influence * Math.Max(0, -author.Sentiment), 4),
            InfluenceList.Advocate => Math.Round(author.Influence * Math.Max(0, author.Sentiment), 4),
            _ => author.Growth,
        };
    }

    private static Influencer Describe(int rank, AuthorInfluence a, InfluenceList list, InfluencePolicy policy)
    {
        var followers = a.Followers is { } f ? Num($"{f:N0} followers") : "follower count unknown";
        var reach = new InfluenceFactor("reach", a.Reach, policy.ReachWeight, Math.Round(a.Reach * policy.ReachWeight, 4), followers);
        var engagement = new InfluenceFactor(
            "engagement",
            a.Engagement,
            policy.EngagementWeight,
            Math.Round(a.Engagement * policy.EngagementWeight, 4),
            Num($"{a.Activities} mentions in {policy.LookbackDays} days, {a.ThisWeek:0.##} (weighted) in the last 7 days, {a.PreviousWeek:0.##} in the 7 before"));
        var score = ScoreFor(a, list);
        var role = a.Role.ToString().ToLowerInvariant();
        var influence = Num($"influence {a.Influence:0.####} = {reach.Weight:0.##} × reach {a.Reach:0.####} ({followers}) + {engagement.Weight:0.##} × engagement {a.Engagement:0.####}");
        var trend = a.SentimentTrend is { } t
            ? Num($"; sentiment trend {t:+0.####;-0.####;0} ({(t < 0 ? "souring" : t > 0 ? "warming" : "steady")}, last 7 days against before)")
            : string.Empty;
        var head = list switch
        {
            InfluenceList.Critic => Num($"{role}: score {score:0.####} = influence {a.Influence:0.####} × negativity {-a.Sentiment:0.####}"),
            InfluenceList.Advocate => Num($"{role}: score {score:0.####} = influence {a.Influence:0.####} × positivity {a.Sentiment:0.####}"),
            _ => Num($"{role}, rising: growth {a.Growth:0.####} = ({a.ThisWeek:0.##} this week − {a.PreviousWeek:0.##} the week before) / ({a.PreviousWeek:0.##} + {policy.RisingSmoothing:0.##})"),
        };
        var explanation = Num($"{head}; {influence}; sentiment {a.Sentiment:0.####} (recency-weighted, half-life {policy.HalfLifeDays:0.#} days){trend}");
        return new Influencer(
            rank,
            a.Platform,
            a.AuthorId,
            a.Handle,
            a.Followers,
            a.Role,
            score,
            a.Influence,
            a.Reach,
            a.Engagement,
            a.Sentiment,
            a.SentimentTrend,
            a.Activities,
            a.ThisWeek,
            a.PreviousWeek,
            a.Growth,
            [reach, engagement],
            explanation);
    }

    private static string Num(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The brand's cases opened in [<paramref name="from"/>, <paramref name="until"/>] that may hold mentions after <paramref name="since"/>.</summary>
    private async Task<List<CaseSummary>> ListAsync(string brandId, DateTimeOffset from, DateTimeOffset since, DateTimeOffset until, int max, CancellationToken cancellationToken)
    {
        var result = new List<CaseSummary>();
        var query = new CaseQuery { BrandId = brandId, Since = from, Order = CaseOrder.Oldest, PageSize = PageSize };
        string? token = null;
        do
        {
            var page = await cases.ListCasesAsync(query, token, cancellationToken);
            foreach (var s in page.Items)
            {
                if (s.OpenedAt > until)
                {
                    return result;
                }

                if (s.OpenedAt < since && s.UpdatedAt < since - ClockSlack)
                {
                    continue; // opened before the window and untouched since: nothing of it can count
                }

                if (result.Count >= max)
                {
                    throw new InfluenceLimitException(Num($"more than {max} cases to read for brand {brandId} (Watch:Influence:MaxCases); lower Watch:Influence:LookbackDays or raise the limit"));
                }

                result.Add(s);
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(9751, LogLevel.Information, "Influence ranking {List} for {BrandId}: {Cases} cases read, {Mentions} mentions, {Authors} authors")]
        public static partial void Ranked(ILogger logger, string brandId, InfluenceList list, int cases, int mentions, int authors);
    }
}
