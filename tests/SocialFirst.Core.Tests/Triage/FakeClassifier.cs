using SocialFirst.Core.Classification;

namespace SocialFirst.Core.Tests.Triage;

/// <summary>
/// A predictable classifier: "fire" → safety (urgent), "angry" → negative service failure, "spam" → spam,
/// "thanks" → praise; anything else neutral. Counts its calls.
/// </summary>
public sealed class FakeClassifier : IMentionClassifier
{
    private int _calls;

    public int Calls => _calls;

    public Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        Interlocked.Increment(ref _calls);
        IReadOnlyList<ClassificationResult> results = requests.Select(Classify).ToList();
        return Task.FromResult(results);
    }

    public static ClassificationResult Classify(ClassificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Text.ToUpperInvariant();
        if (text.Contains("FIRE", StringComparison.Ordinal))
        {
            return Result(request.Id, Sentiment.Negative, 0.9, (CareCategory.Safety, 0.9));
        }

        if (text.Contains("ANGRY", StringComparison.Ordinal))
        {
            return Result(request.Id, Sentiment.Negative, 0.8, (CareCategory.ServiceFailure, 0.7));
        }

        if (text.Contains("SPAM", StringComparison.Ordinal))
        {
            return Result(request.Id, Sentiment.Neutral, 0.1, (CareCategory.Spam, 0.95));
        }

        return text.Contains("THANKS", StringComparison.Ordinal)
            ? Result(request.Id, Sentiment.Positive, 0.02, (CareCategory.Praise, 0.9))
            : Result(request.Id, Sentiment.Neutral, 0.1);
    }

    private static ClassificationResult Result(string id, Sentiment sentiment, double negative, params (string Category, double Confidence)[] categories) => new()
    {
        Id = id,
        Language = "en",
        Sentiment = sentiment,
        Scores = sentiment == Sentiment.Positive ? new SentimentScores(0.9, 0.08, negative) : new SentimentScores(0.05, 0.95 - negative, negative),
        Categories = categories.Select(c => new CategoryMatch(c.Category, c.Confidence, ["cue"])).ToList(),
    };
}
