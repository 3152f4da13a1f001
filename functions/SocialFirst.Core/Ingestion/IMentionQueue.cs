using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Ingestion;

/// <summary>The durable queue between ingestion and triage.</summary>
public interface IMentionQueue
{
    /// <summary>Enqueues every mention; throws when the queue is unavailable (the platform then retries).</summary>
    Task EnqueueAsync(IReadOnlyList<Mention> mentions, CancellationToken cancellationToken);
}

/// <summary>
/// Remembers which mention events were already queued, so redeliveries are not queued again.
/// Best effort: triage is idempotent as well, so a duplicate that slips through changes nothing.
/// </summary>
public interface IIngestLedger
{
    /// <summary>The keys among <paramref name="dedupKeys"/> that were queued before.</summary>
    Task<IReadOnlySet<string>> FindQueuedAsync(IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken);

    /// <summary>Records that these keys are queued.</summary>
    Task MarkQueuedAsync(IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken);
}
