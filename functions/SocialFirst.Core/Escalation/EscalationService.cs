using Microsoft.Extensions.Logging;

namespace SocialFirst.Core.Escalation;

/// <summary>
/// Acts on an escalation. This first version is dry-run only (the default for every new deployment): it records in
/// the outbox exactly what would be sent, once per case and level. Platform senders plug in behind the outbox later.
/// </summary>
public sealed partial class EscalationService(IEscalationOutbox outbox, TimeProvider time, ILogger<EscalationService> logger)
{
    public async Task<(OutboxEntry Entry, bool Created)> HandleAsync(EscalationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var action = $"private-reply-L{message.Level}";
        var entry = new OutboxEntry(
            message.CaseId,
            action,
            message.Platform,
            OutboxStatus.DryRun,
            $"would answer privately on {message.Platform}: {message.Reason}",
            time.GetUtcNow());
        var result = await outbox.AddIfAbsentAsync(entry, cancellationToken);
        if (result.Created)
        {
            Log.Recorded(logger, message.CaseId, action, result.Entry.Status);
        }
        else
        {
            Log.AlreadyHandled(logger, message.CaseId, action);
        }

        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Information, "Escalation of case {CaseId}: {Action} recorded as {Status}")]
        public static partial void Recorded(ILogger logger, string caseId, string action, OutboxStatus status);

        [LoggerMessage(4002, LogLevel.Information, "Escalation of case {CaseId}: {Action} was already handled; nothing sent again")]
        public static partial void AlreadyHandled(ILogger logger, string caseId, string action);
    }
}
