using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Core.Tests.Triage.Policies;

/// <summary>The reach curve and category combination settings of a policy document.</summary>
public class UrgencyPolicyDocumentReachTests
{
    private static UrgencyPolicy Policy(string body)
    {
        var result = UrgencyPolicyDocument.Parse("{ \"version\": \"t-1\", " + body + " }");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Policy!;
    }

    private static ClassificationResult Complaint(double negative, params (string Category, double Confidence)[] categories) => new()
    {
        Id = "1",
        Language = "en",
        Sentiment = Sentiment.Negative,
        Scores = new SentimentScores(0.05, 0.95 - negative, negative),
        Categories = categories.Select(c => new CategoryMatch(c.Category, c.Confidence, ["cue"])).ToList(),
    };

    [Fact]
    public void Parse_SettingsAbsent_KeepDefaults()
    {
        var p = UrgencyPolicyDocument.Parse("""{ "version": "v1", "threshold": 0.5 }""").Policy!;

        var d = UrgencyPolicy.Default;
        Assert.Equal((300.0, 3_000.0, true), (d.ReachFloorFollowers, d.ReachFullFollowers, d.CombineMinorCategoriesByMax));
        Assert.Equal(
            (d.ReachFloorFollowers, d.ReachFullFollowers, d.CombineMinorCategoriesByMax),
            (p.ReachFloorFollowers, p.ReachFullFollowers, p.CombineMinorCategoriesByMax));
    }

    [Fact]
    public void Parse_SettingsGiven_AreRead()
    {
        var p = Policy("""
            "reachFloorFollowers": 1000, "reachFullFollowers": 50000, "combineMinorCategoriesByMax": false
            """);

        Assert.Equal((1_000.0, 50_000.0, false), (p.ReachFloorFollowers, p.ReachFullFollowers, p.CombineMinorCategoriesByMax));
    }

    [Theory]
    [InlineData("\"reachFullFollowers\": 50000", 300, 50_000)]
    [InlineData("\"reachFloorFollowers\": 0", 0, 3_000)]
    [InlineData("\"reachFloorFollowers\": 2999", 2_999, 3_000)]
    public void Parse_OneEndGiven_OtherKeepsDefault(string body, double floor, double full)
    {
        var p = Policy(body);

        Assert.Equal((floor, full), (p.ReachFloorFollowers, p.ReachFullFollowers));
    }

    [Fact]
    public void Score_FullReachAt50000_FiveThousandFollowerComplaintIsNotUrgent()
    {
        var input = new UrgencyInput(Complaint(0.6, (CareCategory.ServiceFailure, 0.55)), Followers: 5_000);

        var byDefault = UrgencyScorer.Score(input, UrgencyPolicy.Default);
        var brand = UrgencyScorer.Score(input, Policy("\"reachFullFollowers\": 50000"));

        Assert.True(byDefault.Urgent);
        Assert.Equal(0.45, Assert.Single(byDefault.Factors, f => f.Factor == "reach").Contribution, 3);
        Assert.False(brand.Urgent);
        Assert.Equal(0.247, Assert.Single(brand.Factors, f => f.Factor == "reach").Contribution, 3);
        Assert.Equal(0.589, brand.Score, 3);
    }

    [Fact]
    public void Score_ReachFloorRaised_FollowersBelowFloorAddNoReach()
    {
        var input = new UrgencyInput(Complaint(0.6, (CareCategory.ServiceFailure, 0.55)), Followers: 1_000);

        var byDefault = UrgencyScorer.Score(input, UrgencyPolicy.Default);
        var brand = UrgencyScorer.Score(input, Policy("\"reachFloorFollowers\": 1000, \"reachFullFollowers\": 10000"));

        Assert.True(byDefault.Factors.Single(f => f.Factor == "reach").Contribution > 0.2);
        Assert.DoesNotContain(brand.Factors, f => f.Factor == "reach" && f.Contribution > 0);
        Assert.True(brand.Score < byDefault.Score);
    }

    [Fact]
    public void Score_CombineMinorCategoriesOff_ServiceFailurePlusChurnIsUrgent()
    {
        var input = new UrgencyInput(Complaint(0.85, (CareCategory.ServiceFailure, 0.55), (CareCategory.Churn, 0.55)));

        var byDefault = UrgencyScorer.Score(input, UrgencyPolicy.Default);
        var brand = UrgencyScorer.Score(input, Policy("\"combineMinorCategoriesByMax\": false"));

        Assert.False(byDefault.Urgent);
        Assert.Equal(0.552, byDefault.Score, 3);
        Assert.True(brand.Urgent);
        Assert.Equal(0.650, brand.Score, 3);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "\"reachFloorFollowers\": -1", "$.reachFloorFollowers: -1 is outside 0..1000000000" },
        { "\"reachFullFollowers\": 2e9", "$.reachFullFollowers: 2000000000 is outside 0..1000000000" },
        { "\"reachFullFollowers\": \"many\"", "$.reachFullFollowers: expected a number" },
        { "\"reachFloorFollowers\": 5000, \"reachFullFollowers\": 5000", "$.reachFloorFollowers: 5000 is not below $.reachFullFollowers (5000)" },
        { "\"reachFloorFollowers\": 5000, \"reachFullFollowers\": 1000", "$.reachFloorFollowers: 5000 is not below $.reachFullFollowers (1000)" },
        { "\"reachFloorFollowers\": 3000", "$.reachFloorFollowers: 3000 is not below the default reachFullFollowers (3000)" },
        { "\"reachFullFollowers\": 200", "$.reachFullFollowers: 200 is not above the default reachFloorFollowers (300)" },
        { "\"combineMinorCategoriesByMax\": \"yes\"", "$.combineMinorCategoriesByMax: expected true or false" },
        { "\"combineMinorCategoriesByMax\": 1", "$.combineMinorCategoriesByMax: expected true or false" },
        { "\"combineMinorCategoriesByMax\": true, \"combineMinorCategoriesByMax\": false", "$.combineMinorCategoriesByMax: repeated property" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_InvalidSetting_IsRefusedWithPathInMessage(string body, string expected)
    {
        var result = UrgencyPolicyDocument.Parse("{ \"version\": \"v\", " + body + " }");

        Assert.False(result.IsValid);
        Assert.Null(result.Policy);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_FollowersOutOfRange_ReportsOnlyTheRangeError()
    {
        var result = UrgencyPolicyDocument.Parse("""{ "version": "v", "reachFloorFollowers": -5, "reachFullFollowers": 100 }""");

        Assert.Equal("$.reachFloorFollowers: -5 is outside 0..1000000000", Assert.Single(result.Errors));
    }
}
