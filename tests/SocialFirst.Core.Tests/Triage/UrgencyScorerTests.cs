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
        Assert.DoesNotContain(assessment.Factors, f => f.Factor == "reach"); // 80 followers are below the reach floor (300)
        Assert.Equal("default-2", assessment.PolicyVersion);
    }

    [Theory]
    [InlineData(0, true, 1.0, "repeat contact stated in the text")]
    [InlineData(1, true, 1.0, "repeat contact stated in the text")]
    [InlineData(3, true, 1.0, "3 earlier contacts")]
    [InlineData(1, false, 0.3333, "1 earlier contacts")]
    public void Score_RepeatContact_OneFactorFromTheStrongerOfRecordedAndStated(int prior, bool stated, double strength, string detail)
    {
        var result = Result(Sentiment.Negative, 0.6, (CareCategory.ServiceFailure, 0.85));
        if (stated)
        {
            result = result with { Reasons = [new ClassificationReason("rule:en.service.repeat", ClassificationSignals.Towards(ClassificationSignals.RepeatContact), 1)] };
        }

        var assessment = UrgencyScorer.Score(new UrgencyInput(result, Followers: 50, PriorContacts: prior), UrgencyPolicy.Default);

        var factor = Assert.Single(assessment.Factors, f => f.Factor == "repeat_contact");
        Assert.Equal((strength, detail), (factor.Strength, factor.Detail));
        Assert.Equal(stated, assessment.Urgent);
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

    /// <summary>The labelling rules (data/devset/README.md) at the category confidences the rules give; docs/urgency.md, calibration.</summary>
    public static TheoryData<string, double, double, double, long?, bool> LabellingRules => new()
    {
        { "lone strongly negative service failure", 0.9, 0.55, 0, null, false },
        { "strongly negative service failure, 200 followers", 0.9, 0.55, 0, 200, false },
        { "strongly negative service failure, 1,000 followers", 0.9, 0.55, 0, 1_000, true },
        { "strongly negative repeat contact (service failure 0.85)", 0.9, 0.85, 0, null, true },
        { "moderately negative service failure, 36,000 followers", 0.6, 0.55, 0, 36_000, true },
        { "service failure and churn, no reach, no repeat contact", 0.85, 0.55, 0.55, null, false },
        { "mild grumble, 1,000,000 followers", 0.4, 0, 0, 1_000_000, false },
    };

    [Theory]
    [MemberData(nameof(LabellingRules))]
    public void Score_DefaultPolicy_FollowsLabellingRules(string name, double negative, double serviceFailure, double churn, long? followers, bool urgent)
    {
        var categories = new List<(string, double)>();
        if (serviceFailure > 0)
        {
            categories.Add((CareCategory.ServiceFailure, serviceFailure));
        }

        if (churn > 0)
        {
            categories.Add((CareCategory.Churn, churn));
        }

        var assessment = UrgencyScorer.Score(new UrgencyInput(Result(Sentiment.Negative, negative, [.. categories]), followers), UrgencyPolicy.Default);

        Assert.True(urgent == assessment.Urgent, $"{name}: {assessment.Decision}");
    }

    [Fact]
    public void Score_TwoMinorCategories_CountOnceByTheStrongest()
    {
        var input = new UrgencyInput(Result(Sentiment.Negative, 0.85, (CareCategory.ServiceFailure, 0.55), (CareCategory.Churn, 0.7)));

        var assessment = UrgencyScorer.Score(input, UrgencyPolicy.Default);

        var category = Assert.Single(assessment.Factors, f => f.Factor.StartsWith("category:", StringComparison.Ordinal));
        Assert.Equal("category:churn", category.Factor);
        Assert.Contains("counted once with service_failure", category.Detail, StringComparison.Ordinal);
        Assert.Equal(1 - assessment.Factors.Aggregate(1.0, (acc, f) => acc * (1 - f.Contribution)), assessment.Score, 3);
    }

    [Fact]
    public void Score_MinorCategoriesWithoutMaxCombination_EachAddATerm()
    {
        var policy = UrgencyPolicy.Default with { CombineMinorCategoriesByMax = false };
        var input = new UrgencyInput(Result(Sentiment.Negative, 0.85, (CareCategory.ServiceFailure, 0.55), (CareCategory.Churn, 0.7)));

        var assessment = UrgencyScorer.Score(input, policy);

        Assert.Equal(2, assessment.Factors.Count(f => f.Factor.StartsWith("category:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(300, 0.0)]
    [InlineData(1_000, 0.523)]
    [InlineData(3_000, 1.0)]
    [InlineData(1_000_000, 1.0)]
    public void Reach_DefaultCurve_RunsFromFloorToFull(long followers, double expected)
    {
        Assert.Equal(expected, UrgencyScorer.Reach(followers, UrgencyPolicy.Default), 3);
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
