using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Core.Tests.Triage.Policies;

public class UrgencyPolicyDocumentTests
{
    internal const string Full = """
        {
          "version": "acme-2",
          "brand": "acme",
          "description": "test",
          "threshold": 0.55,
          "unansweredAgeFullHours": 12,
          "weights": { "sentiment": 0.4, "reach": 0.2, "repeatContact": 0.25, "unansweredAge": 0.35, "spike": 0.5, "vip": 0.6, "watchList": 0.35 },
          "categoryWeights": { "billing": 0.5 },
          "alwaysEscalate": ["safety", "legal"],
          "neverEscalate": ["spam", "praise"],
          "vip": { "authors": ["x:2244994945", "@Acme_Partner"], "alwaysEscalate": true },
          "watchList": { "keywords": ["class action"], "authors": ["@watchdog"] },
          "keywordRules": {
            "en": [ { "id": "recall", "phrase": "recall", "weight": 0.5, "category": "safety" },
                    { "id": "charged-twice", "regex": "charged\\s+twice", "weight": 0.45 } ],
            "*": [ { "id": "any", "phrase": "lawsuit", "weight": 0.3 } ]
          },
          "quietHours": { "timeZone": "Europe/Ljubljana", "from": "22:00", "to": "07:00" }
        }
        """;

    [Fact]
    public void Parse_FullDocument_ReadsEveryField()
    {
        var result = UrgencyPolicyDocument.Parse(Full);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var p = result.Policy!;
        Assert.Equal("acme", result.Brand);
        Assert.Equal("acme-2", p.Version);
        Assert.Equal(0.55, p.Threshold);
        Assert.Equal(12, p.UnansweredAgeFullHours);
        Assert.Equal((0.4, 0.2, 0.25, 0.35, 0.5, 0.6, 0.35), (p.SentimentWeight, p.ReachWeight, p.RepeatContactWeight, p.UnansweredAgeWeight, p.SpikeWeight, p.VipWeight, p.WatchListWeight));
        Assert.Equal(0.5, p.CategoryWeights[CareCategory.Billing]);
        Assert.Equal(0.95, p.CategoryWeights[CareCategory.Safety]);
        Assert.Equal(new HashSet<string> { "safety", "legal" }, p.AlwaysEscalate.ToHashSet());
        Assert.Equal(new HashSet<string> { "spam", "praise" }, p.NeverEscalate.ToHashSet());
        Assert.Equal(new HashSet<string> { "x:2244994945", "@acme_partner" }, p.Vip.ToHashSet());
        Assert.True(p.VipAlwaysEscalates);
        Assert.Equal("class action", Assert.Single(p.WatchKeywords).Source);
        Assert.Equal(["recall", "charged-twice", "any"], p.KeywordRules.Select(r => r.Id));
        Assert.Equal(["en", "en", "*"], p.KeywordRules.Select(r => r.Language));
        Assert.Equal("safety", p.KeywordRules[0].Category);
        Assert.True(p.KeywordRules[1].Pattern.IsRegex);
        Assert.Equal("Europe/Ljubljana", p.QuietHours!.TimeZone.Id);
        Assert.Equal((new TimeOnly(22, 0), new TimeOnly(7, 0)), (p.QuietHours.From, p.QuietHours.To));
    }

    [Fact]
    public void Parse_OnlyVersion_KeepsEveryDefault()
    {
        var result = UrgencyPolicyDocument.Parse("""{ "version": "v1" }""");

        Assert.True(result.IsValid);
        Assert.Equal(UrgencyPolicy.Default with { Version = "v1" }, result.Policy);
    }

    [Fact]
    public void Parse_RepositoryDefaultPolicy_EqualsBuiltInDefault()
    {
        var json = File.ReadAllText(Path.Combine(RepositoryRoot(), "policies", "default.json"));

        var p = UrgencyPolicyDocument.Parse(json).Policy!;

        var d = UrgencyPolicy.Default;
        Assert.Equal(d.Version, p.Version);
        Assert.Equal(
            (d.Threshold, d.SentimentWeight, d.ReachWeight, d.RepeatContactWeight, d.UnansweredAgeWeight, d.SpikeWeight, d.VipWeight, d.WatchListWeight, d.UnansweredAgeFullHours),
            (p.Threshold, p.SentimentWeight, p.ReachWeight, p.RepeatContactWeight, p.UnansweredAgeWeight, p.SpikeWeight, p.VipWeight, p.WatchListWeight, p.UnansweredAgeFullHours));
        Assert.Equal(
            (d.ReachFloorFollowers, d.ReachFullFollowers, d.CombineMinorCategoriesByMax),
            (p.ReachFloorFollowers, p.ReachFullFollowers, p.CombineMinorCategoriesByMax));
        Assert.Equal(d.CategoryWeights.OrderBy(k => k.Key), p.CategoryWeights.OrderBy(k => k.Key));
        Assert.Equal(d.AlwaysEscalate.Order(), p.AlwaysEscalate.Order());
        Assert.Equal(d.NeverEscalate.Order(), p.NeverEscalate.Order());
        Assert.Empty(p.Vip);
        Assert.Empty(p.KeywordRules);
        Assert.Null(p.QuietHours);
    }

    [Fact]
    public void Parse_RepositoryExamplePolicy_IsValid()
    {
        var json = File.ReadAllText(Path.Combine(RepositoryRoot(), "policies", "examples", "acme.json"));

        var result = UrgencyPolicyDocument.Parse(json);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("acme", result.Brand);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { """{ "threshold": 0.5 }""", "$.version: required" },
        { """{ "version": "" }""", "$.version: 1–64" },
        { """{ "version": 3 }""", "$.version: expected a string" },
        { """[1]""", "$: expected an object" },
        { """{ "version": "v", """, "$: not valid JSON" },
        { """{ "version": "v", "treshold": 0.5 }""", "$.treshold: unknown property" },
        { """{ "version": "v", "version": "w" }""", "$.version: repeated property" },
        { """{ "version": "v", "threshold": 1.5 }""", "$.threshold: 1.5 is outside 0..1" },
        { """{ "version": "v", "threshold": "high" }""", "$.threshold: expected a number" },
        { """{ "version": "v", "brand": "Acme Inc" }""", "$.brand: a brand id" },
        { """{ "version": "v", "weights": { "reach": -0.1 } }""", "$.weights.reach: -0.1 is outside 0..1" },
        { """{ "version": "v", "weights": { "followers": 0.1 } }""", "$.weights.followers: unknown property" },
        { """{ "version": "v", "categoryWeights": { "outage": 0.5 } }""", "$.categoryWeights.outage: unknown property" },
        { """{ "version": "v", "alwaysEscalate": ["safety", "outage"] }""", "$.alwaysEscalate[1]: unknown category 'outage'" },
        { """{ "version": "v", "alwaysEscalate": ["safety", "safety"] }""", "$.alwaysEscalate[1]: 'safety' is listed twice" },
        { """{ "version": "v", "neverEscalate": ["safety"] }""", "$.neverEscalate: 'safety' is also in $.alwaysEscalate" },
        { """{ "version": "v", "alwaysEscalate": "safety" }""", "$.alwaysEscalate: expected an array of strings" },
        { """{ "version": "v", "vip": { "authors": ["bob"] } }""", "$.vip.authors[0]: 'bob' is neither" },
        { """{ "version": "v", "vip": { "authors": [], "alwaysEscalate": "yes" } }""", "$.vip.alwaysEscalate: expected true or false" },
        { """{ "version": "v", "watchList": { "keywords": [" "] } }""", "$.watchList.keywords[0]: 1–200 characters" },
        { """{ "version": "v", "keywordRules": { "EN": [] } }""", "$.keywordRules.EN: a language" },
        { """{ "version": "v", "keywordRules": { "en": [ { "id": "a", "regex": "(unclosed", "weight": 0.5 } ] } }""", "$.keywordRules.en[0].regex: invalid regular expression" },
        { """{ "version": "v", "keywordRules": { "en": [ { "id": "a", "regex": "x*", "weight": 0.5 } ] } }""", "$.keywordRules.en[0].regex: matches the empty text" },
        { """{ "version": "v", "keywordRules": { "en": [ { "id": "a", "phrase": "x", "regex": "x", "weight": 0.5 } ] } }""", "$.keywordRules.en[0]: give exactly one" },
        { """{ "version": "v", "keywordRules": { "en": [ { "id": "a", "phrase": "x" } ] } }""", "$.keywordRules.en[0].weight: required" },
        { """{ "version": "v", "keywordRules": { "en": [ { "id": "a", "phrase": "x", "weight": 2 } ] } }""", "$.keywordRules.en[0].weight: 2 is outside 0..1" },
        { """{ "version": "v", "keywordRules": { "en": [ { "id": "a", "phrase": "x", "weight": 0.1, "category": "outage" } ] } }""", "$.keywordRules.en[0].category: unknown category 'outage'" },
        { """{ "version": "v", "keywordRules": { "en": [ { "id": "a", "phrase": "x", "weight": 0.1, "colour": "red" } ] } }""", "$.keywordRules.en[0].colour: unknown property" },
        { """{ "version": "v", "keywordRules": { "en": [ { "id": "a", "phrase": "x", "weight": 0.1 } ], "de": [ { "id": "a", "phrase": "y", "weight": 0.1 } ] } }""", "$.keywordRules.de[0].id: 'a' is already used at $.keywordRules.en[0]" },
        { """{ "version": "v", "keywordRules": { "en": [ { "id": "Bad Id", "phrase": "x", "weight": 0.1 } ] } }""", "$.keywordRules.en[0].id: 1–40" },
        { """{ "version": "v", "quietHours": { "timeZone": "Mars/Olympus", "from": "22:00", "to": "07:00" } }""", "$.quietHours.timeZone: unknown time zone 'Mars/Olympus'" },
        { """{ "version": "v", "quietHours": { "timeZone": "UTC", "from": "25:00", "to": "07:00" } }""", "$.quietHours.from: '25:00' is not a time" },
        { """{ "version": "v", "quietHours": { "timeZone": "UTC", "from": "07:00", "to": "07:00" } }""", "$.quietHours: \"from\" and \"to\" are equal" },
        { """{ "version": "v", "quietHours": { "timeZone": "UTC", "from": "22:00" } }""", "$.quietHours.to: required" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_InvalidDocument_IsRefusedWithPathInMessage(string json, string expected)
    {
        var result = UrgencyPolicyDocument.Parse(json);

        Assert.False(result.IsValid);
        Assert.Null(result.Policy);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEach()
    {
        var result = UrgencyPolicyDocument.Parse("""{ "version": "v", "threshold": 3, "weights": { "spike": 9 }, "extra": 1 }""");

        Assert.Equal(3, result.Errors.Count);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SocialFirstFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
