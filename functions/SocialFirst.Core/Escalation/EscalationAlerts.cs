using Microsoft.Extensions.Logging;

namespace SocialFirst.Core.Escalation;

/// <summary>Why a brand is alerted.</summary>
public enum AlertKind
{
    /// <summary>A safety case was escalated (whatever became of the private reply): the brand's safety contact must know.</summary>
    Safety,

    /// <summary>Automation stopped: a person must act (window closed, not permitted, possibly sent, ...).</summary>
    NeedsHuman,

    /// <summary>The escalation message gave up after its deliveries and was dead-lettered.</summary>
    DeadLettered,

    /// <summary>A crisis or trend incident opened: many mentions about the same thing (the case is one example).</summary>
    Trend,
}

/// <summary>
/// An alert to a brand's people. Carries no customer text and no message text: only where to look and why.
/// </summary>
/// <param name="Kind">Why.</param>
/// <param name="BrandId">The brand.</param>
/// <param name="CaseId">The case to open.</param>
/// <param name="Platform">Where the customer spoke.</param>
/// <param name="Level">The escalation level.</param>
/// <param name="Status">What became of the private reply.</param>
/// <param name="Reason">One line: the rules' or the platform's reason.</param>
/// <param name="Categories">The case's care categories.</param>
/// <param name="At">When the alert was raised.</param>
/// <param name="IdempotencyKey">The same for every retry of this alert, so a receiver can drop repeats.</param>
public sealed record EscalationAlert(
    AlertKind Kind,
    string BrandId,
    string CaseId,
    string Platform,
    int Level,
    OutboxStatus Status,
    string Reason,
    IReadOnlyList<string> Categories,
    DateTimeOffset At,
    string IdempotencyKey);

/// <summary>
/// Delivers alerts. Every registered sink gets every alert; a sink throws when it could not deliver, so the escalation
/// is retried (alerts are at-least-once; receivers de-duplicate by <see cref="EscalationAlert.IdempotencyKey"/>).
/// </summary>
public interface IAlertSink
{
    Task AlertAsync(EscalationAlert alert, CancellationToken cancellationToken);
}

/// <summary>Writes every alert to the log (warning level): the alert of last resort, always registered.</summary>
public sealed partial class LoggingAlertSink(ILogger<LoggingAlertSink> logger) : IAlertSink
{
    public Task AlertAsync(EscalationAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        Log.Alert(logger, alert.Kind, alert.BrandId, alert.CaseId, alert.Platform, alert.Level, alert.Status, alert.Reason);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Warning, "ALERT {Kind} for brand {BrandId}: case {CaseId} on {Platform} (level {Level}) is {Status}: {Reason}")]
        public static partial void Alert(ILogger logger, AlertKind kind, string brandId, string caseId, string platform, int level, OutboxStatus status, string reason);
    }
}
