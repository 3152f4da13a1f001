using SocialFirst.Classification.Model;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;

namespace SocialFirst.Classification.Tests.Model;

public class CategoryModelTests
{
    private static readonly CategoryTrainerOptions SmallGrid = new()
    {
        Folds = 3,
        Buckets = 1 << 12,
        Epochs = [10],
        L2 = [1e-3],
        LearningRates = [0.5],
        Balance = [0.5],
        MinAdded = 2,
    };

    // Invented words: no rule knows them, so only the trained model can find the category.
    private static readonly string[] Stolen = ["zorbgrab", "quexlift", "brindsnatch"];
    private static readonly string[] Fillers = ["ticket", "parcel", "store", "app", "order", "screen"];

    /// <summary>Account takeover, SIM swap and phishing, in every language: security, always urgent.</summary>
    public static TheoryData<string, string> SecurityCases => new()
    {
        { "Somebody got into my account last night and changed my password, I am locked out", "en" },
        { "A stranger logged into my account and ordered two laptops with my card", "en" },
        { "Alguien entró en mi cuenta y cambió la contraseña, ya no puedo acceder", "es" },
        { "Jemand hat sich in meinen Account eingeloggt und auf meine Kosten bestellt", "de" },
        { "Quelqu'un s'est connecté à mon compte et a passé une commande à mon nom", "fr" },
        { "Nekdo je vdrl v moj račun in spremenil geslo", "sl" },
        { "有人登录了我的账号，还改了绑定手机", "zh-Hans" },
        { "有人登入我的帳號，還改了綁定手機", "zh-Hant" },
        { "銀行を名乗るSMSのリンクからパスワードを入力してしまいました", "ja" },
    };

    /// <summary>Leaving for a competitor, in every language: churn.</summary>
    public static TheoryData<string, string> ChurnCases => new()
    {
        { "Three outages this month. I'm switching provider as soon as my contract ends", "en" },
        { "Cierro mi cuenta este mes y me voy a otro banco", "es" },
        { "Nächsten Monat wechsle ich den Anbieter, das reicht", "de" },
        { "Si ça continue je change de banque, point final", "fr" },
        { "Naslednji mesec zamenjam banko, dovolj je", "sl" },
        { "套餐到期就携号转网，不续了", "zh-Hans" },
        { "合約到期就攜碼轉台，不續約了", "zh-Hant" },
        { "手数料が上がるので他行に移します", "ja" },
    };

    /// <summary>Repeat contact in every language: a service failure with the repeat weight, urgent when strongly negative.</summary>
    public static TheoryData<string, string> RepeatContactCases => new()
    {
        { "This is the fourth time I'm writing to support about the same broken router. Useless and awful.", "en" },
        { "Es la cuarta llamada a atención al cliente por la misma avería. Pésimo servicio, estoy harta.", "es" },
        { "Zum vierten Mal rufe ich bei der Hotline wegen derselben Störung an. Furchtbar, unfassbar schlecht.", "de" },
        { "Cinquième appel au service client pour la même panne. Nul, inadmissible.", "fr" },
        { "Že četrtič kličem podporo zaradi iste okvare. Grozno, nesprejemljivo.", "sl" },
        { "这是第三次找客服了，同一个问题还是没解决，太差劲了，气死了", "zh-Hans" },
        { "這是第三次找客服了，同一個問題還是沒解決，太差勁了，氣死了", "zh-Hant" },
        { "同じ故障で問い合わせるのはこれで3回目です。最悪、ひどすぎる。", "ja" },
    };

    /// <summary>Praise in every language: never urgent.</summary>
    public static TheoryData<string, string> PraiseCases => new()
    {
        { "Huge thanks to the support team, they sorted my issue in ten minutes. Brilliant service!", "en" },
        { "Muchas gracias al equipo, me lo solucionaron enseguida. ¡Excelente servicio!", "es" },
        { "Vielen Dank an den Kundenservice, super schnell und sehr freundlich!", "de" },
        { "Merci beaucoup au service client, rapide et très sympa. Excellent !", "fr" },
        { "Hvala ekipi za hitro pomoč, odlična storitev!", "sl" },
        { "客服小姐姐太棒了，十分钟就帮我解决了，点赞！", "zh-Hans" },
        { "客服超棒，十分鐘就幫我解決了，大推！", "zh-Hant" },
        { "サポートの方がすぐに対応してくれました。本当にありがとうございます、最高です！", "ja" },
    };

    [Theory]
    [MemberData(nameof(SecurityCases))]
    public void Classify_AccountTakeoverOrPhishing_SecurityAndUrgent(string text, string language)
    {
        var result = Classify(text, language);

        Assert.Contains(result.Categories, c => c.Category == CareCategory.Security);
        Assert.True(Urgency(result, followers: 50).Urgent);
    }

    [Theory]
    [MemberData(nameof(ChurnCases))]
    public void Classify_LeavingForACompetitor_Churn(string text, string language)
    {
        var result = Classify(text, language);

        Assert.Contains(result.Categories, c => c.Category == CareCategory.Churn);
    }

    [Theory]
    [MemberData(nameof(RepeatContactCases))]
    public void Classify_RepeatContact_RepeatRuleAndUrgentWithoutReach(string text, string language)
    {
        var result = Classify(text, language);

        var repeat = Assert.Single(result.Categories, c => c.Category == CareCategory.ServiceFailure);
        Assert.True(repeat.Confidence >= 0.85, $"repeat contact should carry the repeat weight, got {repeat.Confidence}");
        Assert.Contains(result.Reasons, r => r.Cue.Contains(".service.repeat", StringComparison.Ordinal));
        Assert.True(Urgency(result, followers: 120).Urgent, Urgency(result, followers: 120).Decision);
    }

    [Theory]
    [MemberData(nameof(PraiseCases))]
    public void Classify_Praise_PraiseAndNeverUrgent(string text, string language)
    {
        var result = Classify(text, language);

        Assert.Contains(result.Categories, c => c.Category == CareCategory.Praise);
        Assert.False(Urgency(result, followers: 1_000_000).Urgent);
    }

    [Theory]
    [InlineData("this deal is killer, grabbed two already 🔥")]
    [InlineData("The new camera is sick, the night mode kills it")]
    [InlineData("I'm dying to try the new flavour")]
    public void Classify_SlangPraise_NoSafetyNotUrgent(string text)
    {
        var result = Classify(text, "en");

        Assert.DoesNotContain(result.Categories, c => c.Category is CareCategory.Safety or CareCategory.Security or CareCategory.Legal);
        Assert.False(Urgency(result, followers: 200).Urgent);
    }

    [Fact]
    public void Classify_SecondCallToSayThanks_NoRepeatContact()
    {
        var result = Classify("Second time calling today just to say thanks, the technician was great", "en");

        Assert.DoesNotContain(result.Reasons, r => r.Cue.Contains(".service.repeat", StringComparison.Ordinal));
        Assert.False(Urgency(result, followers: 200).Urgent);
    }

    [Fact]
    public void Default_ShippedCategoryModel_LoadsWithThresholdsForEveryCategory()
    {
        var model = ClassifierModel.Default.Categories;

        Assert.NotNull(model);
        Assert.Equal(CareCategory.All.Count, model.Thresholds.Count);
        Assert.Contains("en", model.Families);
        Assert.Contains("zh", model.Families);
        Assert.Contains(model.Thresholds, t => !double.IsPositiveInfinity(t));
    }

    [Fact]
    public void Train_InventedSecurityWord_ModelAddsCategoryWithReasonAndCappedConfidence()
    {
        var report = CategoryTrainer.Train(Featurize(Synthetic()), SmallGrid);
        var classifier = new EmbeddedClassifier(ClassifierModel.Default.WithCategoryModel(report.Model));

        var result = Classify(classifier, "my app account got zorbgrab overnight");
        var plain = Classify(classifier, "my app order is at the store");

        var security = Assert.Single(result.Categories, c => c.Category == CareCategory.Security);
        Assert.InRange(security.Confidence, 0.01, CategoryModel.ConfidenceCap(CareCategory.Security));
        var reason = Assert.Single(result.Reasons, r => r.Cue.StartsWith("model: category security", StringComparison.Ordinal));
        Assert.True(reason.Cue.Contains("zorbgrab", StringComparison.Ordinal), reason.Cue);
        Assert.Equal("category:security", reason.Towards);
        Assert.DoesNotContain(plain.Categories, c => c.Category == CareCategory.Security);
        Assert.False(double.IsPositiveInfinity(report.Model.Thresholds[CategoryModel.IndexOf(CareCategory.Security)]));
    }

    [Fact]
    public void Classify_RuleFired_RuleStaysAuthoritative()
    {
        // A model that says "praise" and "security" loudly for everything: a rule's category keeps the rule's confidence.
        var loud = LoudModel(CareCategory.Security, CareCategory.Praise);
        var classifier = new EmbeddedClassifier(ClassifierModel.Default.WithCategoryModel(loud));
        var rulesOnly = new EmbeddedClassifier(ClassifierModel.Default.WithCategoryModel(null));
        const string Text = "My account was hacked and someone changed my password";

        var withModel = Classify(classifier, Text);
        var withoutModel = Classify(rulesOnly, Text);

        var expected = withoutModel.Categories.Single(c => c.Category == CareCategory.Security);
        var actual = withModel.Categories.Single(c => c.Category == CareCategory.Security);
        Assert.Equal(expected.Confidence, actual.Confidence);
        Assert.Equal(expected.Cues, actual.Cues);
        Assert.DoesNotContain(withModel.Reasons, r => r.Cue.StartsWith("model: category security", StringComparison.Ordinal));
        Assert.Contains(withModel.Reasons, r => r.Cue.StartsWith("model: category praise", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_UnknownLanguage_RulesOnly()
    {
        var classifier = new EmbeddedClassifier(ClassifierModel.Default.WithCategoryModel(LoudModel(CareCategory.Praise)));

        var result = classifier.Classify(new ClassificationRequest("u", "🙂🙂🙂"));

        Assert.DoesNotContain(result.Categories, c => c.Category == CareCategory.Praise);
    }

    [Fact]
    public void Train_SameData_ByteIdenticalModel()
    {
        var first = CategoryTrainer.Train(Featurize(Synthetic()), SmallGrid).Model.Serialize();
        var second = CategoryTrainer.Train(Featurize(Synthetic()), SmallGrid).Model.Serialize();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Serialize_RoundTrip_SameCategories()
    {
        var model = CategoryTrainer.Train(Featurize(Synthetic()), SmallGrid).Model;
        var copy = CategoryModel.Deserialize(model.Serialize());
        var a = new EmbeddedClassifier(ClassifierModel.Default.WithCategoryModel(model));
        var b = new EmbeddedClassifier(ClassifierModel.Default.WithCategoryModel(copy));

        Assert.Equal(model.Thresholds, copy.Thresholds);
        foreach (var text in new[] { "my account got quexlift", "the store is open", "brindsnatch on my parcel app" })
        {
            Assert.Equal(Classify(a, text).Categories.Select(c => (c.Category, c.Confidence)), Classify(b, text).Categories.Select(c => (c.Category, c.Confidence)));
        }
    }

    [Fact]
    public void Deserialize_SentimentModelFile_Throws()
    {
        var sentiment = new SentimentModel("x", 1 << 12, new Dictionary<string, FamilyWeights> { ["en"] = new FamilyWeights(1 << 12) }).Serialize();

        Assert.Throws<InvalidDataException>(() => CategoryModel.Deserialize(sentiment));
    }

    [Fact]
    public void Hash_LatinWords_AddSharedStemsAcrossLanguages()
    {
        var en = new List<HashedFeature>();
        var es = new List<HashedFeature>();

        CategoryModel.Hash("hacked again", "en", 1 << 12, en);
        CategoryModel.Hash("cuenta hackeada", "es", 1 << 12, es);

        var enStem = Assert.Single(en, f => f.Bucket >= 1 << 12 && SentimentFeatures.Describe("hacked again", f) == "hack");
        var esStem = Assert.Single(es, f => f.Bucket >= 1 << 12 && SentimentFeatures.Describe("cuenta hackeada", f) == "hack");
        Assert.Equal(enStem.Bucket, esStem.Bucket);
    }

    private static UrgencyAssessment Urgency(ClassificationResult result, long followers) =>
        UrgencyScorer.Score(new UrgencyInput(result, followers), UrgencyPolicy.Default);

    private static ClassificationResult Classify(string text, string language) =>
        new EmbeddedClassifier().Classify(new ClassificationRequest("t", text, LanguageHint: language));

    private static ClassificationResult Classify(EmbeddedClassifier classifier, string text) =>
        classifier.Classify(new ClassificationRequest("t", text, LanguageHint: "en"));

    private static CategoryModel LoudModel(params string[] categories)
    {
        var dense = new float[CategoryModel.DenseCount * CategoryModel.Count];
        foreach (var c in categories)
        {
            dense[CategoryModel.IndexOf(c)] = 20; // the bias feature (dense 0) times a large weight
        }

        var families = ClassifierModel.Families.ToDictionary(f => f, _ => new CategoryWeights(1 << 12));
        return new CategoryModel("loud", 1 << 12, families, dense, Enumerable.Repeat(0.5, CategoryModel.Count).ToList());
    }

    private static IReadOnlyList<FeaturizedCategoryRow> Featurize(IEnumerable<CategoryExample> examples) =>
        CategoryTrainer.Featurize(ClassifierModel.Default.WithCategoryModel(null), examples, SmallGrid.Buckets);

    private static List<CategoryExample> Synthetic()
    {
        var rows = new List<CategoryExample>();
        for (var i = 0; i < 60; i++)
        {
            var a = Fillers[i % Fillers.Length];
            var b = Fillers[(i + 2) % Fillers.Length];
            rows.Add(new CategoryExample($"my {a} account got {Stolen[i % Stolen.Length]} last night", "en", [CareCategory.Security], "social"));
            rows.Add(new CategoryExample($"my {a} account got renewed at the {b} today", "en", [], "social"));
            rows.Add(new CategoryExample($"the {b} account got my {a} on time", "en", [], "social"));
        }

        return rows;
    }
}
