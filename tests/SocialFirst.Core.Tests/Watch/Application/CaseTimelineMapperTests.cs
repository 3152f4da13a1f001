using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch;
using SocialFirst.Core.Watch.Application;
using static SocialFirst.Core.Tests.Watch.Application.WatchCases;

namespace SocialFirst.Core.Tests.Watch.Application;

public class CaseTimelineMapperTests
{
    private static readonly DateTimeOffset T = Monday.AddHours(10);

    private static OutboxEntry Entry(Case c, OutboxStatus status, string channel, string action = "private-reply-L1") =>
        new(c.Id, action, "Facebook", status, "detail", T) { Channel = channel };

    [Fact]
    public void ToTimeline_AnsweredThenResolved_TakesTimesFromHistory()
    {
        var c = Open("k1", T, sentiment: Sentiment.Negative)
            .Then(CaseStatus.Triaged, T.AddMinutes(1), "triage")
            .Then(CaseStatus.AwaitingCustomer, T.AddMinutes(30))
            .Then(CaseStatus.Resolved, T.AddHours(2));

        var t = CaseTimelineMapper.ToTimeline(c, [], reContacted: false);

        Assert.Equal(c.Id, t.CaseId);
        Assert.Equal("acme", t.BrandId);
        Assert.Equal(Platform.Facebook, t.Platform);
        Assert.Equal(T, t.OpenedAt);
        Assert.Equal(T.AddMinutes(30), t.FirstResponseAt);
        Assert.Equal(T.AddHours(2), t.ResolvedAt);
        Assert.True(t.IsComplaint);
        Assert.True(t.ResolvedInChannel);
        Assert.False(t.MovedToPrivate);
        Assert.False(t.EscalatedToHuman);
        Assert.Equal(UrgencyBand.Normal, t.Urgency);
    }

    public static TheoryData<double, bool, string[], UrgencyBand> Bands => new()
    {
        { 0.7, true, new[] { CareCategory.Safety }, UrgencyBand.Critical },
        { 0.9, true, Array.Empty<string>(), UrgencyBand.Critical },
        { 0.7, true, new[] { CareCategory.Billing }, UrgencyBand.High },
        { 0.5, false, new[] { CareCategory.Safety }, UrgencyBand.Normal },
        { 0.1, false, Array.Empty<string>(), UrgencyBand.Low },
    };

    [Theory]
    [MemberData(nameof(Bands))]
    public void Band_ScoreUrgencyAndCategories_MapsToBand(double score, bool urgent, string[] categories, UrgencyBand expected)
    {
        var c = Open("band", T, urgency: score, urgent: urgent, categories: categories);

        Assert.Equal(expected, CaseTimelineMapper.Band(c));
    }

    [Theory]
    [InlineData(Sentiment.Negative, null, true)]
    [InlineData(Sentiment.Mixed, null, true)]
    [InlineData(Sentiment.Neutral, CareCategory.Billing, true)]
    [InlineData(Sentiment.Positive, CareCategory.Praise, false)]
    [InlineData(Sentiment.Neutral, CareCategory.Question, false)]
    public void IsComplaint_SentimentOrCategory_Decides(Sentiment sentiment, string? category, bool expected)
    {
        var c = Open("complaint", T, sentiment: sentiment, categories: category is null ? [] : [category]);

        Assert.Equal(expected, CaseTimelineMapper.IsComplaint(c));
    }

    [Fact]
    public void MovedToPrivate_OnlySentPrivateChannelsCount()
    {
        var c = Open("private", T) with { EscalationLevel = 1 };

        Assert.True(CaseTimelineMapper.MovedToPrivate(c, [Entry(c, OutboxStatus.Sent, "DirectMessage")]));
        Assert.True(CaseTimelineMapper.MovedToPrivate(c, [Entry(c, OutboxStatus.Sent, "CommentPrivateReply")]));
        Assert.False(CaseTimelineMapper.MovedToPrivate(c, [Entry(c, OutboxStatus.DryRun, "CommentPrivateReply")]));
        Assert.False(CaseTimelineMapper.MovedToPrivate(c, [Entry(c, OutboxStatus.Sent, "PublicReply", "public-reply-L1")]));
        Assert.False(CaseTimelineMapper.MovedToPrivate(c, []));
    }

    [Fact]
    public void MovedToPrivate_WithoutOutbox_ReadsTheEscalationHistoryEntry()
    {
        var c = Open("private-history", T)
            .Then(CaseStatus.Escalated, T.AddMinutes(1), "triage")
            .Then(CaseStatus.AwaitingCustomer, T.AddMinutes(5), EscalationService.Actor, "private reply sent on Facebook [X:private-reply-L1]");
        var dryRun = Open("dry-run-history", T)
            .Then(CaseStatus.Escalated, T.AddMinutes(1), "triage")
            .Then(CaseStatus.NeedsHuman, T.AddMinutes(5), EscalationService.Actor, "dry run: private reply recorded in the outbox, not sent");

        Assert.True(CaseTimelineMapper.MovedToPrivate(c, []));
        Assert.False(CaseTimelineMapper.MovedToPrivate(dryRun, []));
    }

    [Fact]
    public void ResolvedInChannel_OffChannelReasonOrClosedWithoutResolution_IsFalse()
    {
        var offChannel = Open("off", T).Then(CaseStatus.Triaged, T).Then(CaseStatus.Resolved, T.AddHours(1), reason: "Off-channel: solved by phone");
        var closed = Open("closed", T).Then(CaseStatus.Triaged, T).Then(CaseStatus.Closed, T.AddHours(1));
        var inChannel = Open("in", T).Then(CaseStatus.Triaged, T).Then(CaseStatus.Resolved, T.AddHours(1), reason: "answered in the thread");

        Assert.False(CaseTimelineMapper.ToTimeline(offChannel, [], false).ResolvedInChannel);
        Assert.False(CaseTimelineMapper.ToTimeline(closed, [], false).ResolvedInChannel);
        Assert.True(CaseTimelineMapper.ToTimeline(closed, [], false).IsResolved);
        Assert.True(CaseTimelineMapper.ToTimeline(inChannel, [], false).ResolvedInChannel);
    }

    [Fact]
    public void EscalatedToHuman_NeedsHumanInHistoryOrOutbox()
    {
        var history = Open("human1", T).Then(CaseStatus.Triaged, T).Then(CaseStatus.NeedsHuman, T.AddMinutes(3)).Then(CaseStatus.Resolved, T.AddHours(1));
        var fromOutbox = Open("human2", T) with { EscalationLevel = 1 };
        var fellBack = Open("human3", T) with { EscalationLevel = 1 };

        Assert.True(CaseTimelineMapper.ToTimeline(history, [], false).EscalatedToHuman);
        Assert.True(CaseTimelineMapper.ToTimeline(fromOutbox, [Entry(fromOutbox, OutboxStatus.NeedsHuman, "DirectMessage")], false).EscalatedToHuman);
        Assert.False(CaseTimelineMapper.ToTimeline(
            fellBack,
            [Entry(fellBack, OutboxStatus.NeedsHuman, "DirectMessage") with { FallbackAction = "public-reply-L1" }],
            false).EscalatedToHuman);
    }

    [Fact]
    public void EscalatedToHuman_AgentReplyBlockedByRules_IsNotAnEscalation()
    {
        var answered = Open("human4", T);

        var timeline = CaseTimelineMapper.ToTimeline(answered, [Entry(answered, OutboxStatus.NeedsHuman, "DirectMessage", CaseReplyService.ActionPrefix + "3f9a")], false);

        Assert.False(timeline.EscalatedToHuman);
    }

    [Fact]
    public void IsReContact_SameAuthorNewCaseWithinWindow_IsTrue_OtherwiseFalse()
    {
        var resolved = Open("rc", T).Then(CaseStatus.Triaged, T).Then(CaseStatus.Resolved, T.AddHours(1));
        var window = TimeSpan.FromDays(7);
        CaseSummary Summary(string key, DateTimeOffset at, string author = "a1", string brand = "acme") => CaseSummary.From(Open(key, at, brand, author));

        Assert.True(CaseTimelineMapper.IsReContact(resolved, [Summary("rc2", T.AddDays(2))], window));
        Assert.False(CaseTimelineMapper.IsReContact(resolved, [Summary("rc3", T.AddDays(8))], window));
        Assert.False(CaseTimelineMapper.IsReContact(resolved, [Summary("rc4", T.AddDays(2), author: "someone-else")], window));
        Assert.False(CaseTimelineMapper.IsReContact(resolved, [Summary("rc5", T.AddDays(2), brand: "other")], window));
        Assert.False(CaseTimelineMapper.IsReContact(resolved, [Summary("rc6", T.AddMinutes(30))], window));
        Assert.False(CaseTimelineMapper.IsReContact(resolved, [CaseSummary.From(resolved)], window));
    }

    [Fact]
    public void IsReContact_ReopenedAfterResolution_IsTrue()
    {
        var reopened = Open("reopen", T).Then(CaseStatus.Triaged, T).Then(CaseStatus.Resolved, T.AddHours(1))
            .Then(CaseStatus.Triaged, T.AddHours(5)).Then(CaseStatus.Resolved, T.AddHours(6));

        Assert.True(CaseTimelineMapper.IsReContact(reopened, [], TimeSpan.FromDays(7)));
        Assert.True(CaseTimelineMapper.ToTimeline(reopened, [], reContacted: true).ReContacted);
    }

    [Fact]
    public void ToTimeline_OpenCase_NeverCountsReContact()
    {
        var open = Open("open", T).Then(CaseStatus.Triaged, T);

        Assert.False(CaseTimelineMapper.ToTimeline(open, [], reContacted: true).ReContacted);
    }

    [Fact]
    public void LastEscalatedAt_TriageEscalationAndSlaWatchEntries()
    {
        var c = Open("esc", T).Then(CaseStatus.Triaged, T).Then(CaseStatus.Escalated, T.AddMinutes(1), "triage", "escalated at level 1: urgent");
        var noted = c with
        {
            History = [.. c.History, new CaseTransition(CaseStatus.Escalated, CaseStatus.Escalated, CaseTimelineMapper.SlaWatchActor, SlaWatchReasons.EscalatedPrefix + " 2: first response 5m over target", T.AddHours(2))],
        };
        var warned = c with
        {
            History = [.. c.History, new CaseTransition(CaseStatus.Escalated, CaseStatus.Escalated, CaseTimelineMapper.SlaWatchActor, SlaWatchReasons.WarningPrefix + ": resolution due", T.AddHours(3))],
        };

        Assert.Equal(T.AddMinutes(1), CaseTimelineMapper.LastEscalatedAt(c));
        Assert.Equal(T.AddHours(2), CaseTimelineMapper.LastEscalatedAt(noted));
        Assert.Equal(T.AddMinutes(1), CaseTimelineMapper.LastEscalatedAt(warned));
        Assert.Null(CaseTimelineMapper.LastEscalatedAt(Open("none", T)));
    }
}
