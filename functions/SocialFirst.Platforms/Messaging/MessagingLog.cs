using Microsoft.Extensions.Logging;
using SocialFirst.Core.Escalation.Messaging;

namespace SocialFirst.Platforms.Messaging;

/// <summary>Log messages of the private-message senders (event ids 4201–4299). Never tokens or message texts.</summary>
internal static partial class MessagingLog
{
    [LoggerMessage(4201, LogLevel.Information, "{Platform} {Action} for {IdempotencyKey}: {Outcome} {PlatformMessageId}")]
    public static partial void Outcome(ILogger logger, string platform, string action, string idempotencyKey, SendOutcomeKind outcome, string? platformMessageId);

    [LoggerMessage(4202, LogLevel.Warning, "{Platform} {Action} for {IdempotencyKey} not sent: {Outcome} ({ErrorCode}) {Detail}")]
    public static partial void NotSent(ILogger logger, string platform, string action, string idempotencyKey, SendOutcomeKind outcome, string? errorCode, string detail);

    [LoggerMessage(4203, LogLevel.Warning, "{Platform} has no access token for account {AccountId}; configure {Setting}")]
    public static partial void NoToken(ILogger logger, string platform, string accountId, string setting);

    /// <summary>Logs <paramref name="outcome"/> at the level it deserves and returns it.</summary>
    public static SendOutcome Report(ILogger logger, string platform, string action, string idempotencyKey, SendOutcome outcome)
    {
        if (outcome.IsDone)
        {
            Outcome(logger, platform, action, idempotencyKey, outcome.Kind, outcome.PlatformMessageId);
        }
        else
        {
            NotSent(logger, platform, action, idempotencyKey, outcome.Kind, outcome.ErrorCode, outcome.Detail);
        }

        return outcome;
    }
}
