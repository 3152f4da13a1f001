namespace SocialFirst.Core.Watch.Sla;

public enum SlaStatus
{
    Ok,
    AboutToBreach,
    Breached,
}

public enum SlaTargetKind
{
    FirstResponse,
    Resolution,
}

/// <summary>One SLA clock of a case.</summary>
/// <param name="Target">Which target.</param>
/// <param name="TargetDuration">The target (business or continuous time, as <paramref name="Clock"/> says).</param>
/// <param name="Clock">Which clock the target runs on.</param>
/// <param name="Elapsed">Time counted so far (up to the response/resolution when <paramref name="Completed"/>).</param>
/// <param name="WarnAt">When it turns about-to-breach.</param>
/// <param name="DueAt">When it breaches.</param>
/// <param name="Completed">The response or resolution happened.</param>
/// <param name="Status">Ok / about to breach / breached (completed clocks are Ok or Breached).</param>
public sealed record SlaClockReading(
    SlaTargetKind Target,
    TimeSpan TargetDuration,
    SlaClock Clock,
    TimeSpan Elapsed,
    DateTimeOffset WarnAt,
    DateTimeOffset DueAt,
    bool Completed,
    SlaStatus Status)
{
    /// <summary>Target minus elapsed: positive while time is left, negative when over.</summary>
    public TimeSpan Remaining => TargetDuration - Elapsed;

    public TimeSpan TimeLeft => Remaining > TimeSpan.Zero ? Remaining : TimeSpan.Zero;

    public TimeSpan TimeOver => Remaining < TimeSpan.Zero ? -Remaining : TimeSpan.Zero;

    /// <summary>Completed within its target.</summary>
    public bool Met => Completed && Elapsed <= TargetDuration;
}

/// <summary>The SLA position of a case at a moment.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Status">Status of the target that matters now (the running one, or the worse when both are done).</param>
/// <param name="Target">That target.</param>
/// <param name="TimeLeft">Time left on it (zero when over).</param>
/// <param name="TimeOver">Time over it (zero when not).</param>
/// <param name="EscalationLevel">The level the case should be at: its current level, or one more when a breach (or a
/// further target length overdue) has not been escalated yet; capped by the policy.</param>
/// <param name="RaiseEscalation">True when <paramref name="EscalationLevel"/> is above the case's current level.</param>
/// <param name="NextCheckAt">When the status next changes (warning, breach, re-escalation); null when nothing is pending.</param>
/// <param name="FirstResponse">The first-response clock.</param>
/// <param name="Resolution">The resolution clock.</param>
public sealed record SlaEvaluation(
    string CaseId,
    SlaStatus Status,
    SlaTargetKind Target,
    TimeSpan TimeLeft,
    TimeSpan TimeOver,
    int EscalationLevel,
    bool RaiseEscalation,
    DateTimeOffset? NextCheckAt,
    SlaClockReading FirstResponse,
    SlaClockReading Resolution);
