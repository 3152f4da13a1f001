using SocialFirst.Classification.Model;
using SocialFirst.Core.Classification;

namespace SocialFirst.Classification.Tests.Model;

public class SentimentModelTests
{
    private static readonly SentimentTrainerOptions SmallGrid = new()
    {
        Folds = 3,
        Buckets = 1 << 12,
        Epochs = [10],
        L2 = [1e-4],
        BalanceClasses = [true],
        AuxiliaryWeights = [0],
        DevWeights = [1],
        LearningRates = [0.2],
    };

    // Invented words, so the lexicon knows none of them and only the trained weights can tell the classes apart.
    private static readonly string[] Good = ["zorbly", "flimtastic", "quexful", "brindy"];
    private static readonly string[] Bad = ["grottish", "plonkered", "vashed", "snorbled"];
    private static readonly string[] Plain = ["ticket", "number", "store", "hours"];

    /// <summary>Hard cases in every language, classified with the shipped model: negation, contrast ⇒ mixed, sarcasm.</summary>
    public static TheoryData<string, string, Sentiment> HardCases => new()
    {
        { "Not bad at all, the courier was even early", "en", Sentiment.Positive },
        { "The staff were lovely but the room was filthy", "en", Sentiment.Mixed },
        { "Oh great, another outage. Thanks for nothing 🙄", "en", Sentiment.Negative },
        { "No está nada mal, el pedido llegó antes de tiempo", "es", Sentiment.Positive },
        { "La comida estaba buenísima, pero el envío fue lentísimo", "es", Sentiment.Mixed },
        { "Gracias por nada, otra vez sin servicio 🙄", "es", Sentiment.Negative },
        { "Gar nicht schlecht, die Lieferung kam sogar früher", "de", Sentiment.Positive },
        { "Das Essen war super, aber die Lieferung hat ewig gedauert", "de", Sentiment.Mixed },
        { "Danke für nichts, schon wieder kein Internet 🙄", "de", Sentiment.Negative },
        { "Pas mal du tout, livraison rapide et soignée", "fr", Sentiment.Positive },
        { "Le produit est génial mais la livraison était vraiment lente", "fr", Sentiment.Mixed },
        { "Merci pour rien, encore une panne 🙄", "fr", Sentiment.Negative },
        { "Ni slabo, paket je prišel celo prej", "sl", Sentiment.Positive },
        { "Hrana je bila odlična, ampak dostava je bila zelo počasna", "sl", Sentiment.Mixed },
        { "Hvala za nič, spet ni interneta 🙄", "sl", Sentiment.Negative },
        { "不是很满意，客服也不回复", "zh-Hans", Sentiment.Negative },
        { "东西很好，但是物流太慢了", "zh-Hans", Sentiment.Mixed },
        { "呵呵，又坏了，真是太棒了", "zh-Hans", Sentiment.Negative },
        { "東西很好，但是物流太慢了", "zh-Hant", Sentiment.Mixed },
        { "呵呵，又當機了，真是太棒了", "zh-Hant", Sentiment.Negative },
        { "全然嬉しくない、また壊れた", "ja", Sentiment.Negative },
        { "味は最高だけど、配達が遅すぎる", "ja", Sentiment.Mixed },
        { "はいはい、また遅延ですね🙄", "ja", Sentiment.Negative },
    };

    [Theory]
    [MemberData(nameof(HardCases))]
    public void Classify_HardCaseWithShippedModel_StillRight(string text, string language, Sentiment expected)
    {
        var result = new EmbeddedClassifier().Classify(new ClassificationRequest("h", text, LanguageHint: language));

        Assert.Equal(expected, result.Sentiment);
    }

    [Fact]
    public void Train_SyntheticSet_LearnsTheInventedWords()
    {
        var report = SentimentTrainer.Train(Featurize(Synthetic()), SmallGrid);
        var classifier = new EmbeddedClassifier(ClassifierModel.Default.WithSentimentModel(report.Model));

        Assert.Equal(Sentiment.Positive, Classify(classifier, "the parcel was zorbly and quexful").Sentiment);
        Assert.Equal(Sentiment.Negative, Classify(classifier, "the parcel was grottish and vashed").Sentiment);
        Assert.True(report.Scores[0].ModelMacroF1 > report.Scores[0].LexiconMacroF1, "cross-validation should show the model beating the lexicon on invented words");
    }

    [Fact]
    public void Train_SameData_ByteIdenticalModel()
    {
        var rows = Featurize(Synthetic());

        var first = SentimentTrainer.Train(rows, SmallGrid).Model.Serialize();
        var second = SentimentTrainer.Train(Featurize(Synthetic()), SmallGrid).Model.Serialize();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Serialize_RoundTrip_SamePredictions()
    {
        var model = SentimentTrainer.Train(Featurize(Synthetic()), SmallGrid).Model;
        var copy = SentimentModel.Deserialize(model.Serialize());
        var a = new EmbeddedClassifier(ClassifierModel.Default.WithSentimentModel(model));
        var b = new EmbeddedClassifier(ClassifierModel.Default.WithSentimentModel(copy));

        foreach (var text in new[] { "zorbly service", "vashed again", "store hours please" })
        {
            Assert.Equal(Classify(a, text).Scores, Classify(b, text).Scores);
        }
    }

    [Fact]
    public void Deserialize_NotAModel_Throws()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write([1, 2, 3, 4, 5, 6, 7, 8]);
        }

        Assert.Throws<InvalidDataException>(() => SentimentModel.Deserialize(buffer.ToArray()));
    }

    [Fact]
    public void Default_ShippedModel_IsLoadedAndExplains()
    {
        var model = ClassifierModel.Default.Sentiment;

        Assert.NotNull(model);
        Assert.Contains("en", model.Families);
        var result = new EmbeddedClassifier().Classify(new ClassificationRequest("1", "Still waiting for my refund, nobody answers"));
        var reason = Assert.Single(result.Reasons, r => r.Towards == "sentiment:model");
        Assert.StartsWith("model negative", reason.Cue, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_Spam_StaysNeutralWhateverTheModel()
    {
        // A model that always says "negative" loudly: the spam convention must still win.
        var weights = new FamilyWeights(1 << 12);
        weights.Dense[(0 * SentimentModel.Classes) + 2] = 50;
        var loud = new SentimentModel("test", 1 << 12, new Dictionary<string, FamilyWeights> { ["en"] = weights });
        var classifier = new EmbeddedClassifier(ClassifierModel.Default.WithSentimentModel(loud));

        var spam = Classify(classifier, "Click here to win a free iPhone!!! Follow and DM for promo code www.bit.ly/free");
        var complaint = Classify(classifier, "What time does the Leeds store open on Sunday?");

        Assert.Equal(Sentiment.Neutral, spam.Sentiment);
        Assert.Equal(Sentiment.Negative, complaint.Sentiment);
    }

    [Fact]
    public void Choose_CriticalCategoryWithNegativeLexicon_KeepsNegative()
    {
        double[] positive = [0.9, 0.05, 0.03, 0.02];

        Assert.Equal((Sentiment.Negative, true), SentimentDecision.Choose(positive, Sentiment.Negative, spam: false, critical: true));
        Assert.Equal((Sentiment.Positive, false), SentimentDecision.Choose(positive, Sentiment.Negative, spam: false, critical: false));
    }

    [Fact]
    public void Hash_SameText_SameBucketsAndBigrams()
    {
        var a = new List<HashedFeature>();
        var b = new List<HashedFeature>();

        SentimentFeatures.Hash("still waiting, never again", "en", 1 << 16, a);
        SentimentFeatures.Hash("still waiting, never again", "en", 1 << 16, b);
        var zh = new List<HashedFeature>();
        SentimentFeatures.Hash("太慢了", "zh", 1 << 16, zh);

        Assert.Equal(a, b);
        Assert.Contains(a, f => SentimentFeatures.Describe("still waiting, never again", f) == "still waiting");
        Assert.DoesNotContain(a, f => SentimentFeatures.Describe("still waiting, never again", f) == "waiting, never");
        Assert.Equal(6, zh.Count); // 3 unigrams, 2 bigrams, 1 trigram
    }

    private static ClassificationResult Classify(EmbeddedClassifier classifier, string text) =>
        classifier.Classify(new ClassificationRequest("t", text, LanguageHint: "en"));

    private static IReadOnlyList<FeaturizedExample> Featurize(IEnumerable<TrainingExample> examples) =>
        SentimentTrainer.Featurize(ClassifierModel.Default.WithSentimentModel(null), examples, SmallGrid.Buckets);

    private static List<TrainingExample> Synthetic()
    {
        var rows = new List<TrainingExample>();
        for (var i = 0; i < 60; i++)
        {
            var noun = Plain[i % Plain.Length];
            rows.Add(new TrainingExample($"the {noun} was {Good[i % Good.Length]} today", "en", Sentiment.Positive, "social"));
            rows.Add(new TrainingExample($"the {noun} was {Bad[i % Bad.Length]} today", "en", Sentiment.Negative, "social"));
            rows.Add(new TrainingExample($"the {noun} is on the {Plain[(i + 1) % Plain.Length]}", "en", Sentiment.Neutral, "social"));
        }

        return rows;
    }
}
