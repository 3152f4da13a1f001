using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SocialFirst.Core.Escalation;

/// <summary>What one drain run did.</summary>
/// <param name="Drained">Dead letters recorded into their cases and completed.</param>
/// <param name="Poisoned">Dead letters that did not parse, recorded in the poison table and completed.</param>
/// <param name="Failed">Dead letters that could not be recorded and were abandoned for the next run.</param>
public sealed record DrainResult(int Drained, int Poisoned, int Failed);

/// <summary>
/// Empties the escalation queue's dead letters into the cases: each becomes NeedsHuman "escalation dead-lettered:
/// &lt;reason&gt;" with an alert, then is completed. When recording fails the message is abandoned (unlocked) and the
/// run stops, so the next run tries again.
/// </summary>
public sealed partial class DeadLetterDrainService(
    IDeadLetterSource source,
    EscalationService escalation,
    IEscalationPoisonStore poison,
    IOptions<EscalationOptions> options,
    TimeProvider time,
    ILogger<DeadLetterDrainService> logger)
{
    public async Task<DrainResult> DrainAsync(CancellationToken cancellationToken)
    {
        int drained = 0, poisoned = 0, failed = 0;
        for (var i = 0; i < options.Value.MaxDrainBatch; i++)
        {
            var dead = await source.ReceiveAsync(cancellationToken);
            if (dead is null)
            {
                break;
            }

            try
            {
                if (EscalationMessageJson.TryParse(dead.Body, out var message, out var error))
                {
                    await escalation.RecordDeadLetteredAsync(message, dead.Reason ?? "unknown reason", cancellationToken);
                    drained++;
                }
                else
                {
                    var key = dead.MessageId is { Length: > 0 } id ? id : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dead.Body)))[..32];
                    await poison.RecordAsync(new EscalationPoison(key, null, "dead-lettered and unreadable: " + error, EscalationPoison.Cut(dead.Body), time.GetUtcNow()), cancellationToken);
                    poisoned++;
                }

                await source.CompleteAsync(dead, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed++;
                Log.DrainFailed(logger, dead.MessageId, source.Name, ex);
                try
                {
                    await source.AbandonAsync(dead, cancellationToken);
                }
                catch (Exception abandon) when (abandon is not OperationCanceledException)
                {
                    // The lock runs out by itself; the message is read again then.
                    Log.AbandonFailed(logger, dead.MessageId, source.Name, abandon);
                }

                break;
            }
        }

        if (drained + poisoned + failed > 0)
        {
            Log.Drained(logger, source.Name, drained, poisoned, failed);
        }

        return new DrainResult(drained, poisoned, failed);
    }

    private static partial class Log
    {
        [LoggerMessage(4601, LogLevel.Warning, "Dead letters of {Source}: {Drained} recorded into cases, {Poisoned} unreadable, {Failed} failed")]
        public static partial void Drained(ILogger logger, string source, int drained, int poisoned, int failed);

        [LoggerMessage(4602, LogLevel.Error, "Could not record dead-lettered escalation {MessageId} from {Source}; abandoned for the next run")]
        public static partial void DrainFailed(ILogger logger, string messageId, string source, Exception exception);

        [LoggerMessage(4603, LogLevel.Warning, "Could not abandon dead-lettered escalation {MessageId} of {Source}; its lock will expire")]
        public static partial void AbandonFailed(ILogger logger, string messageId, string source, Exception exception);
    }
}
