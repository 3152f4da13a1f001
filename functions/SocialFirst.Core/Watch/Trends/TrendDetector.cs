namespace SocialFirst.Core.Watch.Trends;

/// <summary>The outcome of one evaluation run.</summary>
/// <param name="Alerts">New incidents, in window order.</param>
/// <param name="ContinuingIncidentIds">Open incidents whose signals were significant again.</param>
/// <param name="ClosedIncidents">Incidents closed in this run after their quiet period.</param>
/// <param name="WindowsEvaluated">Complete windows evaluated.</param>
/// <param name="WindowsSkipped">Windows skipped because the run came too late (more than the catch-up limit).</param>
public sealed record TrendEvaluation(
    IReadOnlyList<TrendAlert> Alerts,
    IReadOnlyList<string> ContinuingIncidentIds,
    IReadOnlyList<Incident> ClosedIncidents,
    int WindowsEvaluated,
    int WindowsSkipped);

/// <summary>
/// Detects spikes of terms and categories, clusters of co-occurring rising phrases and negative-sentiment surges for
/// one brand, against a seasonal baseline (the same local time of day on previous days) or, while history is short,
/// the preceding windows. Counts are tested with a negative-binomial (or Poisson) upper tail, plus a minimum count, a
/// minimum increase and a minimum ratio, so neither the daily rhythm nor tiny counts raise alarms. Deterministic;
/// all state lives in <see cref="BrandTrendState"/>. See docs/watch.md.
/// </summary>
public sealed class TrendDetector
{
    private const string Seasonal = "seasonal";
    private const string Recent = "recent";
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    private readonly TimeZoneInfo _zone;
    private readonly long _windowTicks;

    public TrendDetector(TrendPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = policy.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid trend policy: " + string.Join(" ", errors), nameof(policy));
        }

        Policy = policy;
        _zone = TimeZones.Find(policy.TimeZoneId);
        _windowTicks = policy.Window.Ticks;
    }

    public TrendPolicy Policy { get; }

    /// <summary>The index of the window containing <paramref name="at"/> (windows count from the Unix epoch, UTC).</summary>
    public long WindowIndex(DateTimeOffset at)
    {
        var ticks = at.UtcTicks - UnixEpochTicks;
        return ticks >= 0 ? ticks / _windowTicks : ((ticks + 1) / _windowTicks) - 1;
    }

    public DateTimeOffset WindowStart(long window) => new(UnixEpochTicks + (window * _windowTicks), TimeSpan.Zero);

    /// <summary>
    /// Counts a mention into the state and links it to the incident it belongs to (one active at its time), if any.
    /// Returns that incident's id, or null.
    /// </summary>
    public string? Observe(BrandTrendState state, TrendObservation observation)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(observation);
        Prepare(state, observation.BrandId);

        var phrases = observation.Terms.Select(TrendTerms.Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var categories = observation.Categories.Where(c => !string.IsNullOrWhiteSpace(c)).Select(TrendTerms.ForCategory).Distinct(StringComparer.Ordinal).ToList();
        var normalised = observation with { Terms = phrases, Categories = categories.Select(c => c[TrendTerms.CategoryPrefix.Length..]).ToList() };

        var w = WindowIndex(observation.At);
        state.FirstWindow = state.FirstWindow is { } first ? Math.Min(first, w) : w;
        if (!state.Windows.TryGetValue(w, out var counts))
        {
            counts = new TrendWindowCounts();
            state.Windows[w] = counts;
        }

        counts.Total++;
        if (observation.IsNegative)
        {
            counts.Negative++;
        }

        foreach (var term in phrases.Concat(categories))
        {
            counts.Terms[term] = counts.Count(term) + 1;
        }

        if ((state.LastEvaluatedWindow is not { } last || w > last) && counts.Total <= Policy.MaxMentionsPerWindow)
        {
            state.Pending.Add(normalised);
        }

        // Late mentions link to an incident that was active at their time, even if it has closed since.
        var best = IncidentMatcher.FindBest(state.Incidents, normalised);
        if (best is null)
        {
            return null;
        }

        Replace(state, best.Link(observation.MentionId, observation.CaseId, Policy.MaxLinkedIds));
        return best.Id;
    }

    /// <summary>
    /// Evaluates every complete window since the last run (at most <see cref="TrendPolicy.MaxCatchUpWindows"/>), opens
    /// incidents, continues or closes them, and prunes the state.
    /// </summary>
    public TrendEvaluation Evaluate(BrandTrendState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        Prepare(state, state.BrandId);
        var alerts = new List<TrendAlert>();
        var continuing = new List<string>();
        var closed = new List<Incident>();
        if (state.FirstWindow is not { } firstWindow)
        {
            return new TrendEvaluation(alerts, continuing, closed, 0, 0);
        }

        var lastComplete = WindowIndex(now) - 1;
        var start = (state.LastEvaluatedWindow ?? (firstWindow - 1)) + 1;
        if (start > lastComplete)
        {
            return new TrendEvaluation(alerts, continuing, closed, 0, 0);
        }

        var skipped = 0;
        if (lastComplete - start + 1 > Policy.MaxCatchUpWindows)
        {
            skipped = (int)Math.Min(int.MaxValue, lastComplete - start + 1 - Policy.MaxCatchUpWindows);
            start = lastComplete - Policy.MaxCatchUpWindows + 1;
        }

        var pendingByWindow = state.Pending.GroupBy(p => WindowIndex(p.At)).ToDictionary(g => g.Key, g => g.ToList());
        for (var w = start; w <= lastComplete; w++)
        {
            CloseQuiet(state, WindowStart(w), closed);
            EvaluateWindow(state, w, pendingByWindow.GetValueOrDefault(w) ?? [], alerts, continuing);
        }

        CloseQuiet(state, WindowStart(lastComplete + 1), closed);
        state.LastEvaluatedWindow = lastComplete;
        Prune(state, start, lastComplete);
        return new TrendEvaluation(alerts, continuing.Distinct(StringComparer.Ordinal).ToList(), closed, (int)(lastComplete - start + 1), skipped);
    }

    private void Prepare(BrandTrendState state, string brandId)
    {
        if (state.BrandId.Length == 0)
        {
            state.BrandId = brandId;
        }
        else if (!string.Equals(state.BrandId, brandId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The state belongs to brand '{state.BrandId}', not '{brandId}'.", nameof(brandId));
        }

        if (state.WindowMinutes != Policy.WindowMinutes)
        {
            // Window indexes of another length mean nothing under this policy: start the counts again.
            if (state.WindowMinutes != 0)
            {
                state.Windows.Clear();
                state.Pending.Clear();
                state.FirstWindow = null;
                state.LastEvaluatedWindow = null;
            }

            state.WindowMinutes = Policy.WindowMinutes;
        }
    }

    private void EvaluateWindow(BrandTrendState state, long w, List<TrendObservation> mentions, List<TrendAlert> alerts, List<string> continuing)
    {
        if (!state.Windows.TryGetValue(w, out var counts) || counts.Total == 0)
        {
            return;
        }

        var baseline = Baseline.Build(this, state, w);
        if (baseline is null)
        {
            return;
        }

        var windowStart = WindowStart(w);
        var windowEnd = windowStart + Policy.Window;
        var findings = new List<Finding>();

        // 1. Every term frequent enough to matter, against its own baseline.
        var stats = new Dictionary<string, TermStat>(StringComparer.Ordinal);
        var testFrom = Math.Min(Policy.MinCount, Policy.CoMinCount);
        foreach (var (term, count) in counts.Terms)
        {
            if (count < testFrom)
            {
                continue;
            }

            var (mean, variance) = baseline.For(c => c.Count(term), counts.Total);
            stats[term] = new TermStat(term, count, mean, variance, WatchStatistics.CountUpperTail(count, mean, variance));
        }

        // 2. Clusters of rising phrases that appear in the same mentions.
        var clustered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cluster in FindClusters(stats, mentions))
        {
            clustered.UnionWith(cluster.Cluster.Terms);
            var signals = cluster.Cluster.Terms
                .Select(t => stats[t])
                .Select(s => new TrendSignal(TrendSignalKind.CoOccurrence, s.Term, s.Count, Round(s.Mean), s.PValue, baseline.Source))
                .ToList();
            findings.Add(new Finding(signals, cluster.Cluster, cluster.Mentions));
        }

        // 3. Single terms and categories.
        foreach (var s in stats.Values.OrderBy(s => s.PValue).ThenBy(s => s.Term, StringComparer.Ordinal))
        {
            if (clustered.Contains(s.Term) || !IsSpike(s))
            {
                continue;
            }

            var kind = TrendTerms.IsCategory(s.Term) ? TrendSignalKind.CategorySpike : TrendSignalKind.TermSpike;
            var category = kind == TrendSignalKind.CategorySpike ? s.Term[TrendTerms.CategoryPrefix.Length..] : null;
            var carrying = mentions
                .Where(m => category is null ? m.Terms.Contains(s.Term, StringComparer.Ordinal) : m.Categories.Contains(category, StringComparer.Ordinal))
                .Select(m => m.MentionId)
                .ToHashSet(StringComparer.Ordinal);
            findings.Add(new Finding([new TrendSignal(kind, s.Term, s.Count, Round(s.Mean), s.PValue, baseline.Source)], null, carrying));
        }

        // 4. Negative sentiment, in number and as a share.
        if (NegativeSurge(baseline, counts) is { } surge)
        {
            var negatives = mentions.Where(m => m.IsNegative).Select(m => m.MentionId).ToHashSet(StringComparer.Ordinal);
            findings.Add(new Finding([surge], null, negatives));
        }

        if (findings.Count == 0)
        {
            return;
        }

        var sequence = 0;
        foreach (var group in Merge(findings))
        {
            Raise(state, group, mentions, windowStart, windowEnd, alerts, continuing, ref sequence);
        }
    }

    private bool IsSpike(TermStat s) =>
        s.Count >= Policy.MinCount
        && s.Count - s.Mean >= Policy.MinIncrease
        && s.Count >= Policy.MinRatio * s.Mean
        && s.PValue <= Policy.PValue;

    private TrendSignal? NegativeSurge(Baseline baseline, TrendWindowCounts counts)
    {
        var k = counts.Negative;
        if (k < Policy.MinCount || baseline.UsualNegativeShare is not { } usual)
        {
            return null;
        }

        var (mean, variance) = baseline.For(c => c.Negative, counts.Total);
        var share = (double)k / counts.Total;
        if (k - mean < Policy.MinIncrease || share - usual < Policy.NegativeShareMinIncrease)
        {
            return null;
        }

        var pCount = WatchStatistics.CountUpperTail(k, mean, variance);
        var pShare = WatchStatistics.BinomialUpperTail(k, counts.Total, Math.Max(usual, 0.01));
        return pCount <= Policy.NegativePValue && pShare <= Policy.NegativeSharePValue
            ? new TrendSignal(TrendSignalKind.NegativeSurge, TrendTerms.NegativeSentiment, k, Round(mean), Math.Max(pCount, pShare), baseline.Source, Round(share), Round(usual))
            : null;
    }

    private List<(TrendCluster Cluster, HashSet<string> Mentions)> FindClusters(Dictionary<string, TermStat> stats, List<TrendObservation> mentions)
    {
        var result = new List<(TrendCluster, HashSet<string>)>();
        var candidates = stats.Values
            .Where(s => TrendTerms.IsPhrase(s.Term) && s.Count >= Policy.CoMinCount && s.Count >= Policy.MinRatio * s.Mean && s.PValue <= Policy.CoTermPValue)
            .Select(s => s.Term)
            .ToHashSet(StringComparer.Ordinal);
        if (candidates.Count < 2 || mentions.Count == 0)
        {
            return result;
        }

        // Support of each candidate and each pair among the sampled mentions.
        var single = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), int>();
        foreach (var m in mentions)
        {
            var present = m.Terms.Where(candidates.Contains).Order(StringComparer.Ordinal).ToList();
            foreach (var t in present)
            {
                single[t] = single.GetValueOrDefault(t) + 1;
            }

            for (var i = 0; i < present.Count; i++)
            {
                for (var j = i + 1; j < present.Count; j++)
                {
                    var key = (present[i], present[j]);
                    pairs[key] = pairs.GetValueOrDefault(key) + 1;
                }
            }
        }

        // Link pairs with enough support and lift; clusters are the connected components.
        var parent = candidates.ToDictionary(t => t, t => t, StringComparer.Ordinal);
        string Root(string t)
        {
            while (parent[t] != t)
            {
                t = parent[t] = parent[parent[t]];
            }

            return t;
        }

        var lifts = new Dictionary<(string, string), double>();
        var edgeSupport = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ((a, b), support) in pairs)
        {
            var lift = (double)mentions.Count * support / (single[a] * (double)single[b]);
            var confidence = (double)support / Math.Min(single[a], single[b]);
            if (support < Policy.CoMinSupport || lift < Policy.CoMinLift || confidence < Policy.CoMinConfidence)
            {
                continue;
            }

            lifts[(a, b)] = lift;
            edgeSupport[a] = edgeSupport.GetValueOrDefault(a) + support;
            edgeSupport[b] = edgeSupport.GetValueOrDefault(b) + support;
            var (ra, rb) = (Root(a), Root(b));
            if (ra != rb)
            {
                parent[string.CompareOrdinal(ra, rb) < 0 ? rb : ra] = string.CompareOrdinal(ra, rb) < 0 ? ra : rb;
            }
        }

        var components = edgeSupport.Keys
            .GroupBy(Root, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var component in components)
        {
            var terms = component
                .OrderByDescending(t => edgeSupport[t])
                .ThenByDescending(t => stats[t].Count)
                .ThenBy(t => t, StringComparer.Ordinal)
                .Take(Policy.MaxClusterTerms)
                .OrderByDescending(t => stats[t].Count)
                .ThenBy(t => t, StringComparer.Ordinal)
                .ToList();
            var set = terms.ToHashSet(StringComparer.Ordinal);

            // The strongest linked pair carries the test: two phrases cannot usually appear together more often than
            // the rarer of them appears at all, so its baseline bounds the usual co-occurrence from above.
            var ((a, b), joint) = pairs
                .Where(kv => lifts.ContainsKey(kv.Key) && set.Contains(kv.Key.Item1) && set.Contains(kv.Key.Item2))
                .OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key.Item1, StringComparer.Ordinal)
                .ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
                .FirstOrDefault();
            if (a is null)
            {
                continue;
            }

            var bound = stats[a].Mean <= stats[b].Mean ? stats[a] : stats[b];
            var p = WatchStatistics.CountUpperTail(joint, bound.Mean, bound.Variance);
            if (joint < Policy.CoMinSupport || p > Policy.CoPValue)
            {
                continue;
            }

            var minLift = lifts.Where(kv => set.Contains(kv.Key.Item1) && set.Contains(kv.Key.Item2)).Select(kv => kv.Value).DefaultIfEmpty(0).Min();
            var carrying = mentions.Where(m => m.Terms.Any(set.Contains)).Select(m => m.MentionId).ToHashSet(StringComparer.Ordinal);
            result.Add((new TrendCluster(terms, joint, Round(bound.Mean), p, Round(minLift)), carrying));
        }

        return result;
    }

    private List<Finding> Merge(List<Finding> findings)
    {
        var groups = new List<Finding>();
        foreach (var f in findings)
        {
            var target = groups.FindIndex(g => Overlap(g.Mentions, f.Mentions) >= Policy.MergeOverlap);
            if (target < 0)
            {
                groups.Add(f);
                continue;
            }

            var g = groups[target];
            var mentions = new HashSet<string>(g.Mentions, StringComparer.Ordinal);
            mentions.UnionWith(f.Mentions);
            groups[target] = new Finding(g.Signals.Concat(f.Signals).ToList(), g.Cluster ?? f.Cluster, mentions);
        }

        return groups;
    }

    private static double Overlap(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        return (double)small.Count(large.Contains) / small.Count;
    }

    private void Raise(
        BrandTrendState state,
        Finding group,
        List<TrendObservation> mentions,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        List<TrendAlert> alerts,
        List<string> continuing,
        ref int sequence)
    {
        var terms = group.Signals.Select(s => s.Term)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(t => TrendTerms.IsPhrase(t) ? 0 : TrendTerms.IsCategory(t) ? 1 : 2)
            .ToList();
        var primary = terms.Where(TrendTerms.IsPhrase).ToList();
        if (primary.Count == 0)
        {
            primary = terms.Where(TrendTerms.IsCategory).ToList();
        }

        if (primary.Count == 0)
        {
            primary = terms;
        }

        var kinds = group.Signals.Select(s => s.Kind).Distinct().Order().ToList();
        var groupMentions = mentions.Where(m => group.Mentions.Contains(m.MentionId)).ToList();
        var severity = Severity(group, groupMentions);
        var cooldownUntil = windowEnd + TimeSpan.FromMinutes(Policy.CooldownMinutes);

        var open = state.Incidents.FindIndex(i => i.IsOpen && i.Terms.Intersect(primary, StringComparer.Ordinal).Any());
        if (open >= 0)
        {
            var incident = state.Incidents[open];
            incident = incident with
            {
                Terms = incident.Terms.Concat(terms).Distinct(StringComparer.Ordinal).OrderBy(t => TrendTerms.IsPhrase(t) ? 0 : TrendTerms.IsCategory(t) ? 1 : 2).ToList(),
                Kinds = incident.Kinds.Concat(kinds).Distinct().Order().ToList(),
                Severity = (TrendSeverity)Math.Max((int)incident.Severity, (int)severity),
                LastSignalAt = windowEnd,
            };
            incident = LinkAll(incident, groupMentions);
            state.Incidents[open] = incident;
            SetCooldown(state, terms, cooldownUntil);
            continuing.Add(incident.Id);
            return;
        }

        if (primary.All(t => state.Cooldowns.TryGetValue(t, out var until) && until > windowStart))
        {
            return;
        }

        sequence++;
        var created = new Incident
        {
            Id = FormattableString.Invariant($"inc-{windowStart.UtcDateTime:yyyyMMddHHmm}-{sequence}"),
            BrandId = state.BrandId,
            Terms = terms,
            Kinds = kinds,
            Severity = severity,
            OpenedAt = windowStart,
            LastSignalAt = windowEnd,
        };
        created = LinkAll(created, groupMentions);
        state.Incidents.Add(created);
        SetCooldown(state, terms, cooldownUntil);

        var phraseSet = terms.Where(TrendTerms.IsPhrase).ToHashSet(StringComparer.Ordinal);
        var examples = groupMentions
            .OrderByDescending(m => m.Terms.Count(phraseSet.Contains))
            .ThenByDescending(m => m.IsNegative)
            .ThenBy(m => m.At)
            .ThenBy(m => m.MentionId, StringComparer.Ordinal)
            .Take(Policy.MaxExamples)
            .Select(m => m.MentionId)
            .ToList();
        alerts.Add(new TrendAlert(state.BrandId, windowStart, windowEnd, severity, terms, group.Signals, group.Cluster, examples, created));
    }

    private Incident LinkAll(Incident incident, List<TrendObservation> mentions)
    {
        foreach (var m in mentions.OrderBy(m => m.At).ThenBy(m => m.MentionId, StringComparer.Ordinal))
        {
            incident = incident.Link(m.MentionId, m.CaseId, Policy.MaxLinkedIds);
        }

        return incident;
    }

    /// <summary>Low below 4× baseline, medium from 4×, high from 8×; one step up for a cluster of three or more phrases or
    /// for a term spike with a negative surge; one more when ≥ 30 % of its mentions carry a critical category.</summary>
    private TrendSeverity Severity(Finding group, List<TrendObservation> mentions)
    {
        var ratio = group.Signals.Select(s => s.Ratio).DefaultIfEmpty(0).Max();
        if (group.Cluster is { } c)
        {
            ratio = Math.Max(ratio, c.JointCount / Math.Max(c.ExpectedAtMost, Policy.BaselineFloor));
        }

        var level = ratio >= 8 ? 2 : ratio >= 4 ? 1 : 0;
        var hasNegative = group.Signals.Any(s => s.Kind == TrendSignalKind.NegativeSurge);
        var hasTerm = group.Signals.Any(s => s.Kind != TrendSignalKind.NegativeSurge);
        if ((group.Cluster?.Terms.Count ?? 0) >= 3 || (hasNegative && hasTerm))
        {
            level++;
        }

        var critical = Policy.CriticalCategories.Select(TrendTerms.Normalize).ToHashSet(StringComparer.Ordinal);
        var criticalSignal = group.Signals.Any(s => TrendTerms.IsCategory(s.Term) && critical.Contains(s.Term[TrendTerms.CategoryPrefix.Length..]));
        if (criticalSignal || (mentions.Count > 0 && mentions.Count(m => m.Categories.Any(critical.Contains)) >= 0.3 * mentions.Count))
        {
            level++;
        }

        return (TrendSeverity)Math.Min(level, (int)TrendSeverity.Critical);
    }

    private static void SetCooldown(BrandTrendState state, List<string> terms, DateTimeOffset until)
    {
        foreach (var t in terms)
        {
            state.Cooldowns[t] = state.Cooldowns.TryGetValue(t, out var existing) && existing > until ? existing : until;
        }
    }

    private void CloseQuiet(BrandTrendState state, DateTimeOffset at, List<Incident> closed)
    {
        var quiet = TimeSpan.FromMinutes(Policy.IncidentQuietMinutes);
        for (var i = 0; i < state.Incidents.Count; i++)
        {
            var incident = state.Incidents[i];
            if (incident.IsOpen && incident.LastSignalAt + quiet <= at)
            {
                state.Incidents[i] = incident with { ClosedAt = incident.LastSignalAt + quiet };
                closed.Add(state.Incidents[i]);
            }
        }
    }

    private void Prune(BrandTrendState state, long firstEvaluated, long lastEvaluated)
    {
        // Keep what the seasonal baseline of the next windows can reach (plus a margin for DST and neighbours).
        var keepFrom = lastEvaluated - ((Policy.BaselineDays + 1L) * Policy.WindowsPerDay) - Policy.NeighbourWindows - Policy.FallbackWindows - 8;
        foreach (var w in state.Windows.Keys.Where(w => w < keepFrom).ToList())
        {
            state.Windows.Remove(w);
        }

        foreach (var (w, counts) in state.Windows)
        {
            if (w >= firstEvaluated && w <= lastEvaluated && counts.Terms.Count > Policy.MaxStoredTermsPerWindow)
            {
                counts.Terms = counts.Terms
                    .OrderByDescending(kv => kv.Value)
                    .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                    .Take(Policy.MaxStoredTermsPerWindow)
                    .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            }
        }

        state.Pending.RemoveAll(p => WindowIndex(p.At) <= lastEvaluated);
        var lastEnd = WindowStart(lastEvaluated + 1);
        state.Incidents.RemoveAll(i => i.ClosedAt is { } c && c < lastEnd - TimeSpan.FromDays(Policy.BaselineDays));
        foreach (var key in state.Cooldowns.Where(kv => kv.Value <= lastEnd).Select(kv => kv.Key).ToList())
        {
            state.Cooldowns.Remove(key);
        }
    }

    private static void Replace(BrandTrendState state, Incident incident)
    {
        var i = state.Incidents.FindIndex(x => x.Id == incident.Id);
        if (i >= 0)
        {
            state.Incidents[i] = incident;
        }
    }

    private static double Round(double v) => Math.Round(v, 3);

    private sealed record TermStat(string Term, int Count, double Mean, double Variance, double PValue);

    private sealed record Finding(IReadOnlyList<TrendSignal> Signals, TrendCluster? Cluster, HashSet<string> Mentions);

    /// <summary>The windows a window is compared with, and how to turn them into an expected count.</summary>
    private sealed class Baseline
    {
        private readonly BrandTrendState _state;
        private readonly List<long> _windows;
        private readonly TrendPolicy _policy;
        private readonly double _recentTotal;

        private Baseline(BrandTrendState state, TrendPolicy policy, List<long> windows, string source)
        {
            _state = state;
            _policy = policy;
            _windows = windows;
            Source = source;
            var total = 0.0;
            var negative = 0.0;
            foreach (var w in windows)
            {
                if (state.Windows.TryGetValue(w, out var c))
                {
                    total += c.Total;
                    negative += c.Negative;
                }
            }

            _recentTotal = total;
            UsualNegativeShare = total > 0 ? negative / total : null;
        }

        public string Source { get; }

        public double? UsualNegativeShare { get; }

        public static Baseline? Build(TrendDetector detector, BrandTrendState state, long w)
        {
            var policy = detector.Policy;
            var first = state.FirstWindow ?? w;
            var seasonal = new List<long>();
            var centres = new List<long>();
            var days = 0;
            var local = TimeZoneInfo.ConvertTime(detector.WindowStart(w), detector._zone).DateTime;
            for (var d = 1; d <= policy.BaselineDays; d++)
            {
                var centre = detector._zone == TimeZoneInfo.Utc
                    ? w - ((long)d * policy.WindowsPerDay)
                    : detector.WindowIndex(TimeZones.ToUtc(local.AddDays(-d), detector._zone));
                if (centre < first)
                {
                    break;
                }

                days++;
                centres.Add(centre);
                for (var j = -policy.NeighbourWindows; j <= policy.NeighbourWindows; j++)
                {
                    if (centre + j >= first)
                    {
                        seasonal.Add(centre + j);
                    }
                }
            }

            if (days >= policy.MinBaselineDays)
            {
                return new Baseline(state, policy, seasonal, Seasonal) { Level = DayLevel(state, policy, w, centres) };
            }

            var recent = new List<long>();
            for (var k = 1; k <= policy.FallbackWindows && w - k >= first; k++)
            {
                recent.Add(w - k);
            }

            return recent.Count >= policy.MinFallbackWindows ? new Baseline(state, policy, recent, Recent) : null;
        }

        /// <summary>How busy today is against the baseline days (see <see cref="DayLevel(BrandTrendState, TrendPolicy, long, List{long})"/>).</summary>
        public double Level { get; private init; } = 1.0;

        /// <summary>
        /// Today's level against the baseline days: mentions in the preceding <see cref="TrendPolicy.LevelWindows"/>
        /// windows over the same windows' average on the baseline days, shrunk towards 1 by
        /// <see cref="TrendPolicy.LevelPseudoCount"/> mentions and clamped to ±<see cref="TrendPolicy.MaxLevelAdjustment"/>.
        /// Corrects the seasonal baseline for weekends and busy days without letting the current window (the incident)
        /// raise its own bar.
        /// </summary>
        private static double DayLevel(BrandTrendState state, TrendPolicy policy, long w, List<long> centres)
        {
            if (policy.LevelWindows == 0 || centres.Count == 0)
            {
                return 1.0;
            }

            static double Sum(BrandTrendState state, long end, int count)
            {
                var sum = 0.0;
                for (var k = 1; k <= count; k++)
                {
                    if (state.Windows.TryGetValue(end - k, out var c))
                    {
                        sum += c.Total;
                    }
                }

                return sum;
            }

            var today = Sum(state, w, policy.LevelWindows);
            var usual = centres.Average(c => Sum(state, c, policy.LevelWindows));
            var level = (today + policy.LevelPseudoCount) / (usual + policy.LevelPseudoCount);
            return Math.Clamp(level, 1 / policy.MaxLevelAdjustment, policy.MaxLevelAdjustment);
        }

        /// <summary>Expected mean and variance of a count in the window being evaluated.</summary>
        public (double Mean, double Variance) For(Func<TrendWindowCounts, int> selector, int currentTotal)
        {
            var n = _windows.Count;
            if (Source == Recent)
            {
                // Recent windows follow the daily ramp badly, so use the term's recent rate per mention times this
                // window's volume: a rise in everything is not a rise in one term.
                var sum = 0.0;
                foreach (var w in _windows)
                {
                    if (_state.Windows.TryGetValue(w, out var c))
                    {
                        sum += selector(c);
                    }
                }

                var rate = _recentTotal > 0 ? sum / _recentTotal : 0;
                var expected = Math.Max(rate * currentTotal, _policy.BaselineFloor);
                return (expected, expected * (1 + (1.0 / n)));
            }

            var values = new double[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = _state.Windows.TryGetValue(_windows[i], out var c) ? selector(c) : 0;
            }

            var mean = values.Average();
            var variance = n > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (n - 1) : mean;
            mean *= Level;
            variance *= Level * Level;
            var mu = Math.Max(mean, _policy.BaselineFloor);
            return (mu, Math.Max(mu, variance) * (1 + (1.0 / n)));
        }
    }
}
