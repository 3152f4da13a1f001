using System.Globalization;
using Microsoft.Extensions.Logging;
using SocialFirst.Core.Triage;

namespace SocialFirst.Core.Classification.Cascade;

/// <summary>
/// Cost-aware classification: the first (embedded, free) classifier reads every text; the second (Azure AI Language,
/// paid) only the texts the first is unsure about (<see cref="ClassificationResult.Certainty"/> below
/// <see cref="CascadeSettings.CertaintyThreshold"/>) or that may be urgent (provisional urgency score above
/// <see cref="CascadeSettings.UrgencyThreshold"/>), as far as the monthly <see cref="IClassifierBudget"/> allows,
/// most urgent first. A merged result takes language, sentiment, key phrases, entities and opinions from the second
/// classifier and the care categories and reasons from the first (engine "cascade"). When the budget is spent, or
/// the second classifier fails or times out, the first result stands, marked <c>Degraded</c> with the reason
/// ("budget spent" / "azure unavailable"). Only the caller's own cancellation propagates.
/// </summary>
public sealed partial class CascadeClassifier : IMentionClassifier
{
    public const string EngineName = "cascade";

    /// <summary>Reason cue when the budget did not allow asking the second classifier.</summary>
    public const string BudgetSpent = "budget spent";

    /// <summary>Reason cue when the second classifier failed, timed out or could not read the text.</summary>
    public const string SecondaryUnavailable = "azure unavailable";

    /// <summary>What the cascade's own reasons count towards.</summary>
    public const string Towards = "cascade";

    private readonly IMentionClassifier _primary;
    private readonly IMentionClassifier _secondary;
    private readonly IClassifierBudget _budget;
    private readonly CascadeSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<CascadeClassifier> _logger;

    public CascadeClassifier(
        IMentionClassifier primary,
        IMentionClassifier secondary,
        IClassifierBudget budget,
        CascadeSettings settings,
        TimeProvider time,
        ILogger<CascadeClassifier> logger)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(secondary);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _primary = primary;
        _secondary = secondary;
        _budget = budget;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    public async Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var first = await _primary.ClassifyAsync(requests, cancellationToken);
        if (first.Count != requests.Count)
        {
            throw new InvalidOperationException($"the primary classifier returned {first.Count} results for {requests.Count} requests");
        }

        var candidates = Candidates(requests, first);
        if (candidates.Count == 0)
        {
            return first;
        }

        var results = first.ToArray();
        var reserved = await ReserveAsync(candidates, cancellationToken);
        foreach (var skipped in candidates.Skip(reserved))
        {
            results[skipped.Index] = Degrade(first[skipped.Index], BudgetSpent);
        }

        if (reserved < candidates.Count)
        {
            Log.BudgetSpent(_logger, candidates.Count - reserved, candidates.Count);
        }

        if (reserved == 0)
        {
            return results;
        }

        var sent = candidates.Take(reserved).ToList();
        var second = await AskSecondaryAsync(sent.Select(c => requests[c.Index]).ToList(), cancellationToken);
        for (var j = 0; j < sent.Count; j++)
        {
            var i = sent[j].Index;
            results[i] = second is null
                ? Degrade(first[i], SecondaryUnavailable)
                : second[j].Degraded
                    ? Degrade(first[i], SecondaryUnavailable, second[j].Reasons.Where(r => r.Towards.EndsWith(":degraded", StringComparison.Ordinal)))
                    : Merge(first[i], second[j], sent[j].Why);
        }

        Log.Asked(_logger, sent.Count, requests.Count);
        return results;
    }

    /// <summary>The texts worth a second opinion, most urgent (then least certain) first.</summary>
    private List<Candidate> Candidates(IReadOnlyList<ClassificationRequest> requests, IReadOnlyList<ClassificationResult> first)
    {
        var candidates = new List<Candidate>();
        for (var i = 0; i < first.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(requests[i].Text))
            {
                continue;
            }

            var result = first[i];
            var urgency = UrgencyScorer.Score(new UrgencyInput(result), _settings.UrgencyPolicy).Score;
            string? why = null;
            if (result.Certainty < _settings.CertaintyThreshold)
            {
                why = $"certainty {Fmt(result.Certainty)} < {Fmt(_settings.CertaintyThreshold)}";
            }
            else if (urgency > _settings.UrgencyThreshold)
            {
                why = $"provisional urgency {Fmt(urgency)} > {Fmt(_settings.UrgencyThreshold)}";
            }

            if (why is not null)
            {
                candidates.Add(new Candidate(i, urgency, result.Certainty, why));
            }
        }

        candidates.Sort((a, b) => b.Urgency != a.Urgency ? b.Urgency.CompareTo(a.Urgency) : a.Certainty.CompareTo(b.Certainty));
        return candidates;
    }

    /// <summary>How many of the candidates (in order) the budget allows: all at once, or as many as fit one by one.</summary>
    private async Task<int> ReserveAsync(List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (await _budget.TryReserveAsync(candidates.Count, now, cancellationToken))
        {
            return candidates.Count;
        }

        var reserved = 0;
        while (reserved < candidates.Count && await _budget.TryReserveAsync(1, now, cancellationToken))
        {
            reserved++;
        }

        return reserved;
    }

    /// <summary>The second classifier's results, or null when it failed or took longer than the timeout.</summary>
    private async Task<IReadOnlyList<ClassificationResult>?> AskSecondaryAsync(List<ClassificationRequest> requests, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_settings.SecondaryTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var results = await _secondary.ClassifyAsync(requests, linked.Token).WaitAsync(_settings.SecondaryTimeout, _time, cancellationToken);
            if (results.Count == requests.Count)
            {
                return results;
            }

            Log.Unavailable(_logger, "WrongResultCount", requests.Count);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // A timeout shows up as TimeoutException (WaitAsync) or OperationCanceledException (our token); both degrade.
            Log.Unavailable(_logger, ex.GetType().Name, requests.Count);
            return null;
        }
    }

    private static ClassificationResult Merge(ClassificationResult first, ClassificationResult second, string why) => first with
    {
        Language = second.Language is { Length: > 0 } language && language != "unknown" ? language : first.Language,
        Sentiment = second.Sentiment,
        Scores = second.Scores,
        KeyPhrases = second.KeyPhrases.Count > 0 ? second.KeyPhrases : first.KeyPhrases,
        Entities = second.Entities,
        Opinions = second.Opinions,
        Categories = first.Categories,
        Reasons = [.. first.Reasons, .. second.Reasons, new ClassificationReason("second opinion: " + why, Towards, 0)],
        Engine = EngineName,
        Degraded = false,
        Certainty = second.Certainty,
    };

    private static ClassificationResult Degrade(ClassificationResult first, string cue, IEnumerable<ClassificationReason>? more = null) => first with
    {
        Degraded = true,
        Reasons = [.. first.Reasons, new ClassificationReason(cue, Towards, 0), .. more ?? []],
    };

    private static string Fmt(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private sealed record Candidate(int Index, double Urgency, double Certainty, string Why);

    private static partial class Log
    {
        [LoggerMessage(8301, LogLevel.Debug, "Cascade: {Asked} of {Total} texts got a second opinion")]
        public static partial void Asked(ILogger logger, int asked, int total);

        [LoggerMessage(8302, LogLevel.Warning, "Cascade: monthly budget spent; {Skipped} of {Candidates} unsure texts keep the first result")]
        public static partial void BudgetSpent(ILogger logger, int skipped, int candidates);

        [LoggerMessage(8303, LogLevel.Warning, "Cascade: second classifier unavailable ({ErrorType}); {Count} texts keep the first result")]
        public static partial void Unavailable(ILogger logger, string errorType, int count);
    }
}
