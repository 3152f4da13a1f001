namespace SocialFirst.Core.Classification;

/// <summary>One text to classify.</summary>
public sealed record ClassificationRequest(string Id, string Text, string? LanguageHint = null, string? Platform = null);

/// <summary>A care category with its confidence and the cues that matched.</summary>
public sealed record CategoryMatch(string Category, double Confidence, IReadOnlyList<string> Cues);

/// <summary>
/// Why the classifier decided what it did: the cue it saw (a word, an emoji, a rule id), what it counted towards
/// (for example "sentiment" or "category:safety") and its weight. Agents read these.
/// </summary>
public sealed record ClassificationReason(string Cue, string Towards, double Weight);

/// <summary>An entity found in the text (person, product, organisation, location...).</summary>
public sealed record DetectedEntity(string Text, string Category, int Offset, int Length, double Confidence);

/// <summary>An aspect and what was said about it ("cap" — "sharp"), from opinion mining.</summary>
public sealed record OpinionPair(string Target, string Assessment, Sentiment Sentiment);

/// <summary>Everything we know about a text after classification.</summary>
public sealed record ClassificationResult
{
    public required string Id { get; init; }

    /// <summary>BCP-47 tag (en, zh-Hans, zh-Hant, es, de, fr, sl, ja) or "unknown".</summary>
    public required string Language { get; init; }

    public required Sentiment Sentiment { get; init; }

    public required SentimentScores Scores { get; init; }

    public IReadOnlyList<CategoryMatch> Categories { get; init; } = [];

    public IReadOnlyList<string> KeyPhrases { get; init; } = [];

    public IReadOnlyList<DetectedEntity> Entities { get; init; } = [];

    public IReadOnlyList<OpinionPair> Opinions { get; init; } = [];

    public IReadOnlyList<ClassificationReason> Reasons { get; init; } = [];

    /// <summary>Which engine produced it: "embedded", "azure" or "cascade".</summary>
    public string Engine { get; init; } = "embedded";

    /// <summary>True when the preferred engine failed and a fallback answered.</summary>
    public bool Degraded { get; init; }

    /// <summary>How sure the engine is overall, 0..1; the cascade asks Azure when this is low.</summary>
    public double Certainty { get; init; } = 1.0;

    public bool HasCategory(string category) => Categories.Any(c => c.Category == category);
}
