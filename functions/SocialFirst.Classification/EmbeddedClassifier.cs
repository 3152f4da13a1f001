using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SocialFirst.Classification.Categories;
using SocialFirst.Classification.Language;
using SocialFirst.Classification.Model;
using SocialFirst.Classification.SentimentScoring;
using SocialFirst.Classification.Text;
using SocialFirst.Core.Classification;
using Polarity = SocialFirst.Core.Classification.Sentiment;

namespace SocialFirst.Classification;

/// <summary>
/// The default classifier: runs in process, needs no cloud. Language by character statistics, sentiment by
/// lexicon + rules (negation, intensity, contrast, sarcasm, emoji) combined with a small trained linear model per
/// language family (<see cref="Model.SentimentDecision"/>), care categories by versioned rule data plus a trained
/// one-vs-rest model that adds categories the rules missed (<see cref="Model.CategoryDecision"/>), key
/// phrases by n-grams or dictionary segmentation; every decision comes with its reasons. Thread-safe; load once
/// (register as a singleton). Low <see cref="ClassificationResult.Certainty"/> tells the cascade to ask Azure.
/// </summary>
public sealed class EmbeddedClassifier : IMentionClassifier
{
    public const string EngineName = "embedded";

    /// <summary>Promotional texts are neutral by convention: their polarity words count this much.</summary>
    internal const double SpamDamping = 0.2;

    private readonly ClassifierModel model;

    /// <summary>Creates the classifier with the shipped rules (data is loaded once per process and shared).</summary>
    public EmbeddedClassifier(ILogger<EmbeddedClassifier>? logger = null)
        : this(LoadDefault(logger ?? NullLogger<EmbeddedClassifier>.Instance))
    {
    }

    /// <summary>A classifier over the given data (tests and the trainer use a copy without or with another trained model).</summary>
    internal EmbeddedClassifier(ClassifierModel model)
    {
        this.model = model;
    }

    /// <summary>The versions of the rule files in use, for example "common:1.0.0;en:1.0.0+acme-3".</summary>
    public string RulesVersion => model.RulesVersion;

    /// <summary>
    /// A classifier with a brand's extra rules merged in: each set's <see cref="CategoryRuleSet.Language"/> picks the
    /// rules it joins ("en", "zh" for both Chinese scripts, "common" for every language); a rule with an existing id
    /// replaces ours. Lexicons are shared, so this is cheap.
    /// </summary>
    public EmbeddedClassifier WithRules(params IReadOnlyList<CategoryRuleSet> brandRules)
    {
        ArgumentNullException.ThrowIfNull(brandRules);
        return new EmbeddedClassifier(model.WithRules(brandRules));
    }

    public Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new ClassificationResult[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = Classify(requests[i]);
        }

        return Task.FromResult<IReadOnlyList<ClassificationResult>>(results);
    }

    /// <summary>Classifies one text synchronously (pure and deterministic).</summary>
    public ClassificationResult Classify(ClassificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Text ?? string.Empty;
        var reasons = new List<ClassificationReason>(16);
        var analysis = Analyze(model, text, request.LanguageHint, reasons);
        var lexicon = analysis.Language.Language == LanguageIdentifier.Unknown ? model.UnknownLexicon : model.Lexicons[analysis.Family];
        var sentiment = model.Sentiment is { } trained ? SentimentDecision.Apply(trained, analysis, lexicon.StopWords, reasons) : analysis.Lexicon;
        var categories = model.Categories is { } trainedCategories ? CategoryDecision.Apply(trainedCategories, analysis, lexicon.StopWords, reasons) : analysis.Categories;
        var keyPhrases = model.KeyPhrases.Extract(text, analysis.Normalized, analysis.Family, lexicon.StopWords);

        return new ClassificationResult
        {
            Id = request.Id,
            Language = analysis.Language.Language,
            Sentiment = sentiment.Label,
            Scores = sentiment.Scores,
            Categories = categories,
            KeyPhrases = keyPhrases,
            Reasons = reasons,
            Engine = EngineName,
            Certainty = Certainty(analysis.Language, sentiment, text),
        };
    }

    /// <summary>The rule stages (language, categories, lexicon sentiment) of one text: what the trained model builds on.</summary>
    internal static MentionAnalysis Analyze(ClassifierModel model, string text, string? languageHint, List<ClassificationReason> reasons)
    {
        var plain = TextNormalizer.Normalize(text, foldTraditional: false);
        var language = model.Identifier.Identify(text, plain, languageHint);
        reasons.Add(new ClassificationReason(language.Evidence, "language:" + language.Language, language.Confidence));

        var family = ClassifierModel.FamilyOf(language.Language);
        var normalized = family == "zh" ? TextNormalizer.Normalize(text, foldTraditional: true) : plain;
        var lexicon = language.Language == LanguageIdentifier.Unknown ? model.UnknownLexicon : model.Lexicons[family];

        var priors = new List<SentimentPrior>();
        var detector = language.Language == LanguageIdentifier.Unknown ? ClassifierModel.UnknownDetector : family;
        var categories = model.Detectors[detector].Detect(text, normalized, priors, reasons);
        var spam = categories.Any(c => c.Category == CareCategory.Spam && c.Confidence >= SentimentDecision.SpamConfidence);
        var sentiment = SentimentAnalyzer.Analyze(normalized, lexicon, priors, reasons, spam ? SpamDamping : 1.0);
        return new MentionAnalysis(language, family, normalized, categories, priors, spam, sentiment);
    }

    /// <summary>
    /// How sure we are: the language confidence times the strength of the winning sentiment score; Mixed and
    /// sarcasm are inherently unsure, long texts with no cue at all are suspicious, and "unknown" caps it at 0.3.
    /// </summary>
    private static double Certainty(LanguageGuess language, SentimentOutcome sentiment, string text)
    {
        var label = sentiment.Label switch
        {
            Polarity.Positive => sentiment.Scores.Positive,
            Polarity.Negative => sentiment.Scores.Negative,
            Polarity.Neutral => sentiment.Scores.Neutral,
            _ => 0.5,
        };
        var certainty = language.Confidence * (0.3 + (0.7 * label));
        if (sentiment.Sarcasm)
        {
            certainty *= 0.8;
        }

        if (sentiment.Cues == 0 && text.Length > 60)
        {
            certainty *= 0.7;
        }

        if (language.Language == LanguageIdentifier.Unknown)
        {
            certainty = Math.Min(certainty, 0.3);
        }

        return Math.Round(Math.Clamp(certainty, 0, 1), 3);
    }

    private static ClassifierModel LoadDefault(ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        var model = ClassifierModel.Default;
        Log.ModelReady(logger, model.RulesVersion, model.Detectors.Values.Sum(d => d.RuleCount), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return model;
    }
}
