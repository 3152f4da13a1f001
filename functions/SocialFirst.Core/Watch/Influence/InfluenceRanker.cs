namespace SocialFirst.Core.Watch.Influence;

/// <summary>
/// Ranks the authors who talk to a brand by reach (log-scaled followers), engagement with the brand (recency-decayed,
/// weighted by kind and amplified by interactions) and sentiment over time (recent weighted more), and gives each a
/// role. Pure and deterministic.
/// </summary>
public static class InfluenceRanker
{
    public static InfluenceBoard Rank(IEnumerable<AuthorActivity> activities, string brandId, DateTimeOffset now, InfluencePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        policy ??= InfluencePolicy.Default;
        var since = now.AddDays(-policy.LookbackDays);
        var authors = activities
            .Where(a => string.Equals(a.BrandId, brandId, StringComparison.Ordinal) && a.At <= now && a.At > since)
            .GroupBy(a => a.AuthorKey, StringComparer.Ordinal)
            .Select(g => Profile(g.OrderBy(a => a.At).ToList(), now, policy))
            .OrderByDescending(a => a.Influence)
            .ThenBy(a => a.AuthorKey, StringComparer.Ordinal)
            .ToList();
        return new InfluenceBoard(brandId, now, authors, policy);
    }

    /// <summary>0..1: log10(followers + 1) / log10(saturation + 1).</summary>
    public static double Reach(long? followers, long saturation) =>
        followers is { } f && f > 0 ? Math.Clamp(Math.Log10(f + 1.0) / Math.Log10(saturation + 1.0), 0, 1) : 0;

    private static AuthorInfluence Profile(List<AuthorActivity> items, DateTimeOffset now, InfluencePolicy policy)
    {
        var last = items[^1];
        var followers = items.LastOrDefault(a => a.Followers is not null)?.Followers;
        var handle = items.LastOrDefault(a => a.Handle is not null)?.Handle;

        double engagement = 0, sentimentSum = 0, weightSum = 0, thisWeek = 0, previousWeek = 0;
        double recentSum = 0, recentWeight = 0, olderSum = 0, olderWeight = 0;
        foreach (var a in items)
        {
            var ageDays = (now - a.At).TotalDays;
            var decay = Math.Pow(0.5, ageDays / policy.HalfLifeDays);
            var kind = policy.WeightOf(a.Kind);
            var sentiment = Math.Clamp(a.Sentiment, -1, 1);
            engagement += kind * decay * (1 + Math.Log10(1 + Math.Max(0, a.Interactions)));
            sentimentSum += kind * decay * sentiment;
            weightSum += kind * decay;
            if (ageDays < 7)
            {
                thisWeek += kind;
                recentSum += kind * sentiment;
                recentWeight += kind;
            }
            else
            {
                if (ageDays < 14)
                {
                    previousWeek += kind;
                }

                olderSum += kind * sentiment;
                olderWeight += kind;
            }
        }

        var mean = weightSum > 0 ? sentimentSum / weightSum : 0;
        double? trend = recentWeight > 0 && olderWeight > 0 ? Math.Round((recentSum / recentWeight) - (olderSum / olderWeight), 4) : null;
        var role = items.Count < policy.MinActivitiesForRole ? AuthorRole.Neutral
            : mean >= policy.AdvocateFrom ? AuthorRole.Advocate
            : mean <= policy.CriticFrom ? AuthorRole.Critic
            : AuthorRole.Neutral;
        var reach = Reach(followers, policy.ReachSaturationFollowers);
        var engaged = 1 - Math.Exp(-engagement / policy.EngagementScale);
        var influence = (policy.ReachWeight * reach) + (policy.EngagementWeight * engaged);
        var growth = (thisWeek - previousWeek) / (previousWeek + policy.RisingSmoothing);

        return new AuthorInfluence(
            last.AuthorKey,
            last.Platform,
            last.AuthorId,
            handle,
            followers,
            Math.Round(reach, 4),
            Math.Round(engaged, 4),
            Math.Round(mean, 4),
            trend,
            role,
            Math.Round(influence, 4),
            items.Count,
            thisWeek,
            previousWeek,
            Math.Round(growth, 4));
    }
}
