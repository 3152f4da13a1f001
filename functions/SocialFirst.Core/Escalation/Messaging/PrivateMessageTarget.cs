using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Escalation.Messaging;

/// <summary>Whom to answer, about what, and the times the platform windows are measured from.</summary>
public sealed record PrivateMessageTarget
{
    public required Platform Platform { get; init; }

    /// <summary>The brand's own account that answers (Facebook page id, Instagram account id, X user id, WeChat/Weibo account id).</summary>
    public required string BrandAccountId { get; init; }

    /// <summary>What the customer did: a comment is answered with a comment private reply, a DM with a DM.</summary>
    public required MentionKind Kind { get; init; }

    /// <summary>The object answered: comment id (Meta), tweet id (X public reply), message id (DMs).</summary>
    public required string ReplyToId { get; init; }

    /// <summary>The customer's platform id: PSID/IGSID, X user id, WeChat OpenID, Weibo user id.</summary>
    public required string AuthorId { get; init; }

    /// <summary>When the customer wrote <see cref="ReplyToId"/>; comment windows (Meta: 7 days) run from here.</summary>
    public required DateTimeOffset MentionCreatedAt { get; init; }

    /// <summary>
    /// When the customer last wrote to the brand privately (DM windows: Messenger/Instagram 24 h, WeChat/Weibo 48 h run
    /// from here). Null means "not known": the rules then use <see cref="MentionCreatedAt"/>.
    /// </summary>
    public DateTimeOffset? CustomerLastMessageAt { get; init; }

    /// <summary>
    /// X only: whether the author accepts DMs from the brand (follows it or has open DMs). Null = unknown: try the DM and
    /// fall back to a public reply if X refuses.
    /// </summary>
    public bool? AuthorAcceptsDirectMessages { get; init; }

    /// <summary>
    /// True when a person (an agent), not the automation, wrote this message. Only then may Messenger/Instagram DMs use
    /// the HUMAN_AGENT tag to answer after 24 h (up to 7 days).
    /// </summary>
    public bool SentByHumanAgent { get; init; }

    /// <summary>The target for answering <paramref name="mention"/>.</summary>
    public static PrivateMessageTarget For(Mention mention, DateTimeOffset? customerLastMessageAt = null)
    {
        ArgumentNullException.ThrowIfNull(mention);
        return new PrivateMessageTarget
        {
            Platform = mention.Platform,
            BrandAccountId = mention.BrandAccountId,
            Kind = mention.Kind,
            ReplyToId = mention.ObjectId,
            AuthorId = mention.Author.Id,
            MentionCreatedAt = mention.CreatedAt,
            CustomerLastMessageAt = customerLastMessageAt ?? (mention.Kind == MentionKind.DirectMessage ? mention.CreatedAt : null),
        };
    }
}
