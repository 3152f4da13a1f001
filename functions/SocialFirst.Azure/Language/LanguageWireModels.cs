namespace SocialFirst.Azure.Language;

// Response shapes of analyze-text 2024-11-01 (spec analyzetext.json), only the fields we use. Property matching is
// case-insensitive (JsonSerializerDefaults.Web); unknown fields are ignored, so newer versions still parse.

/// <summary>A document sent for analysis.</summary>
internal sealed record AnalyzeDocument(string Id, string Text, string? Language = null);

/// <summary>A per-document error: that document failed, the others of the request did not.</summary>
internal sealed record DocumentFailure(string Id, string Kind, string? Code, string? InnerCode, string? Message)
{
    public string Describe() => InnerCode is null ? Code ?? "error" : (Code ?? "error") + "/" + InnerCode;
}

internal sealed record AnalyzeTextResponse<TDocument>(string? Kind, AnalyzeTextResults<TDocument>? Results);

internal sealed record AnalyzeTextResults<TDocument>(List<TDocument>? Documents, List<DocumentErrorWire>? Errors, string? ModelVersion);

internal sealed record DocumentErrorWire(string Id, ErrorWire? Error);

internal sealed record ErrorWire(string? Code, string? Message, ErrorWire? Innererror);

internal sealed record LanguageDetectionDocument(string Id, DetectedLanguageWire? DetectedLanguage);

internal sealed record DetectedLanguageWire(string? Name, string? Iso6391Name, double ConfidenceScore, string? ScriptName, string? ScriptIso15924Code);

internal sealed record SentimentDocument(string Id, string? Sentiment, ConfidenceWire? ConfidenceScores, List<SentenceWire>? Sentences);

internal sealed record ConfidenceWire(double Positive, double Neutral, double Negative);

internal sealed record SentenceWire(string? Text, string? Sentiment, List<TargetWire>? Targets, List<AssessmentWire>? Assessments);

internal sealed record TargetWire(string? Text, string? Sentiment, List<RelationWire>? Relations);

internal sealed record RelationWire(string? RelationType, string? Ref);

internal sealed record AssessmentWire(string? Text, string? Sentiment, bool IsNegated);

internal sealed record KeyPhraseDocument(string Id, List<string>? KeyPhrases);

internal sealed record EntitiesDocument(string Id, List<EntityWire>? Entities);

internal sealed record EntityWire(string? Text, string? Category, string? Subcategory, int Offset, int Length, double ConfidenceScore);

internal sealed record PiiDocument(string Id, string? RedactedText, List<EntityWire>? Entities);
