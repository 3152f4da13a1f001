using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Testing;
using InfluenceRole = SocialFirst.Core.Watch.Influence.AuthorRole;

namespace SocialFirst.Core.Tests.Watch.Application;

public class InfluenceServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryCaseStore _store = new();
    private readonly FakeTimeProvider _time = new(Now);
    private FactsReader? _reader;

    private InfluenceService CreateSut(InfluenceOptions? options = null)
    {
        _reader = new FactsReader(_store);
        return new InfluenceService(_store, _reader, Options.Create(options ?? new InfluenceOptions()), _time, NullLogger<InfluenceService>.Instance);
    }

    /// <summary>
    /// Default policy (reach 0.6, engagement 0.4, half-life 14 days, engagement scale 5, saturation 1,000,000 followers).
    /// reach(999) = log10(1000)/log10(1,000,001) = 0.5; reach(9) = 1/6 = 0.1667; reach(99,999) = 5/6 = 0.8333.
    /// <list type="bullet">
    /// <item>bigangry, 999 followers: negative comments now and 14 days ago (decay 1 + 0.5 = 1.5): engagement 1 − e^−0.3 =
    /// 0.2592; influence 0.3 + 0.1037 = 0.4037; sentiment −1: critic score 0.4037.</item>
    /// <item>smallangry, 9 followers: three negative comments now: engagement 1 − e^−0.6 = 0.4512; influence 0.1 + 0.1805
    /// = 0.2805: critic score 0.2805. Three this week, none before: growth (3 − 0)/(0 + 2) = 1.5, the only rising voice.</item>
    /// <item>fan, 99,999 followers: positive comments now and 14 days ago: influence 0.5 + 0.1037 = 0.6037: advocate.</item>
    /// <item>replier, 9 followers: two positive replies (weight 1.2) in bigangry's case: engagement 1 − e^−0.48 = 0.3812;
    /// influence 0.1 + 0.1525 = 0.2525: advocate. The replies count for replier, not for bigangry.</item>
    /// <item>lukewarm (one positive, one negative: mean 0), once (one negative, 1,000,000 followers: below two mentions)
    /// and withdrawn (two negatives, one deleted) stay neutral.</item>
    /// <item>old (negative, 100 days ago) is outside the window: its case is not even read. globex's author is another brand.</item>
    /// </list>
    /// </summary>
    private void SeedHistory()
    {
        var big = OpenCase("big", "bigangry", Now.AddDays(-14));
        Add(big, "bigangry", Now.AddDays(-14), Sentiment.Negative, 999);
        Add(big, "bigangry", Now, Sentiment.Negative, 999);
        Add(big, "replier", Now, Sentiment.Positive, 9, MentionKind.Reply);
        Add(big, "replier", Now, Sentiment.Positive, 9, MentionKind.Reply);

        var small = OpenCase("small", "smallangry", Now);
        for (var i = 0; i < 3; i++)
        {
            Add(small, "smallangry", Now, Sentiment.Negative, 9);
        }

        var fan = OpenCase("fan", "fan", Now.AddDays(-14));
        Add(fan, "fan", Now.AddDays(-14), Sentiment.Positive, 99_999);
        Add(fan, "fan", Now, Sentiment.Positive, 99_999);

        var luke = OpenCase("luke", "lukewarm", Now.AddDays(-3));
        Add(luke, "lukewarm", Now.AddDays(-3), Sentiment.Positive, 999);
        Add(luke, "lukewarm", Now.AddDays(-2), Sentiment.Negative, 999);

        Add(OpenCase("once", "once", Now.AddDays(-1)), "once", Now.AddDays(-1), Sentiment.Negative, 1_000_000);

        var withdrawn = OpenCase("withdrawn", "withdrawn", Now.AddDays(-2));
        Add(withdrawn, "withdrawn", Now.AddDays(-2), Sentiment.Negative, 50_000);
        Add(withdrawn, "withdrawn", Now.AddDays(-1), Sentiment.Negative, 50_000, deleted: true);

        var old = OpenCase("old", "old", Now.AddDays(-100));
        Add(old, "old", Now.AddDays(-100), Sentiment.Negative, 500_000);
        Add(old, "old", Now.AddDays(-100), Sentiment.Negative, 500_000);

        var other = OpenCase("other", "globexfan", Now, brand: "globex");
        Add(other, "globexfan", Now, Sentiment.Negative, 500_000);
        Add(other, "globexfan", Now, Sentiment.Negative, 500_000);
    }

    [Fact]
    public async Task RankAsync_Critics_HighReachAngryAuthorFirst_AsComputedByHand()
    {
        SeedHistory();

        var report = await CreateSut().RankAsync("acme", InfluenceList.Critic, 10, null, CancellationToken.None);

        Assert.Equal(["bigangry", "smallangry"], report.Authors.Select(a => a.AuthorId));
        var big = report.Authors[0];
        Assert.Equal(1, big.Rank);
        Assert.Equal(Platform.X, big.Platform);
        Assert.Equal("@bigangry", big.Handle);
        Assert.Equal(999, big.Followers);
        Assert.Equal(InfluenceRole.Critic, big.Role);
        Assert.Equal(0.5, big.Reach);
        Assert.Equal(0.2592, big.Engagement);
        Assert.Equal(0.4037, big.Influence);
        Assert.Equal(-1, big.Sentiment);
        Assert.Equal(0.4037, big.Score);
        Assert.Equal(2, big.Mentions);   // replier's replies in the same case are not bigangry's
        Assert.Equal(0, big.SentimentTrend);
        Assert.Equal(["reach", "engagement"], big.Factors.Select(f => f.Factor));
        Assert.Equal(0.3, big.Factors[0].Contribution);
        Assert.Equal("999 followers", big.Factors[0].Detail);
        Assert.Equal(0.1037, big.Factors[1].Contribution);
        Assert.Equal("2 mentions in 90 days, 1 (weighted) in the last 7 days, 0 in the 7 before", big.Factors[1].Detail);
        Assert.Equal((1, 0, 0.5), (big.ThisWeek, big.PreviousWeek, big.Growth)); // the comment of 14 days ago is not "the week before" (< 14 days)
        Assert.Equal(
            "critic: score 0.4037 = influence 0.4037 × negativity 1; influence 0.4037 = 0.6 × reach 0.5 (999 followers) + 0.4 × engagement 0.2592; "
                + "sentiment -1 (recency-weighted, half-life 14 days); sentiment trend 0 (steady, last 7 days against before)",
            big.Explanation);
        Assert.Equal(0.2805, report.Authors[1].Score);
        Assert.Equal(0.1667, report.Authors[1].Reach);
        Assert.Equal(0.4512, report.Authors[1].Engagement);
    }

    [Fact]
    public async Task RankAsync_Advocates_RepliesCountForTheirOwnAuthor()
    {
        SeedHistory();

        var report = await CreateSut().RankAsync("acme", InfluenceList.Advocate, 10, null, CancellationToken.None);

        Assert.Equal(["fan", "replier"], report.Authors.Select(a => a.AuthorId));
        Assert.Equal([0.6037, 0.2525], report.Authors.Select(a => a.Score));
        Assert.Equal([1, 2], report.Authors.Select(a => a.Rank));
        Assert.Equal(0.3812, report.Authors[1].Engagement);
        Assert.Equal(2.4, report.Authors[1].ThisWeek, 6);
    }

    [Fact]
    public async Task RankAsync_Rising_GrowthAgainstLastWeekWithTheMinimum()
    {
        SeedHistory();

        var report = await CreateSut().RankAsync("acme", InfluenceList.Rising, 10, null, CancellationToken.None);

        var riser = Assert.Single(report.Authors);
        Assert.Equal("smallangry", riser.AuthorId);
        Assert.Equal(1.5, riser.Growth);
        Assert.Equal(1.5, riser.Score);
        Assert.StartsWith("critic, rising: growth 1.5 = (3 this week − 0 the week before) / (0 + 2)", riser.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RankAsync_CountsOnlyTheBrandsWindow_SkipsUntouchedOldCases_AndDeletedMentions()
    {
        SeedHistory();

        var report = await CreateSut().RankAsync("acme", InfluenceList.Critic, 10, null, CancellationToken.None);

        // Authors: bigangry, replier, smallangry, fan, lukewarm, once, withdrawn. Mentions: 4 + 3 + 2 + 2 + 1 + 1 (one deleted).
        Assert.Equal(7, report.AuthorsRanked);
        Assert.Equal(13, report.MentionsCounted);
        Assert.Equal(6, report.CasesRead);
        Assert.DoesNotContain(CaseId.Create("old"), _reader!.Read);
        Assert.DoesNotContain(CaseId.Create("other"), _reader.Read);
        Assert.Equal(Now.AddDays(-90), report.Since);
        Assert.Equal(Now, report.AsOf);
    }

    [Fact]
    public async Task RankAsync_Top_CutsTheList()
    {
        SeedHistory();

        var report = await CreateSut().RankAsync("acme", InfluenceList.Critic, 1, null, CancellationToken.None);

        Assert.Equal("bigangry", Assert.Single(report.Authors).AuthorId);
    }

    [Fact]
    public async Task RankAsync_AsOfInThePast_IgnoresLaterMentionsAndCases()
    {
        SeedHistory();

        // A week ago only bigangry's first comment and fan's first praise existed: one mention each, so nobody has a role.
        var report = await CreateSut().RankAsync("acme", InfluenceList.Critic, 10, Now.AddDays(-7), CancellationToken.None);

        Assert.Empty(report.Authors);
        Assert.Equal(2, report.AuthorsRanked);
        Assert.Equal(2, report.MentionsCounted);
    }

    [Fact]
    public async Task RankAsync_MoreCasesThanAllowed_IsRefusedWithTheSetting()
    {
        SeedHistory();

        var ex = await Assert.ThrowsAsync<InfluenceLimitException>(() =>
            CreateSut(new InfluenceOptions { MaxCases = 3 }).RankAsync("acme", InfluenceList.Critic, 10, null, CancellationToken.None));

        Assert.Contains("Watch:Influence:MaxCases", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RankAsync_BadArguments_Throw()
    {
        var sut = CreateSut();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sut.RankAsync("acme", InfluenceList.Critic, 10, Now.AddMinutes(1), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sut.RankAsync("acme", InfluenceList.Critic, 0, null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sut.RankAsync("acme", InfluenceList.Critic, InfluenceService.MaxTop + 1, null, CancellationToken.None));
    }

    [Fact]
    public async Task RankAsync_NoCases_IsAnEmptyReport()
    {
        var report = await CreateSut().RankAsync("acme", InfluenceList.Advocate, 10, null, CancellationToken.None);

        Assert.Empty(report.Authors);
        Assert.Equal(0, report.CasesRead);
    }

    [Theory]
    [InlineData(Sentiment.Positive, 1.0)]
    [InlineData(Sentiment.Negative, -1.0)]
    [InlineData(Sentiment.Neutral, 0.0)]
    [InlineData(Sentiment.Mixed, 0.0)]
    public void SentimentValue_MapsTheClassLabel(Sentiment sentiment, double expected) =>
        Assert.Equal(expected, InfluenceService.SentimentValue(sentiment));

    private Case OpenCase(string key, string author, DateTimeOffset at, string brand = "acme") =>
        _store.Seed(Case.Open(CaseId.Create(key), brand, Platform.X, author, "@" + author, at, key, at, "triage"));

    private void Add(Case c, string author, DateTimeOffset at, Sentiment sentiment, long followers, MentionKind kind = MentionKind.Comment, bool deleted = false)
    {
        var current = _store.Cases.Single(x => x.Id == c.Id);
        var mention = CaseMentions.ByAuthor(c.Id, author, at, sentiment, followers, kind, deleted);
        var outcome = _store.TryAppendMentionAsync(current with { LastMentionAt = at > current.LastMentionAt ? at : current.LastMentionAt }, mention, CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal(AppendStatus.Appended, outcome.Status);
    }

    /// <summary>The port over the in-memory store's mentions, with the same period and limit semantics as the Table adapter.</summary>
    private sealed class FactsReader(InMemoryCaseStore store) : ICaseMentionFactsReader
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<string> _read = [];

        public IReadOnlyCollection<string> Read => _read;

        public async Task<IReadOnlyList<CaseMentionFacts>> ReadAsync(string caseId, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken)
        {
            _read.Add(caseId);
            var all = await store.GetMentionsAsync(caseId, cancellationToken);
            return all.Where(m => m.CreatedAt >= from && m.CreatedAt <= to)
                .Take(max)
                .Select(m => new CaseMentionFacts(m.CaseId, m.Platform, m.AuthorId, m.AuthorHandle, m.Followers, m.Kind, m.Sentiment, m.CreatedAt, m.Deleted))
                .ToList();
        }
    }
}
