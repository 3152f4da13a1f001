using SocialFirst.Core.Watch.Metrics;

namespace SocialFirst.Core.Watch.Application;

/// <summary>
/// The daily roll-up of care facts (<see cref="CareDay"/>): one record per brand and UTC day, written whole and replaced
/// whole (stable keys), so writing a day again is harmless. A day written partly (a crash between its parts) or with
/// another <see cref="CareDayFormat.Version"/> counts as absent.
/// </summary>
public interface ICareDayStore
{
    /// <summary>The complete days of the brand between <paramref name="first"/> and <paramref name="last"/> (inclusive).</summary>
    Task<IReadOnlyDictionary<DateOnly, CareDay>> ReadAsync(string brandId, DateOnly first, DateOnly last, CancellationToken cancellationToken);

    /// <summary>Which of those days are there, without reading their contents.</summary>
    Task<IReadOnlySet<DateOnly>> ListDaysAsync(string brandId, DateOnly first, DateOnly last, CancellationToken cancellationToken);

    /// <summary>Writes (or replaces) the brand's day.</summary>
    Task WriteAsync(string brandId, CareDay day, CancellationToken cancellationToken);
}

/// <summary>The version of the rules that turn cases into roll-up facts.</summary>
public static class CareDayFormat
{
    /// <summary>
    /// Stored with every day; change it whenever <see cref="CaseTimelineMapper"/> or <see cref="CareCaseFacts"/> change
    /// meaning, and the days written under the old rules are read as absent and rolled up again.
    /// </summary>
    public const string Version = "care-facts-1";
}
