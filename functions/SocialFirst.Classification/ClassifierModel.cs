using System.Text.Json;
using SocialFirst.Classification.Categories;
using SocialFirst.Classification.KeyPhrases;
using SocialFirst.Classification.Language;
using SocialFirst.Classification.Model;
using SocialFirst.Classification.SentimentScoring;

namespace SocialFirst.Classification;

/// <summary>
/// Everything the embedded classifier loads, once: lexicons and rule sets per language family (en, es, de, fr, sl,
/// ja, zh — zh serves both scripts), the language profiles and the Chinese dictionary. Immutable after construction.
/// </summary>
internal sealed class ClassifierModel
{
    /// <summary>Language families with their own lexicon and rule file.</summary>
    public static readonly IReadOnlyList<string> Families = ["en", "es", "de", "fr", "sl", "ja", "zh"];

    /// <summary>The detector for "unknown" texts: common + English rules + <c>rules/other.json</c> (critical cues in it, pt, nl, tr, ru, ko).</summary>
    public const string UnknownDetector = "unknown";

    /// <summary>Rule key of <c>rules/other.json</c>; used only by the <see cref="UnknownDetector"/>.</summary>
    public const string OtherRules = "other";

    private static readonly Lazy<ClassifierModel> DefaultModel = new(() => Load([]), LazyThreadSafetyMode.ExecutionAndPublication);

    private ClassifierModel(
        IReadOnlyDictionary<string, LanguageLexicon> lexicons,
        LanguageLexicon unknownLexicon,
        IReadOnlyDictionary<string, CategoryRuleSet> ruleSets,
        LanguageIdentifier identifier,
        KeyPhraseExtractor keyPhrases,
        SentimentModel? sentiment,
        CategoryModel? categories)
    {
        Sentiment = sentiment;
        Categories = categories;
        Lexicons = lexicons;
        UnknownLexicon = unknownLexicon;
        RuleSets = ruleSets;
        Identifier = identifier;
        KeyPhrases = keyPhrases;
        var detectors = Families.ToDictionary(f => f, f => new CategoryDetector(Compose(ruleSets, f), f == "zh"), StringComparer.Ordinal);
        detectors[UnknownDetector] = new CategoryDetector(ComposeUnknown(ruleSets), foldChinese: false);
        Detectors = detectors;
    }

    public static ClassifierModel Default => DefaultModel.Value;

    public IReadOnlyDictionary<string, LanguageLexicon> Lexicons { get; }

    /// <summary>For "unknown" texts: the English lexicon plus a small list of common words of other languages (Data/lexicon/other.json).</summary>
    public LanguageLexicon UnknownLexicon { get; }

    /// <summary>Rule sets by language key ("common" applies to every family).</summary>
    public IReadOnlyDictionary<string, CategoryRuleSet> RuleSets { get; }

    public IReadOnlyDictionary<string, CategoryDetector> Detectors { get; }

    public LanguageIdentifier Identifier { get; }

    public KeyPhraseExtractor KeyPhrases { get; }

    /// <summary>The trained sentiment model (Data/model/sentiment.bin), or null to use the lexicon alone.</summary>
    public SentimentModel? Sentiment { get; }

    /// <summary>The trained category model (Data/model/categories.bin), or null to use the rules alone.</summary>
    public CategoryModel? Categories { get; }

    /// <summary>The versions of every data file, for reasons and diagnostics ("en:1.0.0+brand-2").</summary>
    public string RulesVersion => string.Join(";", RuleSets.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key + ":" + r.Value.Version));

    /// <summary>Loads the shipped data; <paramref name="withTrainedModel"/> false leaves the trained sentiment and category models out (the trainers need the rule stages only, and must work while the shipped models are stale).</summary>
    public static ClassifierModel Load(IReadOnlyList<CategoryRuleSet> extraRules, bool withTrainedModel = true)
    {
        var emoji = ClassifierData.Read("lexicon/emoji.json");
        var lexicons = new Dictionary<string, LanguageLexicon>(StringComparer.Ordinal);
        foreach (var family in Families)
        {
            var afinn = family == "en" ? ClassifierData.Read("lexicon/AFINN-en-165.txt") : null;
            lexicons[family] = LanguageLexicon.Load(family, ClassifierData.Read($"lexicon/{family}.json"), emoji, afinn);
        }

        var rules = new Dictionary<string, CategoryRuleSet>(StringComparer.Ordinal)
        {
            ["common"] = CategoryRuleSet.Parse(ClassifierData.Read("rules/common.json")),
        };
        foreach (var family in Families)
        {
            rules[family] = CategoryRuleSet.Parse(ClassifierData.Read($"rules/{family}.json"));
        }

        rules[OtherRules] = CategoryRuleSet.Parse(ClassifierData.Read($"rules/{OtherRules}.json"));

        var unknown = LanguageLexicon.Load("en", ClassifierData.Read("lexicon/en.json"), emoji, ClassifierData.Read("lexicon/AFINN-en-165.txt"), ClassifierData.Read("lexicon/other.json"));
        var trained = withTrainedModel && ClassifierData.TryReadBytes("model/sentiment.bin") is { } bytes ? SentimentModel.Deserialize(bytes) : null;
        var categories = withTrainedModel && ClassifierData.TryReadBytes("model/categories.bin") is { } categoryBytes ? CategoryModel.Deserialize(categoryBytes) : null;
        var model = new ClassifierModel(lexicons, unknown, rules, BuildIdentifier(lexicons), new KeyPhraseExtractor(new ChineseDictionary(ClassifierData.Read("zh/words.tsv.gz"))), trained, categories);
        return extraRules.Count == 0 ? model : model.WithRules(extraRules);
    }

    /// <summary>A copy whose rule sets include the given extra (brand) rules; lexicons and dictionaries are shared.</summary>
    public ClassifierModel WithRules(IReadOnlyList<CategoryRuleSet> extraRules)
    {
        var rules = new Dictionary<string, CategoryRuleSet>(RuleSets, StringComparer.Ordinal);
        foreach (var extra in extraRules)
        {
            var key = FamilyOf(extra.Language);
            rules[key] = rules.TryGetValue(key, out var existing) ? existing.Merge(extra) : extra;
        }

        return new ClassifierModel(Lexicons, UnknownLexicon, rules, Identifier, KeyPhrases, Sentiment, Categories);
    }

    /// <summary>A copy with another trained sentiment model (null: lexicon and rules alone); everything else is shared.</summary>
    public ClassifierModel WithSentimentModel(SentimentModel? sentiment) =>
        new(Lexicons, UnknownLexicon, RuleSets, Identifier, KeyPhrases, sentiment, Categories);

    /// <summary>A copy with another trained category model (null: rules alone); everything else is shared.</summary>
    public ClassifierModel WithCategoryModel(CategoryModel? categories) =>
        new(Lexicons, UnknownLexicon, RuleSets, Identifier, KeyPhrases, Sentiment, categories);

    /// <summary>The lexicon/rule family of a language tag: zh-Hans and zh-Hant share "zh"; unknown uses English.</summary>
    public static string FamilyOf(string language) => language switch
    {
        "common" or "*" => "common",
        OtherRules => OtherRules,
        "zh-Hans" or "zh-Hant" or "zh" => "zh",
        "en" or "es" or "de" or "fr" or "sl" or "ja" => language,
        _ => "en",
    };

    private static CategoryRuleSet Compose(IReadOnlyDictionary<string, CategoryRuleSet> sets, string family) =>
        sets["common"].Merge(sets[family]) with { Language = family };

    private static CategoryRuleSet ComposeUnknown(IReadOnlyDictionary<string, CategoryRuleSet> sets) =>
        sets.TryGetValue(OtherRules, out var other)
            ? Compose(sets, "en").Merge(other) with { Language = UnknownDetector }
            : Compose(sets, "en") with { Language = UnknownDetector };

    /// <summary>Single words of a language's rule terms: weak language evidence ("livraison", "pedido").</summary>
    private static IEnumerable<string> RuleWords(string language)
    {
        var set = CategoryRuleSet.Parse(ClassifierData.Read($"rules/{language}.json"));
        return set.Rules
            .SelectMany(r => r.Any.Concat(r.All.SelectMany(g => g)))
            .Where(t => !t.StartsWith('$'))
            .SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => !w.EndsWith('*') && w.Length > 3)
            .Select(w => Text.TextNormalizer.Normalize(w, false))
            .Distinct(StringComparer.Ordinal);
    }

    private static LanguageIdentifier BuildIdentifier(Dictionary<string, LanguageLexicon> lexicons)
    {
        var profiles = new List<(string, IEnumerable<string>, IEnumerable<string>)>();
        string[] latin = ["en", "es", "de", "fr", "sl"];
        foreach (var l in latin)
        {
            profiles.Add((l, lexicons[l].StopWords, lexicons[l].Vocabulary.Concat(RuleWords(l))));
        }

        using var doc = JsonDocument.Parse(ClassifierData.Read("lexicon/langid-other.json"));
        foreach (var p in doc.RootElement.GetProperty("languages").EnumerateObject())
        {
            var stop = (p.Value.GetString() ?? string.Empty)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => Text.TextNormalizer.Normalize(w, false));
            profiles.Add((p.Name, stop, []));
        }

        return new LanguageIdentifier(profiles, latin.Length);
    }
}
