namespace SocialFirst.Core.Mentions;

/// <summary>
/// One customer utterance from any platform, normalised. Ids are the platform's own, as strings.
/// </summary>
public sealed record Mention
{
    public required Platform Platform { get; init; }

    /// <summary>The brand's own account the mention was addressed to (page id, X user id, WeChat/Weibo account).</summary>
    public required string BrandAccountId { get; init; }

    public required MentionKind Kind { get; init; }

    public MentionChange Change { get; init; } = MentionChange.Created;

    /// <summary>The platform's id of this event; stable across redeliveries. Used for de-duplication.</summary>
    public required string EventId { get; init; }

    /// <summary>The id of the thing said (comment id, tweet id, message id). Edits and deletes refer to it.</summary>
    public required string ObjectId { get; init; }

    /// <summary>The conversation it belongs to (post id, tweet it replies to, DM partner).</summary>
    public string? ThreadId { get; init; }

    /// <summary>The direct parent (post or comment replied to), when there is one.</summary>
    public string? ParentId { get; init; }

    public required MentionAuthor Author { get; init; }

    public string Text { get; init; } = string.Empty;

    /// <summary>A language the platform or sender declared (BCP-47), if any.</summary>
    public string? LanguageHint { get; init; }

    /// <summary>When the customer wrote it (converted from each platform's unit to UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    public string? Permalink { get; init; }

    /// <summary>Reference of the raw delivery this came from, so it can be inspected and replayed.</summary>
    public string? RawDeliveryRef { get; init; }

    /// <summary>The key that identifies this event across all platforms: platform, change and event id.</summary>
    public string DedupKey => $"{Platform}:{Change}:{EventId}".ToLowerInvariant();
}
