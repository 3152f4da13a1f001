using Microsoft.Extensions.Logging;

namespace SocialFirst.Classification;

/// <summary>Source-generated log messages of the embedded classifier (event ids 4100–4199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Embedded classifier ready: rules {RulesVersion}, {RuleCount} compiled rules, {ElapsedMs:0} ms")]
    public static partial void ModelReady(ILogger logger, string rulesVersion, int ruleCount, double elapsedMs);
}
