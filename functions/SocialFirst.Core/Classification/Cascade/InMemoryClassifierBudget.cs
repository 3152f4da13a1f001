namespace SocialFirst.Core.Classification.Cascade;

/// <summary>
/// A monthly document budget held in memory: it starts again at 0 on the first of each month (UTC). Per process, so
/// with several instances each has the full budget and a restart forgets what was used: a cost brake, not an exact
/// meter. A durable implementation can replace it behind <see cref="IClassifierBudget"/>.
/// </summary>
public sealed class InMemoryClassifierBudget : IClassifierBudget
{
    private readonly Lock _gate = new();
    private (int Year, int Month) _period;
    private int _used;

    public InMemoryClassifierBudget(int monthlyDocuments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(monthlyDocuments);
        MonthlyDocuments = monthlyDocuments;
    }

    public int MonthlyDocuments { get; }

    public ValueTask<bool> TryReserveAsync(int documents, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(documents);
        lock (_gate)
        {
            Roll(now);
            if (_used + (long)documents > MonthlyDocuments)
            {
                return ValueTask.FromResult(false);
            }

            _used += documents;
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>Documents reserved in the month of <paramref name="now"/>.</summary>
    public int Used(DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            return _used;
        }
    }

    private void Roll(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var period = (utc.Year, utc.Month);
        if (period != _period)
        {
            _period = period;
            _used = 0;
        }
    }
}
