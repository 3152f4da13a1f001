using System.Globalization;
using System.Text.Json;
using SocialFirst.Classification.Text;

namespace SocialFirst.Classification.SentimentScoring;

internal enum LexiconKind
{
    Word,
    Negator,
    PostNegator,
    Intensifier,
    Contrast,
    Sarcasm,
}

/// <summary>One lexicon entry: a polarity word (score −5..+5), a negator, an intensifier (multiplier), a contrast or a sarcasm marker.</summary>
internal sealed record LexiconEntry(string Term, LexiconKind Kind, double Value);

/// <summary>The sentiment lexicon of one language (plus the shared emoji list), loaded once from embedded JSON.</summary>
internal sealed class LanguageLexicon
{
    public LanguageLexicon(string language, string version, TermTrie<LexiconEntry> trie, HashSet<string> stopWords, IReadOnlyCollection<string> vocabulary, bool spaced)
    {
        Language = language;
        Version = version;
        Trie = trie;
        StopWords = stopWords;
        Vocabulary = vocabulary;
        Spaced = spaced;
    }

    public string Language { get; }

    public string Version { get; }

    public TermTrie<LexiconEntry> Trie { get; }

    /// <summary>Normalized stop words (for key phrases and language identification).</summary>
    public HashSet<string> StopWords { get; }

    /// <summary>Normalized single-word polarity terms (weak evidence for language identification).</summary>
    public IReadOnlyCollection<string> Vocabulary { get; }

    /// <summary>True for languages written with spaces between words.</summary>
    public bool Spaced { get; }

    /// <summary>
    /// Loads a language's lexicon. <paramref name="supplementJson"/> (optional, same format) adds words and negators
    /// on top, for example the small fallback list of other languages that "unknown" texts use with English.
    /// </summary>
    public static LanguageLexicon Load(string language, string json, string? emojiJson, string? afinn, string? supplementJson = null)
    {
        using var doc = JsonDocument.Parse(json);
        using var supplement = supplementJson is null ? null : JsonDocument.Parse(supplementJson);
        var root = doc.RootElement;
        var version = root.GetProperty("version").GetString() ?? "0";
        var spaced = language is not ("zh" or "ja");
        var foldChinese = language == "zh";
        var entries = new Dictionary<(string, LexiconKind), double>();
        var words = new Dictionary<string, double>(StringComparer.Ordinal);

        if (afinn is not null)
        {
            foreach (var line in afinn.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var tab = line.LastIndexOf('\t');
                if (tab > 0 && int.TryParse(line.AsSpan(tab + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var score))
                {
                    words[Norm(line[..tab], foldChinese)] = score;
                }
            }
        }

        if (root.TryGetProperty("words", out var w))
        {
            foreach (var p in w.EnumerateObject())
            {
                words[Norm(p.Name, foldChinese)] = p.Value.GetDouble();
            }
        }

        if (supplement is not null && supplement.RootElement.TryGetProperty("words", out var sw))
        {
            foreach (var p in sw.EnumerateObject())
            {
                words[Norm(p.Name, foldChinese)] = p.Value.GetDouble();
            }
        }

        // A 0 score stays in the trie as a blocker: it removes an AFINN word, or shields a neutral phrase
        // ("いいですか" is a question, not praise) from the shorter polarity word inside it.
        foreach (var (term, score) in words)
        {
            entries[(term, LexiconKind.Word)] = score;
        }

        AddList(root, "negators", LexiconKind.Negator, entries, foldChinese);
        if (supplement is not null)
        {
            AddList(supplement.RootElement, "negators", LexiconKind.Negator, entries, foldChinese);
        }

        AddList(root, "postNegators", LexiconKind.PostNegator, entries, foldChinese);
        AddList(root, "contrast", LexiconKind.Contrast, entries, foldChinese);
        AddMap(root, "intensifiers", LexiconKind.Intensifier, entries, foldChinese);
        AddMap(root, "sarcasm", LexiconKind.Sarcasm, entries, foldChinese);

        if (emojiJson is not null)
        {
            using var e = JsonDocument.Parse(emojiJson);
            AddMap(e.RootElement, "emoji", LexiconKind.Word, entries, false);
            AddMap(e.RootElement, "sarcasm", LexiconKind.Sarcasm, entries, false);
        }

        var markers = entries.Keys.Where(k => k.Item2 != LexiconKind.Word).Select(k => k.Item1).ToHashSet(StringComparer.Ordinal);
        var trie = new TermTrie<LexiconEntry>();
        foreach (var ((term, kind), value) in entries)
        {
            // A negator or marker wins over a polarity word with the same spelling ("no" is not a -1 word).
            if (kind == LexiconKind.Word && markers.Contains(term))
            {
                continue;
            }

            trie.Add(term, new LexiconEntry(term.TrimEnd('*'), kind, value));
        }

        var stop = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("stopwords", out var s))
        {
            foreach (var word in (s.GetString() ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                stop.Add(Norm(word, foldChinese));
            }
        }

        var vocabulary = words.Keys.Where(k => !k.Contains(' ', StringComparison.Ordinal) && !k.EndsWith('*')).ToArray();
        return new LanguageLexicon(language, version, trie, stop, vocabulary, spaced);
    }

    private static string Norm(string term, bool foldChinese) => TextNormalizer.Normalize(term.Trim(), foldChinese);

    private static void AddList(JsonElement root, string name, LexiconKind kind, Dictionary<(string, LexiconKind), double> entries, bool fold)
    {
        if (root.TryGetProperty(name, out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                entries[(Norm(item.GetString() ?? string.Empty, fold), kind)] = 1;
            }
        }
    }

    private static void AddMap(JsonElement root, string name, LexiconKind kind, Dictionary<(string, LexiconKind), double> entries, bool fold)
    {
        if (root.TryGetProperty(name, out var map))
        {
            foreach (var p in map.EnumerateObject())
            {
                entries[(Norm(p.Name, fold), kind)] = p.Value.GetDouble();
            }
        }
    }
}
