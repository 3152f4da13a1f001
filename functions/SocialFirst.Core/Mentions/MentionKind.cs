namespace SocialFirst.Core.Mentions;

/// <summary>What the customer did.</summary>
public enum MentionKind
{
    /// <summary>A public comment on one of the brand's posts.</summary>
    Comment,
    /// <summary>A public reply to another comment.</summary>
    Reply,
    /// <summary>A public post that names or tags the brand.</summary>
    Mention,
    /// <summary>A private message to the brand's account.</summary>
    DirectMessage,
    /// <summary>A post on the brand's own page by a visitor.</summary>
    Post,
}
