namespace SocialFirst.Core.Watch.Application;

/// <summary>What one bounded retention step over the raw-delivery archive did.</summary>
/// <param name="Deleted">Archived deliveries deleted.</param>
/// <param name="More">True when the step stopped at its limit and older deliveries are left for the next run.</param>
public sealed record RawDeliveryRetentionBatch(int Deleted, bool More);

/// <summary>Deletes archived raw webhook deliveries by age (accepted and rejected alike).</summary>
public interface IRawDeliveryRetention
{
    /// <summary>
    /// Deletes deliveries received before <paramref name="receivedBefore"/>, at most <paramref name="max"/>. The archive
    /// is foldered by the hour, so a delivery goes once its whole hour is before the cutoff (never earlier). Safe to
    /// repeat; a repeat continues with what is left.
    /// </summary>
    Task<RawDeliveryRetentionBatch> DeleteReceivedBeforeAsync(DateTimeOffset receivedBefore, int max, CancellationToken cancellationToken);
}

/// <summary>A case whose customer texts and handles were removed (or found removed already).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Identifiers">The handles and display names that were found in it (to scrub elsewhere; never logged).</param>
/// <param name="Mentions">Mention rows changed.</param>
/// <param name="Changed">True when anything of the case (header, mentions, author profiles) was changed now.</param>
public sealed record StrippedCase(string CaseId, IReadOnlyList<string> Identifiers, int Mentions, bool Changed);

/// <summary>One bounded step of removing texts from a brand's old cases.</summary>
/// <param name="Scanned">Cases looked at.</param>
/// <param name="Cases">Cases that were old enough and were handled (changed now or before).</param>
/// <param name="Progress">Where the step stopped, opaque; hand it to <see cref="ICaseTextRetention.SaveProgressAsync"/>.</param>
/// <param name="More">True when older cases are left for another step.</param>
public sealed record CaseTextRetentionBatch(int Scanned, IReadOnlyList<StrippedCase> Cases, string Progress, bool More);

/// <summary>
/// Removes customer texts and handles from cases that have not changed for a while, keeping the counts (mention count,
/// categories, urgency, sentiment). Progress is kept per brand by the store, but only moves when the caller saves it, so
/// a step cut off halfway is repeated (every change is idempotent).
/// </summary>
public interface ICaseTextRetention
{
    /// <summary>
    /// Continues from the saved progress: the brand's cases last changed before <paramref name="unchangedBefore"/> lose
    /// their mention texts, handles and permalinks (and their authors' profiles their handle and display name, when
    /// those authors were not seen since). Looks at about <paramref name="maxCases"/> cases.
    /// </summary>
    Task<CaseTextRetentionBatch> StripNextAsync(string brandId, DateTimeOffset unchangedBefore, int maxCases, CancellationToken cancellationToken);

    /// <summary>Records <see cref="CaseTextRetentionBatch.Progress"/> once everything the batch named is done.</summary>
    Task SaveProgressAsync(string brandId, string progress, CancellationToken cancellationToken);
}
