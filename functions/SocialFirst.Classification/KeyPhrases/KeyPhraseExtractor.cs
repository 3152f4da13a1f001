using SocialFirst.Classification.Text;

namespace SocialFirst.Classification.KeyPhrases;

/// <summary>
/// Fast key phrases. Space-separated languages: runs of up to three content words (stop words, @handles and URLs
/// break a run). Chinese: forward maximum-match segmentation with the trimmed jieba dictionary, words ranked by
/// TF×IDF. Japanese: runs of katakana (loanwords, product names) and of kanji. Phrases come back in the original
/// spelling of the text.
/// </summary>
internal sealed class KeyPhraseExtractor
{
    public const int MaxPhrases = 5;

    private readonly ChineseDictionary? chinese;

    public KeyPhraseExtractor(ChineseDictionary? chinese)
    {
        this.chinese = chinese;
    }

    public IReadOnlyList<string> Extract(string original, string normalized, string family, HashSet<string> stopWords)
    {
        var candidates = new List<Candidate>(8);
        if (family == "zh")
        {
            ExtractChinese(original, normalized, stopWords, candidates);
        }
        else if (family == "ja")
        {
            ExtractJapanese(original, candidates);
        }

        ExtractSpaced(original, normalized, stopWords, candidates, family is "zh" or "ja");

        if (candidates.Count == 0)
        {
            return [];
        }

        var result = new List<string>(MaxPhrases);
        foreach (var c in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Start))
        {
            var phrase = original.Substring(c.Start, c.Length);
            if (!result.Exists(r => string.Equals(r, phrase, StringComparison.OrdinalIgnoreCase) || r.Contains(phrase, StringComparison.OrdinalIgnoreCase)))
            {
                result.Add(phrase);
                if (result.Count == MaxPhrases)
                {
                    break;
                }
            }
        }

        return result;
    }

    private static void ExtractSpaced(string original, string normalized, HashSet<string> stopWords, List<Candidate> candidates, bool latinInsideCjk)
    {
        var lookup = stopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var text = normalized.AsSpan();
        int runStart = -1, runEnd = -1, runWords = 0;
        var i = 0;
        while (i <= text.Length)
        {
            var atEnd = i == text.Length;
            if (!atEnd && !CharClass.IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (CharClass.IsWordChar(text[i]) || (text[i] is '\'' or '-' && i + 1 < text.Length && CharClass.IsWordChar(text[i + 1]) && i > start)))
            {
                i++;
            }

            var word = text[start..i];
            var gap = runEnd >= 0 ? text[runEnd..start] : [];
            var broken = atEnd || gap.ContainsAny(".,;:!?()[]\"/\n") || gap.Length > 2;
            var prefix = start > 0 ? text[start - 1] : ' ';
            var isUrl = word.StartsWith("http") || word.StartsWith("www") || (i < text.Length && text[i] == '.' && i + 1 < text.Length && CharClass.IsWordChar(text[i + 1]));
            var content = !atEnd && prefix != '@' && !isUrl && word.Length >= (latinInsideCjk ? 2 : 3) && !lookup.Contains(word) && !IsAllDigits(word);

            if (runStart >= 0 && (broken || !content || runWords == 3))
            {
                candidates.Add(new Candidate(runStart, runEnd - runStart, 1.0 + runWords + (latinInsideCjk ? 8 : 0)));
                runStart = -1;
                runWords = 0;
            }

            if (content)
            {
                if (runStart < 0)
                {
                    runStart = start;
                }

                runEnd = i;
                runWords++;
            }

            if (atEnd)
            {
                break;
            }
        }

        _ = original;
    }

    private void ExtractChinese(string original, string normalized, HashSet<string> stopWords, List<Candidate> candidates)
    {
        if (chinese is null)
        {
            return;
        }

        var stop = stopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var text = normalized.AsSpan();
        var tf = new Dictionary<string, (int Start, int Length, int Count, float Idf)>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            if (!CharClass.IsHan(text[i]))
            {
                i++;
                continue;
            }

            var runStart = i;
            while (i < text.Length && CharClass.IsHan(text[i]))
            {
                i++;
            }

            var run = text[runStart..i];
            var p = 0;
            while (p < run.Length)
            {
                var len = chinese.LongestWord(run, p);
                var word = run.Slice(p, len);
                if (len >= 2 && !stop.Contains(word) && chinese.Idf(word) is { } idf)
                {
                    var key = word.ToString();
                    tf[key] = tf.TryGetValue(key, out var e) ? e with { Count = e.Count + 1 } : (runStart + p, len, 1, idf);
                }

                p += len;
            }
        }

        foreach (var (_, e) in tf)
        {
            candidates.Add(new Candidate(e.Start, e.Length, e.Count * e.Idf));
        }

        _ = original;
    }

    private static void ExtractJapanese(string original, List<Candidate> candidates)
    {
        var i = 0;
        while (i < original.Length)
        {
            var c = original[i];
            var katakana = CharClass.IsKatakana(c);
            var han = CharClass.IsHan(c);
            if (!katakana && !han)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < original.Length && (katakana ? CharClass.IsKatakana(original[i]) || original[i] == 'ー' : CharClass.IsHan(original[i])))
            {
                i++;
            }

            var len = i - start;
            if (len >= 2)
            {
                candidates.Add(new Candidate(start, len, (katakana ? 10 : 8) + Math.Min(len, 6)));
            }
        }
    }

    private static bool IsAllDigits(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Candidate(int Start, int Length, double Score);
}
