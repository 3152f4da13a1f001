namespace SocialFirst.Core.Watch;

/// <summary>
/// Coarse urgency of a case, the unit SLA targets and care metrics are kept by. The triage score (0..1) maps onto it
/// with <see cref="UrgencyBands.FromScore"/>.
/// </summary>
public enum UrgencyBand
{
    Low,
    Normal,
    High,
    Critical,
}

/// <summary>Maps triage urgency onto <see cref="UrgencyBand"/>.</summary>
public static class UrgencyBands
{
    /// <summary>Score at or above which a case is <see cref="UrgencyBand.Critical"/>. Default 0.85.</summary>
    public const double CriticalFrom = 0.85;

    /// <summary>Score at or above which a non-urgent case is <see cref="UrgencyBand.Normal"/> rather than low. Default 0.3.</summary>
    public const double NormalFrom = 0.3;

    /// <summary>
    /// Critical from 0.85 (or when an always-escalate category made it urgent and the caller says so), high when triage
    /// called it urgent, normal from 0.3, low below.
    /// </summary>
    public static UrgencyBand FromScore(double score, bool urgent, bool alwaysEscalateCategory = false)
    {
        if (alwaysEscalateCategory || score >= CriticalFrom)
        {
            return UrgencyBand.Critical;
        }

        if (urgent)
        {
            return UrgencyBand.High;
        }

        return score >= NormalFrom ? UrgencyBand.Normal : UrgencyBand.Low;
    }
}
