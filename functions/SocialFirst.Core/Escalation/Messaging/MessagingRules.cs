using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Escalation.Messaging;

/// <summary>
/// The platforms' private-messaging windows and limits, checked before calling them (the platform still has the last
/// word; its refusals map to <see cref="SendOutcome"/>). Pure: the current time and what was already sent are passed in.
/// Windows are half-open: a message at exactly <c>start + window</c> is too late.
/// See docs/escalation.md for the sources.
/// </summary>
public static class MessagingRules
{
    /// <summary>Facebook/Instagram private reply to a comment or visitor post: within 7 days of it, once.</summary>
    public static readonly TimeSpan MetaCommentReplyWindow = TimeSpan.FromDays(7);

    /// <summary>Messenger/Instagram DM: standard window after the customer's last message.</summary>
    public static readonly TimeSpan MetaStandardWindow = TimeSpan.FromHours(24);

    /// <summary>Messenger/Instagram DM with the HUMAN_AGENT tag (a person's message only).</summary>
    public static readonly TimeSpan MetaHumanAgentWindow = TimeSpan.FromDays(7);

    /// <summary>WeChat customer-service messages (客服消息): after the user's last message.</summary>
    public static readonly TimeSpan WeChatWindow = TimeSpan.FromHours(48);

    /// <summary>WeChat: messages allowed per user message within <see cref="WeChatWindow"/> (since the 2023 change).</summary>
    public const int WeChatMaxMessages = 5;

    /// <summary>Weibo fan-service private message: after the user's message (unlimited count for DMs).</summary>
    public static readonly TimeSpan WeiboWindow = TimeSpan.FromHours(48);

    /// <summary>Weibo: replies allowed to one @mention event within <see cref="WeiboWindow"/>.</summary>
    public const int WeiboMentionMaxReplies = 1;

    /// <summary>
    /// Decides whether <paramref name="target"/> may be answered at <paramref name="now"/>.
    /// </summary>
    /// <param name="target">Whom and what to answer.</param>
    /// <param name="alreadySent">
    /// Messages the brand already sent for this target within its current window, from the outbox: private replies to
    /// this comment (Meta), messages since the customer's last message (WeChat), replies to this @mention (Weibo),
    /// public replies to this tweet (X fallback).
    /// </param>
    /// <param name="now">The current time (from the injected <see cref="TimeProvider"/>).</param>
    public static MessagingDecision Decide(PrivateMessageTarget target, int alreadySent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegative(alreadySent);
        return target.Platform switch
        {
            Platform.Facebook or Platform.Instagram => target.Kind == MentionKind.DirectMessage
                ? MetaDirectMessage(target, now)
                : MetaCommentReply(target, alreadySent, now),
            Platform.X => XMessage(target, alreadySent),
            Platform.WeChat => WeChat(target, alreadySent, now),
            Platform.Weibo => Weibo(target, alreadySent, now),
            _ => new MessagingDecision(MessagingDecisionKind.NotSupported, MessagingAction.None, $"no private-message route on {target.Platform}"),
        };
    }

    /// <summary>The decision for <paramref name="target"/> at the time <paramref name="time"/> gives.</summary>
    public static MessagingDecision Decide(PrivateMessageTarget target, int alreadySent, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Decide(target, alreadySent, time.GetUtcNow());
    }

    private static MessagingDecision MetaCommentReply(PrivateMessageTarget target, int alreadySent, DateTimeOffset now)
    {
        var closes = target.MentionCreatedAt + MetaCommentReplyWindow;
        if (alreadySent > 0)
        {
            return new(MessagingDecisionKind.AlreadyUsed, MessagingAction.None, "a private reply to this comment was already sent (one per comment)", closes, 0);
        }

        return now < closes
            ? new(MessagingDecisionKind.Allowed, MessagingAction.CommentPrivateReply, "private reply to the comment, within 7 days of it", closes, 1)
            : new(MessagingDecisionKind.WindowExpired, MessagingAction.None, "the comment is 7 days old or older: private replies are no longer allowed", closes, 0);
    }

    private static MessagingDecision MetaDirectMessage(PrivateMessageTarget target, DateTimeOffset now)
    {
        var last = target.CustomerLastMessageAt ?? target.MentionCreatedAt;
        var standard = last + MetaStandardWindow;
        var human = last + MetaHumanAgentWindow;
        if (now < standard)
        {
            return new(MessagingDecisionKind.Allowed, MessagingAction.DirectMessage, "reply within 24 h of the customer's last message", standard);
        }

        if (now >= human)
        {
            return new(MessagingDecisionKind.WindowExpired, MessagingAction.None, "the customer's last message is 7 days old or older: no reply is allowed until they write again", human);
        }

        return target.SentByHumanAgent
            ? new(MessagingDecisionKind.Allowed, MessagingAction.DirectMessage, "a person's reply with the HUMAN_AGENT tag (24 h–7 days)", human, UseHumanAgentTag: true)
            : new(MessagingDecisionKind.HumanAgentOnly, MessagingAction.None, "more than 24 h since the customer's last message: only a person may reply (HUMAN_AGENT tag)", human);
    }

    private static MessagingDecision XMessage(PrivateMessageTarget target, int alreadySent)
    {
        // The author wrote to us by DM, or is known to accept DMs: DM them. X documents no reply window for DMs.
        if (target.Kind == MentionKind.DirectMessage || target.AuthorAcceptsDirectMessages == true)
        {
            return new(MessagingDecisionKind.Allowed, MessagingAction.DirectMessage, "direct message (the author accepts DMs)");
        }

        if (target.AuthorAcceptsDirectMessages == false)
        {
            return alreadySent > 0
                ? new(MessagingDecisionKind.AlreadyUsed, MessagingAction.None, "the author does not accept DMs and a public reply was already sent", RemainingMessages: 0)
                : new(MessagingDecisionKind.FallBackToPublicReply, MessagingAction.PublicReply, "the author does not accept DMs: reply publicly, inviting a DM, without personal data", RemainingMessages: 1);
        }

        return new(
            MessagingDecisionKind.Allowed,
            MessagingAction.DirectMessage,
            "direct message (whether the author accepts DMs is unknown; fall back to a public reply if X refuses)",
            FallbackOnRefusal: alreadySent > 0 ? MessagingAction.None : MessagingAction.PublicReply);
    }

    private static MessagingDecision WeChat(PrivateMessageTarget target, int alreadySent, DateTimeOffset now)
    {
        var closes = (target.CustomerLastMessageAt ?? target.MentionCreatedAt) + WeChatWindow;
        if (now >= closes)
        {
            return new(MessagingDecisionKind.WindowExpired, MessagingAction.None, "48 h have passed since the user's last message", closes, 0);
        }

        var remaining = WeChatMaxMessages - alreadySent;
        return remaining > 0
            ? new(MessagingDecisionKind.Allowed, MessagingAction.DirectMessage, "customer-service message within 48 h of the user's last message", closes, remaining)
            : new(MessagingDecisionKind.QuotaExhausted, MessagingAction.None, "5 messages were already sent since the user's last message", closes, 0);
    }

    private static MessagingDecision Weibo(PrivateMessageTarget target, int alreadySent, DateTimeOffset now)
    {
        var isMention = target.Kind != MentionKind.DirectMessage;
        var closes = (isMention ? target.MentionCreatedAt : target.CustomerLastMessageAt ?? target.MentionCreatedAt) + WeiboWindow;
        if (now >= closes)
        {
            return new(MessagingDecisionKind.WindowExpired, MessagingAction.None, "48 h have passed since the user's message", closes, 0);
        }

        if (!isMention)
        {
            return new(MessagingDecisionKind.Allowed, MessagingAction.DirectMessage, "private message within 48 h of the user's message", closes);
        }

        var remaining = WeiboMentionMaxReplies - alreadySent;
        return remaining > 0
            ? new(MessagingDecisionKind.Allowed, MessagingAction.DirectMessage, "one reply to the @mention within 48 h", closes, remaining)
            : new(MessagingDecisionKind.AlreadyUsed, MessagingAction.None, "the one reply allowed for this @mention was already sent", closes, 0);
    }
}
