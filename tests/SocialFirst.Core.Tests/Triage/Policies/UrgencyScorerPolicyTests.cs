using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Core.Tests.Triage.Policies;

/// <summary>The scoring factors and decisions that come from a brand's policy document.</summary>
public class UrgencyScorerPolicyTests
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 1, 11, 0, 0, TimeSpan.Zero); // 12:00 in Ljubljana
    private static readonly DateTimeOffset Midnight = new(2025, 3, 1, 23, 0, 0, TimeSpan.Zero); // 00:00 in Ljubljana

    private static UrgencyPolicy Policy(string body) =>
        UrgencyPolicyDocument.Parse("{ \"version\": \"t-1\"" + (body.Length > 0 ? ", " + body : string.Empty) + " }") is { IsValid: true } r
            ? r.Policy!
            : throw new InvalidOperationException("test policy invalid");

    private static ClassificationResult Neutral(string language = "en", params (string Category, double Confidence)[] categories) => new()
    {
        Id = "1",
        Language = language,
        Sentiment = Sentiment.Neutral,
        Scores = new SentimentScores(0.1, 0.8, 0.1),
        Categories = categories.Select(c => new CategoryMatch(c.Category, c.Confidence, ["cue"])).ToList(),
    };

    private static ClassificationResult Angry() => new()
    {
        Id = "1",
        Language = "en",
        Sentiment = Sentiment.Negative,
        Scores = new SentimentScores(0.02, 0.08, 0.9),
        Categories = [new CategoryMatch(CareCategory.ServiceFailure, 0.9, ["broken"])],
    };

    [Fact]
    public void Score_VipAuthorByKey_AddsVipFactor()
    {
        var policy = Policy("""
            "vip": { "authors": ["x:42"] }
            """);

        var assessment = UrgencyScorer.Score(new UrgencyInput(Neutral(), AuthorKey: "X:42"), policy);

        var vip = Assert.Single(assessment.Factors, f => f.Factor == "vip");
        Assert.Equal(0.5, vip.Contribution);
        Assert.Contains("x:42", vip.Detail, StringComparison.Ordinal);
        Assert.False(assessment.Urgent);
    }

    [Fact]
    public void Score_VipAlwaysEscalatesByHandle_IsUrgentWhateverTheScore()
    {
        var policy = Policy("""
            "vip": { "authors": ["@BigFan"], "alwaysEscalate": true }, "weights": { "vip": 0 }
            """);

        var assessment = UrgencyScorer.Score(new UrgencyInput(Neutral(), AuthorKey: "x:1", AuthorHandle: "bigfan"), policy);

        Assert.True(assessment.Urgent);
        Assert.Equal("urgent: VIP author always escalates", assessment.Decision);
    }

    [Fact]
    public void Score_NotVip_NoVipFactor()
    {
        var policy = Policy("""
            "vip": { "authors": ["@bigfan"], "alwaysEscalate": true }
            """);

        var assessment = UrgencyScorer.Score(new UrgencyInput(Neutral(), AuthorKey: "x:1", AuthorHandle: "bigfan2"), policy);

        Assert.DoesNotContain(assessment.Factors, f => f.Factor == "vip");
        Assert.False(assessment.Urgent);
    }

    [Fact]
    public void Score_WatchedKeywordAndAuthor_AddTwoFactors()
    {
        var policy = Policy("""
            "watchList": { "keywords": ["class action", "journalist"], "authors": ["@watchdog"] }, "weights": { "watchList": 0.4 }
            """);

        var assessment = UrgencyScorer.Score(
            new UrgencyInput(Neutral(), AuthorHandle: "@Watchdog", Text: "We are preparing a Class Action."),
            policy);

        Assert.Equal(0.4, Assert.Single(assessment.Factors, f => f.Factor == "watch:author").Contribution);
        var keyword = Assert.Single(assessment.Factors, f => f.Factor == "watch:keyword");
        Assert.Equal("watched: 'class action'", keyword.Detail);
        Assert.Equal(0.64, assessment.Score);
    }

    [Fact]
    public void Score_KeywordRuleInLanguage_AddsRuleFactorAndItsCategoryOverride()
    {
        var policy = Policy("""
            "keywordRules": { "en": [ { "id": "recall", "phrase": "recall", "weight": 0.3, "category": "safety" } ] }
            """);

        var assessment = UrgencyScorer.Score(new UrgencyInput(Neutral(), Text: "Any recall on kettles?"), policy);

        var rule = Assert.Single(assessment.Factors, f => f.Factor == "rule:recall");
        Assert.Equal(0.3, rule.Contribution);
        Assert.Equal("'recall' (en), category safety", rule.Detail);
        Assert.True(assessment.Urgent);
        Assert.Equal("urgent: rule recall (category safety) always escalates", assessment.Decision);
    }

    [Theory]
    [InlineData("de", "Gibt es einen Rückruf?", true)]
    [InlineData("en", "Gibt es einen Rückruf?", false)] // the rule is for German only
    [InlineData("zh-Hans", "这个产品召回了吗", true)] // "zh" covers zh-Hans, no word boundary in Chinese
    [InlineData("de", "Rückrufe bitte", false)] // whole words only
    public void Score_KeywordRulePerLanguage_MatchesOnlyItsLanguage(string language, string text, bool expected)
    {
        var policy = Policy("""
            "keywordRules": {
              "de": [ { "id": "rueckruf", "phrase": "Rückruf", "weight": 0.5 } ],
              "zh": [ { "id": "zh-recall", "phrase": "召回", "weight": 0.5 } ]
            }
            """);

        var assessment = UrgencyScorer.Score(new UrgencyInput(Neutral(language), Text: text), policy);

        Assert.Equal(expected, assessment.Factors.Any(f => f.Factor.StartsWith("rule:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Score_RuleWithNeverEscalateCategory_IsNotUrgent()
    {
        var policy = Policy("""
            "threshold": 0.1, "keywordRules": { "*": [ { "id": "promo", "regex": "free\\s+crypto", "weight": 0.9, "category": "spam" } ] }
            """);

        var assessment = UrgencyScorer.Score(new UrgencyInput(Angry(), Text: "FREE crypto here"), policy);

        Assert.False(assessment.Urgent);
        Assert.Equal("not urgent: rule promo (category spam) never escalates", assessment.Decision);
    }

    [Fact]
    public void Score_UrgentDuringQuietHours_IsDeferredUntilWindowEnd()
    {
        var policy = Policy("""
            "quietHours": { "timeZone": "Europe/Ljubljana", "from": "22:00", "to": "07:00" }
            """);

        var assessment = UrgencyScorer.Score(new UrgencyInput(Angry(), Followers: 5000, PriorContacts: 2, At: Midnight), policy);

        Assert.False(assessment.Urgent);
        Assert.StartsWith("deferred until 07:00 Europe/Ljubljana (quiet hours 22:00–07:00 Europe/Ljubljana): score ", assessment.Decision, StringComparison.Ordinal);
        Assert.True(assessment.Score >= policy.Threshold);
    }

    [Fact]
    public void Score_UrgentOutsideQuietHours_IsUrgent()
    {
        var policy = Policy("""
            "quietHours": { "timeZone": "Europe/Ljubljana", "from": "22:00", "to": "07:00" }
            """);

        var assessment = UrgencyScorer.Score(new UrgencyInput(Angry(), Followers: 5000, PriorContacts: 2, At: Noon), policy);

        Assert.True(assessment.Urgent);
    }

    [Fact]
    public void Score_AlwaysEscalateCategoryDuringQuietHours_IsNotDeferred()
    {
        var policy = Policy("""
            "quietHours": { "timeZone": "Europe/Ljubljana", "from": "22:00", "to": "07:00" }
            """);

        var assessment = UrgencyScorer.Score(new UrgencyInput(Neutral("en", (CareCategory.Safety, 0.9)), At: Midnight), policy);

        Assert.True(assessment.Urgent);
        Assert.Equal("urgent: category safety always escalates", assessment.Decision);
    }

    [Fact]
    public void Score_DefaultPolicyWithNewInputs_UnchangedScore()
    {
        var plain = UrgencyScorer.Score(new UrgencyInput(Angry(), Followers: 300), UrgencyPolicy.Default);

        var rich = UrgencyScorer.Score(
            new UrgencyInput(Angry(), Followers: 300, AuthorKey: "x:1", AuthorHandle: "someone", Text: "recall class action", At: Midnight),
            UrgencyPolicy.Default);

        Assert.Equal(plain, rich with { Factors = plain.Factors });
        Assert.Equal(plain.Factors, rich.Factors);
    }
}
