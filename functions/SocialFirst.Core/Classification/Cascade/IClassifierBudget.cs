namespace SocialFirst.Core.Classification.Cascade;

/// <summary>
/// How many documents the paid classifier may still analyse this month. Reservations are all-or-nothing and are not
/// given back (a failed call may still have been billed).
/// </summary>
public interface IClassifierBudget
{
    /// <summary>Reserves <paramref name="documents"/> documents in the month of <paramref name="now"/>; false when that would exceed the budget.</summary>
    ValueTask<bool> TryReserveAsync(int documents, DateTimeOffset now, CancellationToken cancellationToken);
}
