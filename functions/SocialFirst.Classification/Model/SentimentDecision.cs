using System.Globalization;
using SocialFirst.Classification.Language;
using SocialFirst.Classification.SentimentScoring;
using SocialFirst.Core.Classification;
using Polarity = SocialFirst.Core.Classification.Sentiment;

namespace SocialFirst.Classification.Model;

/// <summary>What the rule stages saw in one text, before the trained model has its say.</summary>
internal sealed record MentionAnalysis(
    LanguageGuess Language,
    string Family,
    string Normalized,
    IReadOnlyList<CategoryMatch> Categories,
    IReadOnlyList<SentimentPrior> Priors,
    bool Spam,
    SentimentOutcome Lexicon);

/// <summary>
/// Combines the trained model with the lexicon outcome. The model sees the lexicon's evidence as features and
/// decides, except where the rules are authoritative: promotional texts stay neutral by convention (spam), and a
/// safety, security or legal report that the lexicon (with the rule's prior) reads as negative stays negative.
/// </summary>
internal static class SentimentDecision
{
    [ThreadStatic]
    private static List<HashedFeature>? scratch;

    /// <summary>Spam at least this sure keeps the lexicon's (damped, neutral) label.</summary>
    public const double SpamConfidence = 0.7;

    /// <summary>The final label from the model's probabilities, or the lexicon's where a rule is authoritative.</summary>
    public static (Polarity Label, bool RuleKept) Choose(ReadOnlySpan<double> probabilities, Polarity lexicon, bool spam, bool critical, bool negated = false)
    {
        if (spam || (critical && lexicon == Polarity.Negative))
        {
            return (lexicon, true);
        }

        var best = 0;
        for (var k = 1; k < probabilities.Length; k++)
        {
            if (probabilities[k] > probabilities[best])
            {
                best = k;
            }
        }

        // Negation scope is the lexicon's job (the n-grams cannot see it): when the lexicon flipped a word and the
        // model says the exact opposite polarity ("好きじゃない" read as 好き), the lexicon's reading stands.
        if (negated && ((lexicon == Polarity.Negative && best == (int)Polarity.Positive) || (lexicon == Polarity.Positive && best == (int)Polarity.Negative)))
        {
            return (lexicon, true);
        }

        return ((Polarity)best, false);
    }

    /// <summary>
    /// Runs the model on an analysed mention and returns the final outcome, adding a reason such as
    /// <c>model negative 0.82 (top features: "still waiting", "never")</c>. Unknown-language texts keep the lexicon.
    /// </summary>
    public static SentimentOutcome Apply(SentimentModel model, MentionAnalysis analysis, HashSet<string> stopWords, List<ClassificationReason> reasons)
    {
        var lexicon = analysis.Lexicon;
        if (analysis.Language.Language == LanguageIdentifier.Unknown || !model.Covers(analysis.Family))
        {
            return lexicon;
        }

        var features = scratch ??= new List<HashedFeature>(128);
        SentimentFeatures.Hash(analysis.Normalized, analysis.Family, model.Buckets, features);
        Span<float> dense = stackalloc float[SentimentFeatures.DenseCount];
        SentimentFeatures.Dense(lexicon, analysis.Categories, analysis.Priors, analysis.Normalized.Length, dense);
        Span<double> p = stackalloc double[SentimentModel.Classes];
        model.Predict(analysis.Family, features, dense, p);
        var (label, ruleKept) = Choose(p, lexicon.Label, analysis.Spam, IsCritical(analysis.Categories), lexicon.Negated);

        var top = model.TopFeatures(analysis.Family, analysis.Normalized, features, (int)label, stopWords);
        var cue = string.Create(CultureInfo.InvariantCulture, $"model {Name(label)} {p[(int)label]:0.00}")
            + (top.Count == 0 ? string.Empty : " (top features: \"" + string.Join("\", \"", top) + "\")")
            + (ruleKept ? "; rule kept the lexicon's " + Name(lexicon.Label) : string.Empty);
        reasons.Add(new ClassificationReason(cue, "sentiment:model", Math.Round(p[(int)label], 3)));

        if (label == lexicon.Label)
        {
            return lexicon;
        }

        // The model overrode the lexicon: scores follow the model (Mixed mass split between the two sides).
        var pos = Math.Round(p[0] + (p[3] / 2), 4);
        var neg = Math.Round(p[2] + (p[3] / 2), 4);
        var scores = new SentimentScores(pos, Math.Round(1 - pos - neg, 4), neg);
        return lexicon with { Label = label, Scores = scores };
    }

    /// <summary>True when a safety, security or legal rule fired with at least <see cref="SpamConfidence"/>.</summary>
    public static bool IsCritical(IReadOnlyList<CategoryMatch> categories)
    {
        foreach (var c in categories)
        {
            if (c.Confidence >= SpamConfidence && c.Category is CareCategory.Safety or CareCategory.Security or CareCategory.Legal)
            {
                return true;
            }
        }

        return false;
    }

    private static string Name(Polarity label) => label switch
    {
        Polarity.Positive => "positive",
        Polarity.Negative => "negative",
        Polarity.Mixed => "mixed",
        _ => "neutral",
    };
}
