using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Escalation.Messaging;

public class MessagingRulesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private static PrivateMessageTarget Target(
        Platform platform,
        MentionKind kind,
        DateTimeOffset? lastMessage = null,
        bool? acceptsDms = null,
        bool human = false) => new()
        {
            Platform = platform,
            BrandAccountId = "brand-1",
            Kind = kind,
            ReplyToId = "obj-1",
            AuthorId = "123",
            MentionCreatedAt = T0,
            CustomerLastMessageAt = lastMessage,
            AuthorAcceptsDirectMessages = acceptsDms,
            SentByHumanAgent = human,
        };

    public static TheoryData<Platform, MentionKind, TimeSpan, MessagingDecisionKind> MetaCommentWindow => new()
    {
        { Platform.Facebook, MentionKind.Comment, TimeSpan.Zero, MessagingDecisionKind.Allowed },
        { Platform.Facebook, MentionKind.Comment, TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1), MessagingDecisionKind.Allowed },
        { Platform.Facebook, MentionKind.Comment, TimeSpan.FromDays(7), MessagingDecisionKind.WindowExpired },
        { Platform.Facebook, MentionKind.Post, TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1), MessagingDecisionKind.WindowExpired },
        { Platform.Instagram, MentionKind.Comment, TimeSpan.FromDays(6), MessagingDecisionKind.Allowed },
        { Platform.Instagram, MentionKind.Reply, TimeSpan.FromDays(7), MessagingDecisionKind.WindowExpired },
        { Platform.Instagram, MentionKind.Mention, TimeSpan.FromDays(30), MessagingDecisionKind.WindowExpired },
    };

    [Theory]
    [MemberData(nameof(MetaCommentWindow))]
    public void Decide_MetaCommentAtWindowBoundary_AllowsOnlyWithin7Days(Platform platform, MentionKind kind, TimeSpan age, MessagingDecisionKind expected)
    {
        var decision = MessagingRules.Decide(Target(platform, kind), alreadySent: 0, T0 + age);

        Assert.Equal(expected, decision.Kind);
        Assert.Equal(T0.AddDays(7), decision.WindowClosesAt);
        Assert.Equal(expected == MessagingDecisionKind.Allowed ? MessagingAction.CommentPrivateReply : MessagingAction.None, decision.Action);
    }

    [Fact]
    public void Decide_MetaCommentAlreadyAnswered_IsAlreadyUsedEvenInsideTheWindow()
    {
        var decision = MessagingRules.Decide(Target(Platform.Facebook, MentionKind.Comment), alreadySent: 1, T0 + TimeSpan.FromMinutes(5));

        Assert.Equal(MessagingDecisionKind.AlreadyUsed, decision.Kind);
        Assert.False(decision.CanSend);
        Assert.Equal(0, decision.RemainingMessages);
    }

    public static TheoryData<TimeSpan, bool, MessagingDecisionKind, bool> MessengerWindow => new()
    {
        { TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1), false, MessagingDecisionKind.Allowed, false },
        { TimeSpan.FromHours(24), false, MessagingDecisionKind.HumanAgentOnly, false },
        { TimeSpan.FromHours(24), true, MessagingDecisionKind.Allowed, true },
        { TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1), true, MessagingDecisionKind.Allowed, true },
        { TimeSpan.FromDays(7), true, MessagingDecisionKind.WindowExpired, false },
        { TimeSpan.FromDays(7), false, MessagingDecisionKind.WindowExpired, false },
        { TimeSpan.FromHours(1), true, MessagingDecisionKind.Allowed, false },
    };

    [Theory]
    [MemberData(nameof(MessengerWindow))]
    public void Decide_MessengerDm_24HoursForAutomation7DaysForAPersonWithTheTag(TimeSpan sinceLast, bool human, MessagingDecisionKind expected, bool tag)
    {
        var last = T0 + TimeSpan.FromHours(3);
        var decision = MessagingRules.Decide(Target(Platform.Facebook, MentionKind.DirectMessage, lastMessage: last, human: human), 0, last + sinceLast);

        Assert.Equal(expected, decision.Kind);
        Assert.Equal(tag, decision.UseHumanAgentTag);
    }

    [Fact]
    public void Decide_InstagramDmWithoutLastMessageTime_MeasuresFromTheMention()
    {
        var target = Target(Platform.Instagram, MentionKind.DirectMessage);

        Assert.Equal(MessagingDecisionKind.Allowed, MessagingRules.Decide(target, 0, T0 + TimeSpan.FromHours(23)).Kind);
        Assert.Equal(MessagingDecisionKind.HumanAgentOnly, MessagingRules.Decide(target, 0, T0 + TimeSpan.FromHours(24)).Kind);
    }

    [Fact]
    public void Decide_XAuthorAcceptsDms_SendsADm()
    {
        var decision = MessagingRules.Decide(Target(Platform.X, MentionKind.Mention, acceptsDms: true), 0, T0.AddDays(90));

        Assert.Equal((MessagingDecisionKind.Allowed, MessagingAction.DirectMessage), (decision.Kind, decision.Action));
        Assert.Equal(MessagingAction.None, decision.FallbackOnRefusal);
    }

    [Fact]
    public void Decide_XAuthorRefusesDms_FallsBackToOnePublicReply()
    {
        var first = MessagingRules.Decide(Target(Platform.X, MentionKind.Mention, acceptsDms: false), 0, T0);
        var second = MessagingRules.Decide(Target(Platform.X, MentionKind.Mention, acceptsDms: false), 1, T0);

        Assert.Equal((MessagingDecisionKind.FallBackToPublicReply, MessagingAction.PublicReply), (first.Kind, first.Action));
        Assert.True(first.CanSend);
        Assert.Equal(MessagingDecisionKind.AlreadyUsed, second.Kind);
    }

    [Fact]
    public void Decide_XDmPermissionUnknown_TriesTheDmWithAPublicFallback()
    {
        var decision = MessagingRules.Decide(Target(Platform.X, MentionKind.Reply), 0, T0);

        Assert.Equal(MessagingAction.DirectMessage, decision.Action);
        Assert.Equal(MessagingAction.PublicReply, decision.FallbackOnRefusal);
    }

    [Fact]
    public void Decide_XDirectMessage_IsAnsweredByDmWhateverTheFlag()
    {
        var decision = MessagingRules.Decide(Target(Platform.X, MentionKind.DirectMessage, acceptsDms: false), 0, T0.AddDays(3));

        Assert.Equal((MessagingDecisionKind.Allowed, MessagingAction.DirectMessage), (decision.Kind, decision.Action));
    }

    public static TheoryData<TimeSpan, int, MessagingDecisionKind, int?> WeChatCases => new()
    {
        { TimeSpan.Zero, 0, MessagingDecisionKind.Allowed, 5 },
        { TimeSpan.FromHours(48) - TimeSpan.FromSeconds(1), 4, MessagingDecisionKind.Allowed, 1 },
        { TimeSpan.FromHours(47), 5, MessagingDecisionKind.QuotaExhausted, 0 },
        { TimeSpan.FromHours(48), 0, MessagingDecisionKind.WindowExpired, 0 },
    };

    [Theory]
    [MemberData(nameof(WeChatCases))]
    public void Decide_WeChat_48HoursAndFiveMessages(TimeSpan sinceLast, int sent, MessagingDecisionKind expected, int? remaining)
    {
        var last = T0.AddHours(10);
        var decision = MessagingRules.Decide(Target(Platform.WeChat, MentionKind.DirectMessage, lastMessage: last), sent, last + sinceLast);

        Assert.Equal(expected, decision.Kind);
        Assert.Equal(remaining, decision.RemainingMessages);
        Assert.Equal(last.AddHours(48), decision.WindowClosesAt);
    }

    public static TheoryData<MentionKind, TimeSpan, int, MessagingDecisionKind> WeiboCases => new()
    {
        { MentionKind.DirectMessage, TimeSpan.FromHours(48) - TimeSpan.FromSeconds(1), 50, MessagingDecisionKind.Allowed },
        { MentionKind.DirectMessage, TimeSpan.FromHours(48), 0, MessagingDecisionKind.WindowExpired },
        { MentionKind.Mention, TimeSpan.FromHours(47), 0, MessagingDecisionKind.Allowed },
        { MentionKind.Mention, TimeSpan.FromHours(1), 1, MessagingDecisionKind.AlreadyUsed },
        { MentionKind.Mention, TimeSpan.FromHours(48), 0, MessagingDecisionKind.WindowExpired },
    };

    [Theory]
    [MemberData(nameof(WeiboCases))]
    public void Decide_Weibo_48HoursAndOneReplyPerMention(MentionKind kind, TimeSpan age, int sent, MessagingDecisionKind expected)
    {
        var decision = MessagingRules.Decide(Target(Platform.Weibo, kind), sent, T0 + age);

        Assert.Equal(expected, decision.Kind);
    }

    [Fact]
    public void Decide_WeiboDmLastMessageLater_WindowRunsFromTheLastMessage()
    {
        var target = Target(Platform.Weibo, MentionKind.DirectMessage, lastMessage: T0.AddHours(30));

        Assert.Equal(MessagingDecisionKind.Allowed, MessagingRules.Decide(target, 0, T0.AddHours(60)).Kind);
    }

    [Fact]
    public void Decide_Generic_IsNotSupported()
    {
        var decision = MessagingRules.Decide(Target(Platform.Generic, MentionKind.Mention), 0, T0);

        Assert.Equal(MessagingDecisionKind.NotSupported, decision.Kind);
        Assert.False(decision.CanSend);
    }

    [Fact]
    public void Decide_WithTimeProvider_UsesItsClock()
    {
        var time = new FakeTimeProvider(T0 + TimeSpan.FromDays(7) - Tick);
        var target = Target(Platform.Facebook, MentionKind.Comment);

        Assert.Equal(MessagingDecisionKind.Allowed, MessagingRules.Decide(target, 0, time).Kind);
        time.Advance(Tick);
        Assert.Equal(MessagingDecisionKind.WindowExpired, MessagingRules.Decide(target, 0, time).Kind);
    }

    [Fact]
    public void Decide_NegativeAlreadySent_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MessagingRules.Decide(Target(Platform.WeChat, MentionKind.DirectMessage), -1, T0));
    }
}
