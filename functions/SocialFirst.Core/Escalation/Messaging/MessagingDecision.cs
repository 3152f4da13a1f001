namespace SocialFirst.Core.Escalation.Messaging;

/// <summary>Whether (and how) the platform's rules allow answering now.</summary>
public enum MessagingDecisionKind
{
    /// <summary>Send <see cref="MessagingDecision.Action"/> now.</summary>
    Allowed,

    /// <summary>The window has closed; a person must take over.</summary>
    WindowExpired,

    /// <summary>The one allowed message (Meta comment private reply, Weibo @mention reply, X public reply) was already sent.</summary>
    AlreadyUsed,

    /// <summary>The window is open but its message quota is used up (WeChat: 5 messages per 48 h).</summary>
    QuotaExhausted,

    /// <summary>
    /// Automated messages are no longer allowed, but a person may still answer (Messenger/Instagram DM with the
    /// HUMAN_AGENT tag, until <see cref="MessagingDecision.WindowClosesAt"/>).
    /// </summary>
    HumanAgentOnly,

    /// <summary>
    /// A private message is not possible (X author does not accept DMs): send a short public reply inviting a DM
    /// instead (<see cref="MessagingDecision.Action"/> is <see cref="MessagingAction.PublicReply"/>).
    /// </summary>
    FallBackToPublicReply,

    /// <summary>The platform or kind of mention has no private answer route here.</summary>
    NotSupported,
}

/// <summary>The kind of message to send.</summary>
public enum MessagingAction
{
    None,

    /// <summary>Meta private reply: a message to the author of a comment or visitor post (<c>recipient.comment_id</c>).</summary>
    CommentPrivateReply,

    /// <summary>A direct/private message to the author (Messenger/IG DM, X DM, WeChat 客服消息, Weibo 私信).</summary>
    DirectMessage,

    /// <summary>A public reply under the customer's post (X fallback).</summary>
    PublicReply,
}

/// <summary>The rules' answer, taken before any platform call.</summary>
/// <param name="Kind">Whether sending is allowed.</param>
/// <param name="Action">What to send when allowed (or to fall back to).</param>
/// <param name="Reason">Why, in one line, for the outbox detail.</param>
/// <param name="WindowClosesAt">When the relevant window closes (or closed); null when the platform has none.</param>
/// <param name="RemainingMessages">Messages still allowed in the window, when the platform limits them.</param>
/// <param name="FallbackOnRefusal">What to try if the platform refuses the private message (X: a public reply).</param>
/// <param name="UseHumanAgentTag">Send with Meta's HUMAN_AGENT tag (only for a person's message, 24 h–7 days).</param>
public sealed record MessagingDecision(
    MessagingDecisionKind Kind,
    MessagingAction Action,
    string Reason,
    DateTimeOffset? WindowClosesAt = null,
    int? RemainingMessages = null,
    MessagingAction FallbackOnRefusal = MessagingAction.None,
    bool UseHumanAgentTag = false)
{
    /// <summary>True when something can be sent now: <see cref="MessagingDecisionKind.Allowed"/> or a public-reply fallback.</summary>
    public bool CanSend => Kind is MessagingDecisionKind.Allowed or MessagingDecisionKind.FallBackToPublicReply;
}
