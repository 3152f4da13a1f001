using System.Globalization;
using SocialFirst.Classification.Language;
using SocialFirst.Core.Classification;

namespace SocialFirst.Classification.Model;

/// <summary>
/// Combines the trained category model with the rules: a category a rule found stays exactly as the rule gave it
/// (explainable, authoritative); the model adds a category no rule found when its probability clears the category's
/// cross-validated threshold, with confidence <c>min(probability, <see cref="CategoryModel.ConfidenceCap"/>)</c> and a
/// reason such as <c>model: category security 0.91 (top features: "hacked", "password")</c>. Unknown-language texts
/// keep the rules alone.
/// </summary>
internal static class CategoryDecision
{
    [ThreadStatic]
    private static List<HashedFeature>? scratch;

    public static IReadOnlyList<CategoryMatch> Apply(CategoryModel model, MentionAnalysis analysis, HashSet<string> stopWords, List<ClassificationReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(reasons);
        if (analysis.Language.Language == LanguageIdentifier.Unknown || !model.Covers(analysis.Family))
        {
            return analysis.Categories;
        }

        var features = scratch ??= new List<HashedFeature>(128);
        CategoryModel.Hash(analysis.Normalized, analysis.Family, model.Buckets, features);
        Span<float> dense = stackalloc float[CategoryModel.DenseCount];
        CategoryModel.DenseFeatures(analysis, dense);
        Span<double> p = stackalloc double[CategoryModel.Count];
        model.Predict(analysis.Family, features, dense, p);

        List<CategoryMatch>? added = null;
        for (var k = 0; k < CategoryModel.Count; k++)
        {
            if (p[k] < model.Thresholds[k])
            {
                continue;
            }

            var category = CategoryModel.Categories[k];
            if (Contains(analysis.Categories, category))
            {
                continue;
            }

            var top = model.TopFeatures(analysis.Family, analysis.Normalized, features, k, stopWords);
            var cue = string.Create(CultureInfo.InvariantCulture, $"model: category {category} {p[k]:0.00}")
                + (top.Count == 0 ? string.Empty : " (top features: \"" + string.Join("\", \"", top) + "\")");
            reasons.Add(new ClassificationReason(cue, "category:" + category, Math.Round(p[k], 3)));
            added ??= new List<CategoryMatch>(analysis.Categories);
            added.Add(new CategoryMatch(category, Math.Round(Math.Min(p[k], CategoryModel.ConfidenceCap(category)), 4), top.Count == 0 ? ["model"] : top));
        }

        if (added is null)
        {
            return analysis.Categories;
        }

        return added
            .OrderByDescending(c => c.Confidence)
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
    }

    private static bool Contains(IReadOnlyList<CategoryMatch> categories, string category)
    {
        foreach (var c in categories)
        {
            if (string.Equals(c.Category, category, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
