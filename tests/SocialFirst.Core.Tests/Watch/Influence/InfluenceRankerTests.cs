using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Influence;

namespace SocialFirst.Core.Tests.Watch.Influence;

public class InfluenceRankerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static AuthorActivity Act(string author, double daysAgo, double sentiment, long? followers = null, MentionKind kind = MentionKind.Mention, string brand = "acme") =>
        new(brand, Platform.X, author, Now.AddDays(-daysAgo), kind, sentiment, followers, "@" + author);

    [Theory]
    [InlineData(1_000_000L, 1.0)]
    [InlineData(999L, 0.5)]       // log10(1000) / log10(1,000,001) ≈ 3 / 6
    [InlineData(0L, 0.0)]
    [InlineData(50_000_000L, 1.0)] // capped
    public void Reach_IsLogScaled(long followers, double expected) =>
        Assert.Equal(expected, InfluenceRanker.Reach(followers, 1_000_000), 3);

    [Fact]
    public void TopCritics_BigNegativeAccountOutranksSmallOne_AndAdvocatesStayOut()
    {
        var activities = new[]
        {
            Act("bigcritic", 1, -0.8, 500_000), Act("bigcritic", 2, -0.6, 500_000),
            Act("smallcritic", 1, -0.9, 120), Act("smallcritic", 3, -0.9, 120), Act("smallcritic", 4, -0.9, 120),
            Act("fan", 1, 0.9, 800_000), Act("fan", 2, 0.7, 800_000),
        };

        var board = InfluenceRanker.Rank(activities, "acme", Now);

        Assert.Equal(["x:bigcritic", "x:smallcritic"], board.TopCritics(5).Select(a => a.AuthorKey));
        Assert.Equal(["x:fan"], board.TopAdvocates(5).Select(a => a.AuthorKey));
        Assert.Equal(AuthorRole.Critic, board.Authors.Single(a => a.AuthorId == "bigcritic").Role);
    }

    [Fact]
    public void Rank_SentimentOverTime_WeighsRecentMore()
    {
        // Negative 56 days ago (4 half-lives: weight 1/16), positive today (weight 1):
        // (−1 · 0.0625 + 0.6 · 1) / 1.0625 = 0.50588 → advocate; the trend is 0.6 − (−1) = 1.6.
        var board = InfluenceRanker.Rank([Act("convert", 56, -1.0), Act("convert", 0, 0.6)], "acme", Now);

        var author = Assert.Single(board.Authors);
        Assert.Equal(0.5059, author.Sentiment, 4);
        Assert.Equal(AuthorRole.Advocate, author.Role);
        Assert.Equal(1.6, author.SentimentTrend);
    }

    [Fact]
    public void Rank_SingleActivity_StaysNeutral()
    {
        var board = InfluenceRanker.Rank([Act("once", 1, -1.0, 1_000_000)], "acme", Now);

        Assert.Equal(AuthorRole.Neutral, Assert.Single(board.Authors).Role);
        Assert.Empty(board.TopCritics(3));
    }

    [Fact]
    public void RisingVoices_GrowthThisWeekOverLast_WithAMinimum()
    {
        var activities = new List<AuthorActivity>();
        activities.Add(Act("riser", 9, 0));                                        // 1 last week
        activities.AddRange(Enumerable.Range(0, 6).Select(i => Act("riser", i, 0))); // 6 this week: (6 − 1)/(1 + 2) = 1.67
        activities.AddRange(Enumerable.Range(0, 5).Select(i => Act("steady", i, 0)));
        activities.AddRange(Enumerable.Range(8, 5).Select(i => Act("steady", i, 0))); // 5 and 5: no growth
        activities.AddRange(Enumerable.Range(0, 2).Select(i => Act("tiny", i, 0)));    // 2 < minimum 3
        activities.AddRange(Enumerable.Range(0, 3).Select(i => Act("new", i, 0)));     // (3 − 0)/(0 + 2) = 1.5

        var rising = InfluenceRanker.Rank(activities, "acme", Now).RisingVoices(10);

        Assert.Equal(["x:riser", "x:new"], rising.Select(a => a.AuthorKey));
        Assert.Equal(1.6667, rising[0].Growth, 4);
        Assert.Equal(6, rising[0].ThisWeek);
        Assert.Equal(1, rising[0].PreviousWeek);
    }

    [Fact]
    public void Rank_EngagementCountsKindsAndRecency()
    {
        // Same followers; replies count 1.2, DMs 0.5; older activity decays.
        var board = InfluenceRanker.Rank(
            [
                Act("replier", 0, 0, 1000, MentionKind.Reply), Act("replier", 0, 0, 1000, MentionKind.Reply),
                Act("dmer", 0, 0, 1000, MentionKind.DirectMessage), Act("dmer", 0, 0, 1000, MentionKind.DirectMessage),
                Act("old", 28, 0, 1000), Act("old", 28, 0, 1000),
            ],
            "acme",
            Now);

        var engagement = board.Authors.ToDictionary(a => a.AuthorId, a => a.Engagement);
        // 1 − e^(−2.4/5) = 0.3812; 1 − e^(−1/5) = 0.1813; two at a quarter weight: 1 − e^(−0.5/5) = 0.0952.
        Assert.Equal(0.3812, engagement["replier"], 4);
        Assert.Equal(0.1813, engagement["dmer"], 4);
        Assert.Equal(0.0952, engagement["old"], 4);
        Assert.Equal("replier", board.Authors[0].AuthorId);
    }

    [Fact]
    public void Rank_OtherBrandsFutureAndAncientActivity_AreIgnored()
    {
        var board = InfluenceRanker.Rank(
            [Act("a", 1, 0.5, brand: "globex"), Act("b", -1, 0.5), Act("c", 200, 0.5), Act("d", 1, 0.5)],
            "acme",
            Now);

        Assert.Equal(["x:d"], board.Authors.Select(a => a.AuthorKey));
    }
}
