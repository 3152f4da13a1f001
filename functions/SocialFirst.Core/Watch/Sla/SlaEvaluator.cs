namespace SocialFirst.Core.Watch.Sla;

/// <summary>
/// Evaluates a case's first-response and resolution clocks under a brand's <see cref="SlaPolicy"/> at a given moment.
/// Pure: the caller passes <c>now</c> (from its TimeProvider).
/// </summary>
public sealed class SlaEvaluator
{
    private readonly BusinessCalendar _calendar;

    public SlaEvaluator(SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = policy.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SLA policy: " + string.Join(" ", errors), nameof(policy));
        }

        Policy = policy;
        _calendar = BusinessCalendar.For(policy);
    }

    public SlaPolicy Policy { get; }

    public BusinessCalendar Calendar => _calendar;

    public SlaEvaluation Evaluate(CaseTimeline timeline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var target = timeline.TargetOverride ?? Policy.TargetFor(timeline.Urgency);

        // A resolution without a recorded first answer answered the customer too.
        var responded = timeline.FirstResponseAt ?? timeline.ResolvedAt;
        var fr = Read(SlaTargetKind.FirstResponse, target.FirstResponse, target.Clock, timeline.OpenedAt, responded, now);
        var res = Read(SlaTargetKind.Resolution, target.Resolution, target.Clock, timeline.OpenedAt, timeline.ResolvedAt, now);

        var running = new[] { fr, res }.Where(r => !r.Completed).ToList();
        var pool = running.Count > 0 ? running : [fr, res];
        var active = pool.OrderByDescending(r => r.Status).First();

        var level = timeline.EscalationLevel;
        DateTimeOffset? next = null;
        if (!active.Completed)
        {
            switch (active.Status)
            {
                case SlaStatus.Ok:
                    next = active.WarnAt;
                    break;
                case SlaStatus.AboutToBreach:
                    next = active.DueAt;
                    break;
                default:
                    (level, next) = Escalation(active, timeline);
                    break;
            }
        }

        return new SlaEvaluation(
            timeline.CaseId,
            active.Status,
            active.Target,
            active.TimeLeft,
            active.TimeOver,
            level,
            level > timeline.EscalationLevel,
            next,
            fr,
            res);
    }

    /// <summary>Elapsed time on a clock between two instants.</summary>
    public TimeSpan Elapsed(SlaClock clock, DateTimeOffset from, DateTimeOffset to) =>
        clock == SlaClock.Continuous ? (to > from ? to - from : TimeSpan.Zero) : _calendar.Elapsed(from, to);

    /// <summary>The instant at which <paramref name="duration"/> has passed on a clock.</summary>
    public DateTimeOffset Add(SlaClock clock, DateTimeOffset from, TimeSpan duration) =>
        clock == SlaClock.Continuous ? from + duration : _calendar.Add(from, duration);

    private SlaClockReading Read(SlaTargetKind kind, TimeSpan duration, SlaClock clock, DateTimeOffset start, DateTimeOffset? done, DateTimeOffset now)
    {
        var completed = done is { } d && d <= now;
        var end = completed ? done!.Value : now;
        var elapsed = Elapsed(clock, start, end);
        var warnAt = Add(clock, start, duration * Policy.WarnFraction);
        var dueAt = Add(clock, start, duration);
        SlaStatus status;
        if (completed)
        {
            status = elapsed <= duration ? SlaStatus.Ok : SlaStatus.Breached;
        }
        else
        {
            status = elapsed >= duration ? SlaStatus.Breached
                : elapsed >= duration * Policy.WarnFraction ? SlaStatus.AboutToBreach
                : SlaStatus.Ok;
        }

        return new SlaClockReading(kind, duration, clock, elapsed, warnAt, dueAt, completed, status);
    }

    /// <summary>
    /// The breach itself and, with <see cref="SlaPolicy.ReEscalateEvery"/>, each further step overdue are escalation
    /// points; the case goes up one level when the latest point passed after its last escalation.
    /// </summary>
    private (int Level, DateTimeOffset? Next) Escalation(SlaClockReading active, CaseTimeline timeline)
    {
        var current = timeline.EscalationLevel;
        var latestPoint = active.DueAt;
        DateTimeOffset? next = null;
        if (Policy.ReEscalateEvery > 0)
        {
            var step = active.TargetDuration * Policy.ReEscalateEvery;
            var elapsedOver = active.Elapsed - active.TargetDuration;
            var steps = (long)Math.Floor(elapsedOver / step);
            latestPoint = Add(active.Clock, active.DueAt, step * steps);
            next = Add(active.Clock, active.DueAt, step * (steps + 1));
        }

        var escalatedSince = timeline.LastEscalatedAt is { } last && last >= latestPoint;
        var level = Math.Max(current, escalatedSince ? current : Math.Min(Policy.MaxEscalationLevel, current + 1));

        // At the top level there is nothing further to raise, so nothing to wake up for.
        return (level, level >= Policy.MaxEscalationLevel ? null : next);
    }
}
