namespace SocialFirst.Core.Classification;

/// <summary>
/// Facts a classifier read in the text that are not categories but matter to urgency. A signal travels as a
/// <see cref="ClassificationReason"/> towards <c>signal:&lt;name&gt;</c>, so agents see it with the other reasons.
/// </summary>
public static class ClassificationSignals
{
    /// <summary>The author says they have contacted the brand several times already ("fourth time calling", "第三次投诉").</summary>
    public const string RepeatContact = "repeat_contact";

    public static IReadOnlyList<string> All { get; } = [RepeatContact];

    /// <summary>The <see cref="ClassificationReason.Towards"/> value that carries <paramref name="signal"/>.</summary>
    public static string Towards(string signal) => "signal:" + signal;

    /// <summary>True when <paramref name="result"/> carries <paramref name="signal"/>.</summary>
    public static bool Has(ClassificationResult result, string signal)
    {
        ArgumentNullException.ThrowIfNull(result);
        var towards = Towards(signal);
        return result.Reasons.Any(r => string.Equals(r.Towards, towards, StringComparison.Ordinal));
    }
}
