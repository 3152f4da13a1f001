using SocialFirst.Core.Escalation;

namespace SocialFirst.Core.Watch.Application;

/// <summary>
/// Rewrites the escalation outbox entries of one case (author erasure and retention share it): each entry gets
/// <c>scrub</c> applied and is written back only if that changed it, conditional on its version; a conflict reads the
/// entry again and retries, up to <see cref="MaxAttempts"/> times per entry.
/// </summary>
public static class OutboxScrubber
{
    /// <summary>Conflicting writes tolerated per entry before it is left as it is.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Returns how many entries were changed.</summary>
    public static async Task<int> ScrubAsync(IEscalationOutbox outbox, string caseId, Func<OutboxEntry, OutboxEntry> scrub, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(scrub);
        var changed = 0;
        foreach (var listed in await outbox.ListAsync(caseId, cancellationToken))
        {
            var entry = listed;
            for (var attempt = 1; attempt <= MaxAttempts && entry is not null; attempt++)
            {
                var scrubbed = scrub(entry);
                if (scrubbed == entry)
                {
                    break;
                }

                if (await outbox.TryUpdateAsync(scrubbed, cancellationToken) is not null)
                {
                    changed++;
                    break;
                }

                entry = await outbox.GetAsync(entry.CaseId, entry.Action, cancellationToken);
            }
        }

        return changed;
    }
}
