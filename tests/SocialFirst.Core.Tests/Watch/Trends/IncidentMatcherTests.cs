using SocialFirst.Core.Classification;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Tests.Watch.Trends;

public class IncidentMatcherTests
{
    private static readonly DateTimeOffset Opened = new(2025, 3, 13, 14, 0, 0, TimeSpan.Zero);

    private static Incident Incident(params string[] terms) => new()
    {
        Id = "inc-1",
        BrandId = "acme",
        Terms = terms,
        OpenedAt = Opened,
        LastSignalAt = Opened.AddMinutes(15),
    };

    private static TrendObservation Mention(string[] terms, string[]? categories = null, Sentiment sentiment = Sentiment.Neutral, int minutes = 20) =>
        new("acme", Opened.AddMinutes(minutes), "m", terms, categories ?? [], sentiment);

    public static TheoryData<Incident, TrendObservation, bool> Cases => new()
    {
        // A cluster needs two of its phrases.
        { Incident("cut", "blood", "salad dressing"), Mention(["Blood", "salad dressing", "bottle"]), true },
        { Incident("cut", "blood", "salad dressing"), Mention(["blood"]), false },
        // A single phrase needs that phrase.
        { Incident("recall notice", "category:safety"), Mention(["recall notice"]), true },
        { Incident("recall notice"), Mention(["recall"]), false },
        // Before the detection window it did not exist yet.
        { Incident("recall notice"), Mention(["recall notice"], minutes: -5), false },
        // A category spike: the category.
        { Incident("category:billing"), Mention(["invoice"], ["billing"]), true },
        { Incident("category:billing"), Mention(["invoice"], ["safety"]), false },
        // A pure negative surge: negative mentions.
        { Incident(TrendTerms.NegativeSentiment), Mention(["app"], sentiment: Sentiment.Negative), true },
        { Incident(TrendTerms.NegativeSentiment), Mention(["app"], sentiment: Sentiment.Positive), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_DecidesByTermsCategoriesOrSentiment(Incident incident, TrendObservation mention, bool expected) =>
        Assert.Equal(expected, IncidentMatcher.Matches(incident, mention));

    [Fact]
    public void Matches_ClosedIncidentAfterItsClose_IsFalse()
    {
        var incident = Incident("recall notice") with { ClosedAt = Opened.AddMinutes(10) };

        Assert.False(IncidentMatcher.Matches(incident, Mention(["recall notice"])));
    }

    [Fact]
    public void FindBest_PrefersMorePhrasesOverCategoryAndOtherBrands()
    {
        var cluster = Incident("cut", "blood", "salad dressing") with { Id = "cluster" };
        var category = Incident("category:safety") with { Id = "safety" };
        var otherBrand = Incident("cut", "blood", "salad dressing") with { Id = "other", BrandId = "globex" };

        var best = IncidentMatcher.FindBest([category, otherBrand, cluster], Mention(["cut", "blood", "salad dressing"], ["safety"]));

        Assert.Equal("cluster", best?.Id);
    }

    [Fact]
    public void Link_KeepsIdsBoundedAndCountsAll()
    {
        var incident = Incident("x");
        for (var i = 0; i < 5; i++)
        {
            incident = incident.Link("m" + i, "c" + (i % 2), maxIds: 3);
        }

        incident = incident.Link("m0", "c0", maxIds: 3); // again: ignored

        Assert.Equal(["m0", "m1", "m2"], incident.MentionIds);
        Assert.Equal(["c0", "c1"], incident.CaseIds);
        Assert.Equal(5, incident.LinkedMentionCount);
    }
}
