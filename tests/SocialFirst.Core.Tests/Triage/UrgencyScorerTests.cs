using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;

namespace SocialFirst.Core.Tests.Triage;

public class UrgencyScorerTests
{
    private static ClassificationResult Result(Sentiment sentiment, double negative, params (string Category, double Confidence)[] categories) => new()
    {
        Id = "1",
        Language = "en",
        Sentiment = sentiment,
        Scores = new SentimentScores(Math.Max(0, 1 - negative - 0.1), 0.1, negative),
        Categories = categories.Select(c => new CategoryMatch(c.Category, c.Confidence, ["cue"])).ToList(),
    };

    [Fact]
    public void Score_SafetyComplaintFromSmallAccount_IsUrgentAndSaysWhy()
    {
        var input = new UrgencyInput(Result(Sentiment.Negative, 0.8, (CareCategory.Safety, 0.9)), Followers: 80);

        var assessment = UrgencyScorer.Score(input, UrgencyPolicy.Default);

        Assert.True(assessment.Urgent);
        Assert.Contains("safety", assessment.Decision, StringComparison.Ordinal);
        Assert.Equal("category:safety", assessment.Factors[0].Factor);
        Assert.Contains(assessment.Factors, f => f.Factor == "reach" && f.Strength is > 0.3 and < 0.33);
        Assert.Equal("default-1", assessment.PolicyVersion);
    }

    [Fact]
    public void Score_Praise_IsNotUrgent()
    {
        var input = new UrgencyInput(Result(Sentiment.Positive, 0.02, (CareCategory.Praise, 0.9)), Followers: 1_000_000);

        var assessment = UrgencyScorer.Score(input, UrgencyPolicy.Default);

        Assert.False(assessment.Urgent);
        Assert.True(assessment.Score < UrgencyPolicy.Default.Threshold);
    }

    [Fact]
    public void Score_SeveralModerateFactors_AddUpToUrgent()
    {
        var input = new UrgencyInput(
            Result(Sentiment.Negative, 0.9, (CareCategory.ServiceFailure, 0.8)),
            Followers: 5_000,
            PriorContacts: 2);

        var assessment = UrgencyScorer.Score(input, UrgencyPolicy.Default);

        Assert.True(assessment.Urgent, assessment.Decision);
        Assert.InRange(assessment.Score, 0.6, 1.0);
        var expected = 1 - assessment.Factors.Aggregate(1.0, (acc, f) => acc * (1 - f.Contribution));
        Assert.Equal(expected, assessment.Score, 3);
    }

    [Fact]
    public void Score_SpamEvenIfNegative_IsNotUrgent()
    {
        var input = new UrgencyInput(Result(Sentiment.Negative, 0.95, (CareCategory.Spam, 0.9), (CareCategory.ServiceFailure, 0.9)), PriorContacts: 5);

        var assessment = UrgencyScorer.Score(input, UrgencyPolicy.Default);

        Assert.False(assessment.Urgent);
        Assert.Contains("spam", assessment.Decision, StringComparison.Ordinal);
    }
}
