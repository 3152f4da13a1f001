using System.Text.Json;
using System.Text.Json.Serialization;
using SocialFirst.Core.Classification;

namespace SocialFirst.Classification.Categories;

/// <summary>
/// One care-category rule. It fires when at least one <see cref="Any"/> term is present (if any are listed), every
/// group in <see cref="All"/> has at least one term present (co-occurrence: a cap + "cut" + "blood"), and no
/// <see cref="Not"/> term is present. Terms are matched case- and accent-insensitively; a trailing <c>*</c> is a
/// prefix (<c>refund*</c>). Special terms: <c>$url</c>, <c>$question</c>, <c>$mention</c>, <c>$hashtags</c> (three or more).
/// </summary>
public sealed record CategoryRule
{
    /// <summary>Stable id, shown in reasons (for example <c>en.safety.cap-cut</c>). A brand rule with the same id replaces ours.</summary>
    public required string Id { get; init; }

    /// <summary>A <see cref="CareCategory"/> value.</summary>
    public required string Category { get; init; }

    /// <summary>Confidence this rule gives its category when it fires, 0..1; several rules combine as a noisy-OR.</summary>
    public double Weight { get; init; } = 0.8;

    public IReadOnlyList<string> Any { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<string>> All { get; init; } = [];

    public IReadOnlyList<string> Not { get; init; } = [];

    /// <summary>Sentiment evidence the rule adds when it fires (−5..+5; a safety report is negative without a negative word).</summary>
    public double Sentiment { get; init; }

    /// <summary>Optional <see cref="ClassificationSignals"/> name the rule also reports when it fires (<c>repeat_contact</c>).</summary>
    public string? Signal { get; init; }
}

/// <summary>A versioned set of category rules for one language ("en", "zh" for both Chinese scripts, "common" for all).</summary>
public sealed record CategoryRuleSet
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public required string Version { get; init; }

    public required string Language { get; init; }

    public IReadOnlyList<CategoryRule> Rules { get; init; } = [];

    /// <summary>Parses and validates a rule file (see docs/classifier.md for the format).</summary>
    /// <exception cref="FormatException">The JSON is invalid, or a rule names an unknown category or matches nothing.</exception>
    public static CategoryRuleSet Parse(string json)
    {
        CategoryRuleSet? set;
        try
        {
            set = JsonSerializer.Deserialize<CategoryRuleSet>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException("Invalid category rule JSON: " + ex.Message, ex);
        }

        if (set is null)
        {
            throw new FormatException("Empty category rule file.");
        }

        foreach (var rule in set.Rules)
        {
            if (!CareCategory.All.Contains(rule.Category))
            {
                throw new FormatException($"Rule '{rule.Id}' names unknown category '{rule.Category}'.");
            }

            if (rule.Any.Count == 0 && rule.All.Count == 0)
            {
                throw new FormatException($"Rule '{rule.Id}' has neither 'any' nor 'all' terms.");
            }

            if (rule.Signal is not null && !ClassificationSignals.All.Contains(rule.Signal))
            {
                throw new FormatException($"Rule '{rule.Id}' names unknown signal '{rule.Signal}'.");
            }

            if (rule.Weight is <= 0 or > 1)
            {
                throw new FormatException($"Rule '{rule.Id}' has weight {rule.Weight}; it must be in (0, 1].");
            }
        }

        return set;
    }

    /// <summary>Our rules plus a brand's: a brand rule with an existing id replaces it, new ids are added.</summary>
    public CategoryRuleSet Merge(CategoryRuleSet extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var byId = new Dictionary<string, CategoryRule>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var rule in Rules.Concat(extra.Rules))
        {
            if (!byId.ContainsKey(rule.Id))
            {
                order.Add(rule.Id);
            }

            byId[rule.Id] = rule;
        }

        return this with
        {
            Version = Version + "+" + extra.Version,
            Rules = order.Select(id => byId[id]).ToList(),
        };
    }

    [JsonIgnore]
    internal int Count => Rules.Count;
}
