using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Testing;

/// <summary>Case mentions as triage files them, for the influence tests on both the in-memory and the Table store.</summary>
public static class CaseMentions
{
    /// <summary>An X mention of <paramref name="caseId"/> by <paramref name="author"/>, with a unique dedup key.</summary>
    public static CaseMention ByAuthor(
        string caseId, string author, DateTimeOffset at, Sentiment sentiment, long? followers = null, MentionKind kind = MentionKind.Comment, bool deleted = false)
    {
        var dedup = "x:" + Guid.NewGuid().ToString("N");
        return new()
        {
            CaseId = caseId,
            Key = CaseMention.KeyFor(at, dedup),
            DedupKey = dedup,
            Platform = Platform.X,
            Kind = kind,
            EventId = dedup,
            ObjectId = dedup,
            AuthorId = author,
            AuthorHandle = "@" + author,
            Followers = followers,
            Text = "a text the ranking must not need",
            Sentiment = sentiment,
            CreatedAt = at,
            TriagedAt = at.AddSeconds(1),
            Deleted = deleted,
        };
    }
}
