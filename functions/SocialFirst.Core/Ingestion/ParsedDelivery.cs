using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Ingestion;

/// <summary>What a platform adapter made of one verified delivery.</summary>
public sealed record ParsedDelivery
{
    /// <summary>Customer mentions and changes to them (edits, deletes), each its own item.</summary>
    public IReadOnlyList<Mention> Mentions { get; init; } = [];

    /// <summary>Events we recognised and deliberately skip (the brand's own echoes, likes, typing...), with why.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>Events of a type we do not know yet: acknowledged and archived so they can be replayed later.</summary>
    public IReadOnlyList<string> Unknown { get; init; } = [];

    /// <summary>The body the platform expects on success (WeChat and Weibo want "success" or an empty body).</summary>
    public string AcknowledgementBody { get; init; } = string.Empty;
}
