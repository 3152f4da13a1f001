using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;

namespace SocialFirst.Azure.Language;

/// <summary>Result of PII redaction for one text.</summary>
/// <param name="Id">The request's id.</param>
/// <param name="RedactedText">The text with personal data masked. When Azure failed for this text, the regex redactor's output.</param>
/// <param name="Entities">The personal data found (offsets in UTF-16 units of the original text).</param>
/// <param name="Degraded">True when Azure could not redact this text and the regex fallback was used.</param>
/// <param name="Error">The service's error code when degraded.</param>
public sealed record PiiRedactionResult(string Id, string RedactedText, IReadOnlyList<DetectedEntity> Entities, bool Degraded = false, string? Error = null);

/// <summary>
/// <see cref="IMentionClassifier"/> on Azure AI Language: language detection first (so every later call carries the
/// detected language), then sentiment with opinion mining, key phrases and named entities, each batched by its own
/// document limit. Azure has no care categories: an optional category provider (the embedded classifier) adds them,
/// otherwise they stay empty and the cascade merges them.
/// <para>
/// Texts longer than <see cref="TextElements.MaxPerDocument"/> text elements are cut at a text-element boundary and
/// the cut is named in <c>Reasons</c> (the start of a social post carries the complaint; sending the whole text would
/// only earn an invalid-document error). A document error (empty text, unsupported language...) does not fail the
/// batch: that document's missing parts come from the category provider (or neutral/unknown) and it is marked
/// <c>Degraded</c> with the error code in <c>Reasons</c>. A request-level failure throws
/// <see cref="LanguageServiceException"/>; the cascade turns that into a degraded embedded result.
/// </para>
/// </summary>
public sealed partial class AzureLanguageClassifier : IMentionClassifier
{
    public const string EngineName = "azure";

    private static readonly JsonObject SentimentParameters = new() { ["opinionMining"] = true, ["stringIndexType"] = "Utf16CodeUnit" };
    private static readonly JsonObject EntityParameters = new() { ["stringIndexType"] = "Utf16CodeUnit" };
    private static readonly JsonObject PiiParameters = new() { ["domain"] = "none", ["stringIndexType"] = "Utf16CodeUnit" };

    private readonly LanguageRestClient _client;
    private readonly IMentionClassifier? _categoryProvider;
    private readonly ILogger<AzureLanguageClassifier> _logger;

    /// <param name="client">The REST client.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="categoryProvider">Optional classifier whose care categories (and, for failed documents, other parts) are merged in.</param>
    public AzureLanguageClassifier(LanguageRestClient client, ILogger<AzureLanguageClassifier> logger, IMentionClassifier? categoryProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
        _categoryProvider = categoryProvider;
    }

    public async Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        IReadOnlyList<ClassificationResult>? provided = null;
        if (_categoryProvider is not null)
        {
            provided = await _categoryProvider.ClassifyAsync(requests, cancellationToken);
            if (provided.Count != requests.Count)
            {
                throw new InvalidOperationException($"the category provider returned {provided.Count} results for {requests.Count} requests");
            }
        }

        // Document ids are the request positions: unique, short, and no customer identifiers leave the process.
        var states = new DocumentState[requests.Count];
        var documents = new List<AnalyzeDocument>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var state = states[i] = new DocumentState(requests[i]);
            if (string.IsNullOrWhiteSpace(requests[i].Text))
            {
                state.Fail("empty text (not sent)");
                continue;
            }

            var (text, total) = TextElements.Truncate(requests[i].Text);
            if (text.Length < requests[i].Text.Length)
            {
                state.Reasons.Add(new ClassificationReason(
                    string.Create(CultureInfo.InvariantCulture, $"truncated to {TextElements.MaxPerDocument} of {total} text elements"),
                    "azure:input",
                    0));
                Log.Truncated(_logger, requests[i].Id, total, TextElements.MaxPerDocument);
            }

            documents.Add(new AnalyzeDocument(i.ToString(CultureInfo.InvariantCulture), text));
        }

        if (documents.Count > 0)
        {
            await DetectLanguagesAsync(documents, states, cancellationToken);
            var withLanguage = documents
                .Select(d => d with { Language = LanguageTags.ToService(states[Index(d.Id)].Language) ?? LanguageTags.ToService(states[Index(d.Id)].Request.LanguageHint) })
                .ToList();
            await Task.WhenAll(
                AnalyseSentimentAsync(withLanguage, states, cancellationToken),
                ExtractKeyPhrasesAsync(withLanguage, states, cancellationToken),
                RecogniseEntitiesAsync(withLanguage, states, cancellationToken));
        }

        var results = new ClassificationResult[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            results[i] = states[i].ToResult(provided?[i]);
        }

        return results;
    }

    /// <summary>
    /// Masks personal data with PiiEntityRecognition (5 documents per request). Long texts are split at whitespace
    /// into pieces of at most 5,120 text elements and redacted piece by piece, so nothing is cut off. A text Azure
    /// cannot redact falls back to <see cref="RegexPiiRedactor"/> and is marked degraded.
    /// </summary>
    public async Task<IReadOnlyList<PiiRedactionResult>> RedactPiiAsync(IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var pieces = new List<(int Request, int Offset, AnalyzeDocument Document)>();
        for (var i = 0; i < requests.Count; i++)
        {
            var offset = 0;
            var parts = string.IsNullOrEmpty(requests[i].Text) ? [] : TextElements.Split(requests[i].Text);
            for (var p = 0; p < parts.Count; p++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"{i}.{p}");
                pieces.Add((i, offset, new AnalyzeDocument(id, parts[p], LanguageTags.ToService(requests[i].LanguageHint))));
                offset += parts[p].Length;
            }
        }

        var (documents, failures) = pieces.Count == 0
            ? ([], [])
            : await _client.AnalyzeAsync<PiiDocument>(LanguageRestClient.PiiEntityRecognition, pieces.Select(p => p.Document).ToList(), PiiParameters, cancellationToken);
        var byId = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var failed = failures.ToDictionary(f => f.Id, StringComparer.Ordinal);

        var results = new PiiRedactionResult[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var text = new System.Text.StringBuilder();
            var entities = new List<DetectedEntity>();
            string? error = null;
            foreach (var piece in pieces.Where(p => p.Request == i))
            {
                if (byId.TryGetValue(piece.Document.Id, out var document) && document.RedactedText is not null)
                {
                    text.Append(document.RedactedText);
                    entities.AddRange((document.Entities ?? []).Select(e => ToEntity(e, piece.Offset)));
                }
                else
                {
                    error ??= failed.TryGetValue(piece.Document.Id, out var failure) ? failure.Describe() : "missing from the response";
                    text.Append(RegexPiiRedactor.Redact(piece.Document.Text));
                }
            }

            results[i] = new PiiRedactionResult(requests[i].Id, text.ToString(), entities, error is not null, error);
        }

        return results;
    }

    private async Task DetectLanguagesAsync(List<AnalyzeDocument> documents, DocumentState[] states, CancellationToken cancellationToken)
    {
        var (detected, failures) = await _client.AnalyzeAsync<LanguageDetectionDocument>(LanguageRestClient.LanguageDetection, documents, null, cancellationToken);
        foreach (var document in detected)
        {
            if (TryState(states, document.Id) is not { } state || document.DetectedLanguage is not { } language)
            {
                continue;
            }

            state.Language = LanguageTags.FromDetected(language.Name, language.Iso6391Name, language.ScriptIso15924Code);
            state.LanguageConfidence = language.ConfidenceScore;
            state.Reasons.Add(new ClassificationReason("azure:language-detection", "language:" + state.Language, Math.Round(language.ConfidenceScore, 3)));
        }

        Fail(states, failures);
    }

    private async Task AnalyseSentimentAsync(List<AnalyzeDocument> documents, DocumentState[] states, CancellationToken cancellationToken)
    {
        var (analysed, failures) = await _client.AnalyzeAsync<SentimentDocument>(LanguageRestClient.SentimentAnalysis, documents, SentimentParameters, cancellationToken);
        foreach (var document in analysed)
        {
            if (TryState(states, document.Id) is not { } state || ParseSentiment(document.Sentiment) is not { } sentiment)
            {
                continue;
            }

            var c = document.ConfidenceScores ?? new ConfidenceWire(0, 1, 0);
            var sum = c.Positive + c.Neutral + c.Negative;
            state.Scores = sum > 0 ? new SentimentScores(c.Positive / sum, c.Neutral / sum, c.Negative / sum) : new SentimentScores(0, 1, 0);
            state.Sentiment = sentiment;
            state.Opinions = Opinions(document);
            state.Reasons.Add(new ClassificationReason("azure:sentiment " + document.Sentiment, "sentiment", Math.Round(LabelScore(sentiment, state.Scores), 3)));
        }

        Fail(states, failures);
    }

    private async Task ExtractKeyPhrasesAsync(List<AnalyzeDocument> documents, DocumentState[] states, CancellationToken cancellationToken)
    {
        var (extracted, failures) = await _client.AnalyzeAsync<KeyPhraseDocument>(LanguageRestClient.KeyPhraseExtraction, documents, null, cancellationToken);
        foreach (var document in extracted)
        {
            if (TryState(states, document.Id) is { } state)
            {
                state.KeyPhrases = document.KeyPhrases ?? [];
            }
        }

        Fail(states, failures);
    }

    private async Task RecogniseEntitiesAsync(List<AnalyzeDocument> documents, DocumentState[] states, CancellationToken cancellationToken)
    {
        var (recognised, failures) = await _client.AnalyzeAsync<EntitiesDocument>(LanguageRestClient.EntityRecognition, documents, EntityParameters, cancellationToken);
        foreach (var document in recognised)
        {
            if (TryState(states, document.Id) is { } state)
            {
                state.Entities = (document.Entities ?? []).Select(e => ToEntity(e, 0)).ToList();
            }
        }

        Fail(states, failures);
    }

    /// <summary>Aspect–opinion pairs: each target with the assessments its relations point to (<c>#/documents/0/sentences/1/assessments/0</c>).</summary>
    internal static IReadOnlyList<OpinionPair> Opinions(SentimentDocument document)
    {
        var pairs = new List<OpinionPair>();
        var sentences = document.Sentences ?? [];
        foreach (var sentence in sentences)
        {
            foreach (var target in sentence.Targets ?? [])
            {
                foreach (var relation in target.Relations ?? [])
                {
                    if (!string.Equals(relation.RelationType, "assessment", StringComparison.OrdinalIgnoreCase)
                        || ResolveAssessment(sentences, relation.Ref) is not { } assessment)
                    {
                        continue;
                    }

                    var sentiment = ParseSentiment(assessment.Sentiment) ?? ParseSentiment(target.Sentiment) ?? Sentiment.Neutral;
                    pairs.Add(new OpinionPair(target.Text ?? string.Empty, assessment.Text ?? string.Empty, sentiment));
                }
            }
        }

        return pairs;
    }

    private static AssessmentWire? ResolveAssessment(List<SentenceWire> sentences, string? reference)
    {
        // "#/documents/{d}/sentences/{s}/assessments/{a}": the document index is the response position; we only need s and a.
        var parts = (reference ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var s = Array.IndexOf(parts, "sentences");
        var a = Array.IndexOf(parts, "assessments");
        if (s < 0 || a < 0 || s + 1 >= parts.Length || a + 1 >= parts.Length
            || !int.TryParse(parts[s + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var sentence)
            || !int.TryParse(parts[a + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var assessment)
            || sentence >= sentences.Count)
        {
            return null;
        }

        var assessments = sentences[sentence].Assessments ?? [];
        return assessment < assessments.Count ? assessments[assessment] : null;
    }

    internal static Sentiment? ParseSentiment(string? value) => value?.ToLowerInvariant() switch
    {
        "positive" => Sentiment.Positive,
        "neutral" => Sentiment.Neutral,
        "negative" => Sentiment.Negative,
        "mixed" => Sentiment.Mixed,
        _ => null,
    };

    private static double LabelScore(Sentiment sentiment, SentimentScores scores) => sentiment switch
    {
        Sentiment.Positive => scores.Positive,
        Sentiment.Negative => scores.Negative,
        Sentiment.Neutral => scores.Neutral,
        _ => Math.Max(scores.Positive, scores.Negative),
    };

    private static DetectedEntity ToEntity(EntityWire e, int offset) =>
        new(e.Text ?? string.Empty, e.Subcategory is { Length: > 0 } sub ? e.Category + "/" + sub : e.Category ?? string.Empty, e.Offset + offset, e.Length, e.ConfidenceScore);

    private static int Index(string id) => int.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture);

    private static DocumentState? TryState(DocumentState[] states, string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < states.Length ? states[i] : null;

    private static void Fail(DocumentState[] states, List<DocumentFailure> failures)
    {
        foreach (var failure in failures)
        {
            TryState(states, failure.Id)?.Fail(failure.Kind + " " + failure.Describe());
        }
    }

    /// <summary>What we learnt about one document so far. The three analyses run concurrently on different fields.</summary>
    private sealed class DocumentState(ClassificationRequest request)
    {
        private readonly Lock _gate = new();

        public ClassificationRequest Request { get; } = request;

        public string? Language { get; set; }

        public double LanguageConfidence { get; set; } = 1;

        public Sentiment? Sentiment { get; set; }

        public SentimentScores? Scores { get; set; }

        public IReadOnlyList<OpinionPair> Opinions { get; set; } = [];

        public IReadOnlyList<string>? KeyPhrases { get; set; }

        public IReadOnlyList<DetectedEntity>? Entities { get; set; }

        public List<ClassificationReason> Reasons { get; } = [];

        public List<string> Errors { get; } = [];

        public void Fail(string error)
        {
            lock (_gate)
            {
                Errors.Add(error);
            }
        }

        public ClassificationResult ToResult(ClassificationResult? provided)
        {
            var reasons = new List<ClassificationReason>();
            lock (_gate)
            {
                reasons.AddRange(Reasons);
                reasons.AddRange(Errors.Select(e => new ClassificationReason("azure error: " + e, "azure:degraded", 0)));
            }

            var sentimentKnown = Sentiment is not null && Scores is not null;
            var language = Language is { } detected && detected != LanguageTags.Unknown
                ? detected
                : provided?.Language ?? Language ?? LanguageTags.FromHint(Request.LanguageHint);
            var sentiment = sentimentKnown ? Sentiment!.Value : provided?.Sentiment ?? Core.Classification.Sentiment.Neutral;
            var scores = sentimentKnown ? Scores! : provided?.Scores ?? new SentimentScores(0, 1, 0);
            var certainty = sentimentKnown ? Math.Round(LanguageConfidence * LabelScore(sentiment, scores), 3) : provided?.Certainty ?? 0;
            if (provided is not null)
            {
                reasons.InsertRange(0, provided.Reasons.Where(r => r.Towards.StartsWith("category:", StringComparison.Ordinal) || r.Towards.StartsWith("signal:", StringComparison.Ordinal) || !sentimentKnown));
            }

            return new ClassificationResult
            {
                Id = Request.Id,
                Language = language,
                Sentiment = sentiment,
                Scores = scores,
                Categories = provided?.Categories ?? [],
                KeyPhrases = KeyPhrases ?? provided?.KeyPhrases ?? [],
                Entities = Entities ?? provided?.Entities ?? [],
                Opinions = Opinions,
                Reasons = reasons,
                Engine = EngineName,
                Degraded = Errors.Count > 0,
                Certainty = certainty,
            };
        }
    }

    private static partial class Log
    {
        [LoggerMessage(8211, LogLevel.Information, "Text {RequestId} has {TextElements} text elements; Azure AI Language gets the first {Limit}")]
        public static partial void Truncated(ILogger logger, string requestId, int textElements, int limit);
    }
}
