namespace SocialFirst.Core.Classification;

public enum Sentiment
{
    Positive,
    Neutral,
    Negative,
    Mixed,
}

/// <summary>Confidence for each polarity; the three add up to 1.</summary>
public sealed record SentimentScores(double Positive, double Neutral, double Negative);
