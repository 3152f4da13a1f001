using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Cases;

/// <summary>Passes every call to another store; tests override the calls they want to disturb.</summary>
public abstract class DelegatingCaseStore(ICaseStore inner) : ICaseStore
{
    public virtual Task<Case?> GetCaseAsync(string caseId, CancellationToken cancellationToken) => inner.GetCaseAsync(caseId, cancellationToken);

    public virtual Task<CasePage> ListCasesAsync(CaseQuery query, string? continuationToken, CancellationToken cancellationToken) =>
        inner.ListCasesAsync(query, continuationToken, cancellationToken);

    public virtual Task<IReadOnlyList<CaseMention>> GetMentionsAsync(string caseId, CancellationToken cancellationToken) => inner.GetMentionsAsync(caseId, cancellationToken);

    public virtual Task<AuthorProfile?> GetAuthorAsync(Platform platform, string authorId, CancellationToken cancellationToken) =>
        inner.GetAuthorAsync(platform, authorId, cancellationToken);

    public virtual Task<string?> FindProcessedAsync(string dedupKey, CancellationToken cancellationToken) => inner.FindProcessedAsync(dedupKey, cancellationToken);

    public virtual Task MarkProcessedAsync(string dedupKey, string caseId, CancellationToken cancellationToken) => inner.MarkProcessedAsync(dedupKey, caseId, cancellationToken);

    public virtual Task<MentionLocation?> FindMentionAsync(Platform platform, string objectId, CancellationToken cancellationToken) =>
        inner.FindMentionAsync(platform, objectId, cancellationToken);

    public virtual Task RecordMentionLocationAsync(Platform platform, string objectId, MentionLocation location, CancellationToken cancellationToken) =>
        inner.RecordMentionLocationAsync(platform, objectId, location, cancellationToken);

    public virtual Task<AuthorCasePointer?> GetAuthorPointerAsync(string brandId, Platform platform, string authorId, CancellationToken cancellationToken) =>
        inner.GetAuthorPointerAsync(brandId, platform, authorId, cancellationToken);

    public virtual Task<bool> TrySetAuthorPointerAsync(AuthorCasePointer pointer, CancellationToken cancellationToken) =>
        inner.TrySetAuthorPointerAsync(pointer, cancellationToken);

    public virtual Task<Case?> TryCreateCaseAsync(Case newCase, CancellationToken cancellationToken) => inner.TryCreateCaseAsync(newCase, cancellationToken);

    public virtual Task<AppendOutcome> TryAppendMentionAsync(Case updated, CaseMention mention, CancellationToken cancellationToken) =>
        inner.TryAppendMentionAsync(updated, mention, cancellationToken);

    public virtual Task<Case?> TryUpdateCaseAsync(Case updated, CancellationToken cancellationToken) => inner.TryUpdateCaseAsync(updated, cancellationToken);

    public virtual Task<CaseMention?> GetMentionAsync(string caseId, string mentionKey, CancellationToken cancellationToken) =>
        inner.GetMentionAsync(caseId, mentionKey, cancellationToken);

    public virtual Task<CaseMention?> UpdateMentionAsync(MentionLocation location, Func<CaseMention, CaseMention?> change, CancellationToken cancellationToken) =>
        inner.UpdateMentionAsync(location, change, cancellationToken);

    public virtual Task IndexCaseAsync(Case stored, CancellationToken cancellationToken) => inner.IndexCaseAsync(stored, cancellationToken);

    public virtual Task RecordAuthorActivityAsync(AuthorActivity activity, CancellationToken cancellationToken) =>
        inner.RecordAuthorActivityAsync(activity, cancellationToken);

    public virtual Task<int> CountAuthorCasesAsync(Platform platform, string authorId, string brandId, DateTimeOffset since, string? exceptCaseId, CancellationToken cancellationToken) =>
        inner.CountAuthorCasesAsync(platform, authorId, brandId, since, exceptCaseId, cancellationToken);
}
