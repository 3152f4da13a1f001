using System.Globalization;

namespace SocialFirst.Classification.KeyPhrases;

/// <summary>
/// A trimmed jieba dictionary (Han words of 2–4 characters, frequency ≥ 50, with IDF; MIT, see
/// Data/THIRD-PARTY-NOTICES.md) for forward maximum-match segmentation of Simplified text (Traditional is folded first).
/// </summary>
internal sealed class ChineseDictionary
{
    public const int MaxWordLength = 4;

    private readonly Dictionary<string, float> idf;
    private readonly Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public ChineseDictionary(string tsv)
    {
        idf = new Dictionary<string, float>(50_000, StringComparer.Ordinal);
        foreach (var line in tsv.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            if (tab > 0 && float.TryParse(line[(tab + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                idf[line[..tab].ToString()] = v;
            }
        }

        lookup = idf.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => idf.Count;

    /// <summary>The IDF of a dictionary word, or null when the span is not a word.</summary>
    public float? Idf(ReadOnlySpan<char> word) => lookup.TryGetValue(word, out var v) ? v : null;

    /// <summary>Length of the longest dictionary word starting at <paramref name="start"/> (1 when none).</summary>
    public int LongestWord(ReadOnlySpan<char> run, int start)
    {
        var max = Math.Min(MaxWordLength, run.Length - start);
        for (var len = max; len >= 2; len--)
        {
            if (lookup.ContainsKey(run.Slice(start, len)))
            {
                return len;
            }
        }

        return 1;
    }
}
