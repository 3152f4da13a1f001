namespace SocialFirst.Core.Watch.Trends;

/// <summary>
/// Decides whether a mention belongs to an incident. A mention belongs when the incident is open at the mention's time
/// and the mention shares with it: at least two of its key phrases (one when the incident has one); or, for an incident
/// without key phrases, one of its categories; or, for a pure negative surge, negative sentiment.
/// </summary>
public static class IncidentMatcher
{
    /// <summary>True when <paramref name="observation"/> belongs to <paramref name="incident"/>.</summary>
    public static bool Matches(Incident incident, TrendObservation observation)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(observation);
        return Overlap(incident, observation) > 0;
    }

    /// <summary>The open incident of the mention's brand it belongs to best (most shared terms, then the latest), or null.</summary>
    public static Incident? FindBest(IEnumerable<Incident> incidents, TrendObservation observation)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(observation);
        Incident? best = null;
        var bestScore = 0;
        foreach (var incident in incidents)
        {
            if (!string.Equals(incident.BrandId, observation.BrandId, StringComparison.Ordinal))
            {
                continue;
            }

            var score = Overlap(incident, observation);
            if (score > bestScore || (score == bestScore && score > 0 && best is not null && incident.OpenedAt > best.OpenedAt))
            {
                best = incident;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>How strongly the mention matches: 0 = not at all; phrase matches outrank category and sentiment matches.</summary>
    internal static int Overlap(Incident incident, TrendObservation observation)
    {
        // Open at the time of the mention: not before the detection window's start, not after closing.
        if (observation.At < incident.OpenedAt || (incident.ClosedAt is { } closed && observation.At > closed))
        {
            return 0;
        }

        var phrases = incident.Terms.Where(TrendTerms.IsPhrase).ToList();
        if (phrases.Count > 0)
        {
            var mine = observation.Terms.Select(TrendTerms.Normalize).ToHashSet(StringComparer.Ordinal);
            var shared = phrases.Count(mine.Contains);
            return shared >= Math.Min(2, phrases.Count) ? 100 + shared : 0;
        }

        var categories = incident.Terms.Where(TrendTerms.IsCategory).ToList();
        if (categories.Count > 0)
        {
            var mine = observation.Categories.Select(TrendTerms.ForCategory).ToHashSet(StringComparer.Ordinal);
            var shared = categories.Count(mine.Contains);
            return shared > 0 ? 10 + shared : 0;
        }

        return incident.Terms.Contains(TrendTerms.NegativeSentiment) && observation.IsNegative ? 1 : 0;
    }
}
