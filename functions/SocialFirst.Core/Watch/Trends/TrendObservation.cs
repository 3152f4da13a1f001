using SocialFirst.Core.Classification;

namespace SocialFirst.Core.Watch.Trends;

/// <summary>
/// One classified mention as trend detection sees it: who it was for, when, which key phrases and care categories it
/// carried, and its sentiment. No customer text.
/// </summary>
/// <param name="BrandId">The brand the mention was addressed to.</param>
/// <param name="At">When the customer wrote it (UTC or any offset).</param>
/// <param name="MentionId">Stable id of the mention (its de-duplication key).</param>
/// <param name="Terms">Key phrases (any case; normalised on the way in).</param>
/// <param name="Categories">Care category wire names (<see cref="CareCategory"/>).</param>
/// <param name="Sentiment">Overall sentiment.</param>
/// <param name="CaseId">The case the mention was filed into, when known.</param>
public sealed record TrendObservation(
    string BrandId,
    DateTimeOffset At,
    string MentionId,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> Categories,
    Sentiment Sentiment,
    string? CaseId = null)
{
    /// <summary>Builds an observation from a classifier result (its key phrases and categories).</summary>
    public static TrendObservation FromClassification(string brandId, string mentionId, DateTimeOffset at, ClassificationResult result, string? caseId = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new TrendObservation(brandId, at, mentionId, result.KeyPhrases, result.Categories.Select(c => c.Category).ToList(), result.Sentiment, caseId);
    }

    /// <summary>Negative or mixed.</summary>
    public bool IsNegative => Sentiment is Sentiment.Negative or Sentiment.Mixed;
}
