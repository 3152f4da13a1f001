using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;
using static SocialFirst.Core.Tests.Watch.Application.WatchCases;

namespace SocialFirst.Core.Tests.Watch.Application;

public class TrendWatchErasureTests
{
    private const string Token = "erased-0123456789abcdef";
    private static readonly DateTimeOffset T = Monday.AddHours(9);

    private static AuthorTrendKeys Keys(Platform platform = Platform.Facebook, string authorId = "5800001") =>
        new(platform, authorId, ["facebook:created:990101", "facebook:created:990102"], ["DANACASE"], ["Dana Erasmus", "dana_e"], Token);

    public static TheoryData<Platform, string, string, bool> MentionIds => new()
    {
        { Platform.Facebook, "5800001", "facebook:created:990101", true },          // listed by the case store
        { Platform.Facebook, "5800001", "FACEBOOK:CREATED:990102", true },          // any case
        { Platform.Facebook, "5800001", "facebook:created:990103", false },         // someone else's comment
        { Platform.Weibo, "1234567", "weibo:created:1234567:mon jul 16 18:09:20 +0800 2012:dm", true },
        { Platform.Weibo, "1234567", "weibo:created:12345678:mon jul 16:dm", false }, // a longer id is another user
        { Platform.WeChat, "oAbC-123", "wechat:created:oabc-123:1700000000:text", true }, // OpenID lower-cased in the key
        { Platform.WeChat, "oAbC-123", "wechat:created:987654321", false },         // a MsgId names no one
        { Platform.X, "1234567", "weibo:created:1234567:x:dm", false },             // another platform's user
    };

    [Theory]
    [MemberData(nameof(MentionIds))]
    public void IsAuthorMention_KeysListedOrEmbeddingTheAuthorId_AreTheAuthors(Platform platform, string authorId, string mentionId, bool expected) =>
        Assert.Equal(expected, Keys(platform, authorId).IsAuthorMention(mentionId));

    [Fact]
    public void Erase_Incident_DropsTheAuthorsIdsAndNamesKeepsCountsAndOthers()
    {
        var incident = new Incident { Id = "inc-1", BrandId = "acme", Terms = ["cap", "dana erasmus", "category:safety"], OpenedAt = T, LastSignalAt = T }
            .Link("facebook:created:990101", "DANACASE", 200)
            .Link("facebook:created:777", "GUSCASE", 200)
            .Link("facebook:created:990102", "DANACASE", 200);

        var erased = TrendWatchErasure.Erase(incident, Keys());

        Assert.NotNull(erased);
        Assert.Equal(["facebook:created:777"], erased.MentionIds);
        Assert.Equal(["GUSCASE"], erased.CaseIds);
        Assert.Equal(3, erased.LinkedMentionCount);
        Assert.Equal(["cap", Token, "category:safety"], erased.Terms);
        Assert.Null(TrendWatchErasure.Erase(erased, Keys())); // nothing left: a repeat changes nothing
    }

    [Fact]
    public void Erase_State_RemovesTheAuthorEverywhereButKeepsTheCounts()
    {
        var detector = new TrendDetector(TrendPolicy.Default);
        var state = new TrendWatchState { Trends = new BrandTrendState { BrandId = "acme" } };
        detector.Observe(state.Trends, new TrendObservation("acme", T, "facebook:created:990101", ["cap", "Dana Erasmus"], [CareCategory.Safety], Sentiment.Negative, "DANACASE"));
        detector.Observe(state.Trends, new TrendObservation("acme", T, "facebook:created:777", ["cap"], [CareCategory.Safety], Sentiment.Negative, "DANACASE"));
        detector.Observe(state.Trends, new TrendObservation("acme", T, "facebook:created:778", ["cap"], [], Sentiment.Neutral, "GUSCASE"));
        state.Trends.Incidents.Add(new Incident { Id = "inc-1", BrandId = "acme", Terms = ["cap"], OpenedAt = T, LastSignalAt = T }.Link("facebook:created:990102", "DANACASE", 200).Link("facebook:created:778", "GUSCASE", 200));
        state.PendingAlerts.Add(new TrendAlertNotice("inc-1", TrendSeverity.High, ["cap"], "cap 3 vs 0.1", ["facebook:created:990102", "facebook:created:778"], T, T.AddMinutes(15)));
        state.PendingCaseLinks.AddRange([new IncidentCaseLink("inc-1", "DANACASE"), new IncidentCaseLink("inc-1", "GUSCASE")]);
        state.Trends.Cooldowns["dana erasmus"] = T;
        var window = state.Trends.Windows.Values.Single();
        var total = window.Total;

        var changed = TrendWatchErasure.Erase(state, Keys());

        Assert.True(changed);
        var json = System.Text.Json.JsonSerializer.Serialize(state);
        Assert.DoesNotContain("990101", json, StringComparison.Ordinal);
        Assert.DoesNotContain("990102", json, StringComparison.Ordinal);
        Assert.DoesNotContain("DANACASE", json, StringComparison.Ordinal);
        Assert.DoesNotContain("dana erasmus", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(total, window.Total);
        Assert.Equal(3, window.Count("cap"));
        Assert.Equal(1, window.Count(Token));
        Assert.Equal(3, state.Trends.Pending.Count);
        Assert.StartsWith(Token, state.Trends.Pending.Single(p => p.Terms.Contains(Token)).MentionId, StringComparison.Ordinal);
        Assert.Equal(["facebook:created:778"], state.Trends.Incidents[0].MentionIds);
        Assert.Equal(2, state.Trends.Incidents[0].LinkedMentionCount);
        Assert.Equal(["facebook:created:778"], state.PendingAlerts[0].ExampleMentionIds);
        Assert.Equal([new IncidentCaseLink("inc-1", "GUSCASE")], state.PendingCaseLinks);
        Assert.False(TrendWatchErasure.Erase(state, Keys()));
    }
}
