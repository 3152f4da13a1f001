namespace SocialFirst.Core.Watch.Trends;

/// <summary>What rose.</summary>
public enum TrendSignalKind
{
    /// <summary>One key phrase far above its baseline.</summary>
    TermSpike,

    /// <summary>A care category far above its baseline.</summary>
    CategorySpike,

    /// <summary>Several key phrases rising together and appearing in the same mentions.</summary>
    CoOccurrence,

    /// <summary>More negative mentions than usual, both in number and as a share of all mentions.</summary>
    NegativeSurge,
}

/// <summary>How loud an alert should be.</summary>
public enum TrendSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>One statistical finding in one window.</summary>
/// <param name="Kind">What rose.</param>
/// <param name="Term">The normalised term (for a co-occurrence, one signal per member; for a surge, <see cref="TrendTerms.NegativeSentiment"/>).</param>
/// <param name="Count">Its count in the window (for a co-occurrence: mentions with at least two of the cluster's terms).</param>
/// <param name="BaselineMean">What was expected in the window.</param>
/// <param name="PValue">Probability of at least <paramref name="Count"/> under the baseline.</param>
/// <param name="BaselineSource">"seasonal" (same time of day on previous days) or "recent" (preceding windows, while history is short).</param>
/// <param name="Share">For a negative surge: the negative share in the window.</param>
/// <param name="BaselineShare">For a negative surge: the usual negative share.</param>
public sealed record TrendSignal(
    TrendSignalKind Kind,
    string Term,
    int Count,
    double BaselineMean,
    double PValue,
    string BaselineSource,
    double? Share = null,
    double? BaselineShare = null)
{
    /// <summary>Count over baseline.</summary>
    public double Ratio => BaselineMean > 0 ? Count / BaselineMean : double.PositiveInfinity;
}

/// <summary>Key phrases rising together: how often they appeared together against what their baselines allow.</summary>
/// <param name="Terms">The phrases, most frequent first.</param>
/// <param name="JointCount">Mentions in the window that carry the cluster's most frequent linked pair together.</param>
/// <param name="ExpectedAtMost">The rarer phrase's baseline: the pair cannot usually appear together more often than that.</param>
/// <param name="PValue">Tail probability of the joint count under that bound.</param>
/// <param name="MinLift">The weakest lift (observed over chance co-occurrence) among the pairs that link the cluster.</param>
public sealed record TrendCluster(IReadOnlyList<string> Terms, int JointCount, double ExpectedAtMost, double PValue, double MinLift);

/// <summary>
/// A new incident found in one window: the terms, the evidence (counts against baseline), some example mentions and a
/// severity. The incident it opened is <see cref="Incident"/>.
/// </summary>
public sealed record TrendAlert(
    string BrandId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    TrendSeverity Severity,
    IReadOnlyList<string> Terms,
    IReadOnlyList<TrendSignal> Signals,
    TrendCluster? Cluster,
    IReadOnlyList<string> ExampleMentionIds,
    Incident Incident)
{
    public bool Has(TrendSignalKind kind) => Signals.Any(s => s.Kind == kind);

    /// <summary>A one-line description with no customer text, safe for logs and notifications.</summary>
    public string Summary
    {
        get
        {
            var parts = Signals.Select(s => FormattableString.Invariant($"{s.Term} {s.Count} vs {s.BaselineMean:0.##}")).ToList();
            if (Cluster is not null)
            {
                parts.Insert(0, FormattableString.Invariant($"{Cluster.Terms.Count} phrases together in {Cluster.JointCount} mentions (usually ≤ {Cluster.ExpectedAtMost:0.##})"));
            }

            return FormattableString.Invariant($"{Severity}: {string.Join(" + ", Terms)} — {string.Join("; ", parts)}");
        }
    }
}
