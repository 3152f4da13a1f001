using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Cases;

/// <summary>What happened to an attempt to file a mention into a case.</summary>
public enum AppendStatus
{
    /// <summary>The mention and the updated case were written together.</summary>
    Appended,

    /// <summary>The case changed since it was read; nothing was written. Read it again and retry.</summary>
    Conflict,

    /// <summary>The mention was filed already (a retry or a concurrent redelivery); nothing was written.</summary>
    AlreadyPresent,
}

/// <summary>The result of <see cref="ICaseStore.TryAppendMentionAsync"/>; <see cref="Case"/> is the stored case when known.</summary>
public sealed record AppendOutcome(AppendStatus Status, Case? Case);

/// <summary>
/// Durable cases, their mentions and authors. Writes that must not clobber a concurrent writer are conditional on the
/// <c>Version</c> the value was read with and report a conflict instead of overwriting. Implementations: the Table
/// Storage store in SocialFirst.Azure, an in-memory one in the tests.
/// </summary>
public interface ICaseStore
{
    // Reads.
    Task<Case?> GetCaseAsync(string caseId, CancellationToken cancellationToken);

    Task<CasePage> ListCasesAsync(CaseQuery query, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>The mentions of a case in the order they were written.</summary>
    Task<IReadOnlyList<CaseMention>> GetMentionsAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>The author's profile with their open cases, or null when we have never seen them.</summary>
    Task<AuthorProfile?> GetAuthorAsync(Platform platform, string authorId, CancellationToken cancellationToken);

    // De-duplication and lookups.

    /// <summary>The case id a fully triaged mention went to (empty for a change that had no case), or null if not seen.</summary>
    Task<string?> FindProcessedAsync(string dedupKey, CancellationToken cancellationToken);

    /// <summary>Marks a mention as fully triaged; the last step of triage.</summary>
    Task MarkProcessedAsync(string dedupKey, string caseId, CancellationToken cancellationToken);

    /// <summary>Where the mention with this platform object id (comment, tweet, message id) is filed, if anywhere.</summary>
    Task<MentionLocation?> FindMentionAsync(Platform platform, string objectId, CancellationToken cancellationToken);

    Task RecordMentionLocationAsync(Platform platform, string objectId, MentionLocation location, CancellationToken cancellationToken);

    Task<AuthorCasePointer?> GetAuthorPointerAsync(string brandId, Platform platform, string authorId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the pointer: insert-if-absent when its <c>Version</c> is null, otherwise replace-if-unchanged. False when
    /// another writer got there first (read it again).
    /// </summary>
    Task<bool> TrySetAuthorPointerAsync(AuthorCasePointer pointer, CancellationToken cancellationToken);

    // Cases and mentions.

    /// <summary>Creates the case if no case with its id exists; returns the stored case, or null when one existed.</summary>
    Task<Case?> TryCreateCaseAsync(Case newCase, CancellationToken cancellationToken);

    /// <summary>Writes the mention and the case (read at <c>updated.Version</c>) together, or nothing.</summary>
    Task<AppendOutcome> TryAppendMentionAsync(Case updated, CaseMention mention, CancellationToken cancellationToken);

    /// <summary>Replaces the case if it is unchanged since <c>updated.Version</c>; returns the stored case, or null on conflict.</summary>
    Task<Case?> TryUpdateCaseAsync(Case updated, CancellationToken cancellationToken);

    Task<CaseMention?> GetMentionAsync(string caseId, string mentionKey, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to a stored mention with optimistic concurrency (retrying on conflicts).
    /// <paramref name="change"/> returns null to leave it as it is. Returns the stored mention, or null if it is not there.
    /// </summary>
    Task<CaseMention?> UpdateMentionAsync(MentionLocation location, Func<CaseMention, CaseMention?> change, CancellationToken cancellationToken);

    // Projections: idempotent, and an older revision never overwrites a newer one.

    /// <summary>Brings the brand's case list and the author's case list up to date with this case.</summary>
    Task IndexCaseAsync(Case stored, CancellationToken cancellationToken);

    /// <summary>Counts one mention into its author's profile (once per mention, whatever the retries).</summary>
    Task RecordAuthorActivityAsync(AuthorActivity activity, CancellationToken cancellationToken);

    /// <summary>How many cases this author opened with this brand since a time, not counting <paramref name="exceptCaseId"/>.</summary>
    Task<int> CountAuthorCasesAsync(Platform platform, string authorId, string brandId, DateTimeOffset since, string? exceptCaseId, CancellationToken cancellationToken);
}
