using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Cases;

/// <summary>
/// A mention as filed in a case: what the customer said (possibly redacted and truncated), what we made of it, and
/// what happened to it since (edited, deleted, hidden). Key and personal data stay apart from the case header.
/// </summary>
public sealed record CaseMention
{
    public required string CaseId { get; init; }

    /// <summary>Orders the mentions of a case by when they were written; see <see cref="KeyFor"/>.</summary>
    public required string Key { get; init; }

    public required string DedupKey { get; init; }

    public required Platform Platform { get; init; }

    public required MentionKind Kind { get; init; }

    public required string EventId { get; init; }

    public required string ObjectId { get; init; }

    public string? ThreadId { get; init; }

    public string? ParentId { get; init; }

    public required string AuthorId { get; init; }

    public string? AuthorHandle { get; init; }

    public long? Followers { get; init; }

    /// <summary>The stored text: redacted when the brand asks for it, cut at the store's limit, blank once deleted.</summary>
    public string Text { get; init; } = string.Empty;

    public bool TextTruncated { get; init; }

    public bool TextRedacted { get; init; }

    public string Language { get; init; } = "unknown";

    public Sentiment Sentiment { get; init; } = Sentiment.Neutral;

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>This mention's own urgency score (the case keeps the strongest).</summary>
    public double Urgency { get; init; }

    public bool Urgent { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset TriagedAt { get; init; }

    public string? Permalink { get; init; }

    public string? RawDeliveryRef { get; init; }

    public DateTimeOffset? EditedAt { get; init; }

    public bool Deleted { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }

    public bool Hidden { get; init; }

    /// <summary>
    /// "m" + the UTC ticks the mention was written (19 digits) + 12 hex of the hash of its de-duplication key: sorts by
    /// time, is unique per mention, contains no characters Table keys forbid, and is the same on every retry.
    /// </summary>
    public static string KeyFor(DateTimeOffset createdAt, string dedupKey)
    {
        ArgumentNullException.ThrowIfNull(dedupKey);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey), hash);
        var ticks = Math.Max(0, createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        return "m" + ticks + Convert.ToHexStringLower(hash[..6]);
    }
}

/// <summary>Where a stored mention lives: its case and its key there.</summary>
public sealed record MentionLocation(string CaseId, string MentionKey);

/// <summary>
/// Which case an author's next mention to a brand should join: the author's latest case with that brand. Replaced
/// (with optimistic concurrency) when that case is closed or the author window has passed.
/// </summary>
public sealed record AuthorCasePointer(
    string BrandId,
    Platform Platform,
    string AuthorId,
    string CaseId,
    DateTimeOffset OpenedAt,
    string FirstMentionKey)
{
    /// <summary>Concurrency token of the stored pointer; null for a pointer not read from the store.</summary>
    public string? Version { get; init; }
}
