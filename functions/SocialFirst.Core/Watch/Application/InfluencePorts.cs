using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Watch.Application;

/// <summary>
/// What influence ranking needs to know about one stored mention: who wrote it, when, what kind, how it felt, and the
/// author's follower count at the time. Never the text.
/// </summary>
public sealed record CaseMentionFacts(
    string CaseId,
    Platform Platform,
    string AuthorId,
    string? AuthorHandle,
    long? Followers,
    MentionKind Kind,
    Sentiment Sentiment,
    DateTimeOffset CreatedAt,
    bool Deleted);

/// <summary>
/// Reads the facts of a case's mentions without their texts (the Table adapter selects only the columns it needs and
/// reads only the key range of the period). <c>ICaseStore.GetMentionsAsync</c> would return full mentions, texts included.
/// </summary>
public interface ICaseMentionFactsReader
{
    /// <summary>
    /// The mentions of <paramref name="caseId"/> created in [<paramref name="from"/>, <paramref name="to"/>], oldest first,
    /// at most <paramref name="max"/> of them (the oldest are kept). Empty for an unknown case.
    /// </summary>
    Task<IReadOnlyList<CaseMentionFacts>> ReadAsync(string caseId, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken);
}
