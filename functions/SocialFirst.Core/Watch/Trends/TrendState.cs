namespace SocialFirst.Core.Watch.Trends;

/// <summary>
/// Everything trend detection remembers about one brand between runs: counts per window, the mentions of windows not
/// yet evaluated, open and recent incidents and cooldowns. Plain and JSON-serialisable (System.Text.Json) so an
/// adapter can keep it in a blob or table between timer runs; <see cref="TrendDetector"/> mutates it.
/// </summary>
public sealed class BrandTrendState
{
    public int SchemaVersion { get; set; } = 1;

    public string BrandId { get; set; } = string.Empty;

    /// <summary>Index of the first window with data (windows count from the Unix epoch in UTC).</summary>
    public long? FirstWindow { get; set; }

    /// <summary>Index of the last window evaluated.</summary>
    public long? LastEvaluatedWindow { get; set; }

    /// <summary>Window length the indexes were computed with; a policy with another length starts the state again.</summary>
    public int WindowMinutes { get; set; }

    /// <summary>Counts per window index (sparse: windows without mentions are absent).</summary>
    public Dictionary<long, TrendWindowCounts> Windows { get; set; } = [];

    /// <summary>Normalised mentions of windows not evaluated yet (for co-occurrence and examples).</summary>
    public List<TrendObservation> Pending { get; set; } = [];

    /// <summary>Open incidents and those closed recently (kept one baseline period for the record).</summary>
    public List<Incident> Incidents { get; set; } = [];

    /// <summary>Term → until when it may not raise a new alert.</summary>
    public Dictionary<string, DateTimeOffset> Cooldowns { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Counts of one window.</summary>
public sealed class TrendWindowCounts
{
    public int Total { get; set; }

    public int Negative { get; set; }

    /// <summary>Normalised key phrase or category term → mentions carrying it.</summary>
    public Dictionary<string, int> Terms { get; set; } = new(StringComparer.Ordinal);

    public int Count(string term) => Terms.TryGetValue(term, out var n) ? n : 0;
}
