using SocialFirst.Classification.SentimentScoring;
using SocialFirst.Classification.Text;
using SocialFirst.Core.Classification;
using Polarity = SocialFirst.Core.Classification.Sentiment;

namespace SocialFirst.Classification.Model;

/// <summary>One hashed feature of a text: its bucket and where it came from (for the model's reason).</summary>
internal readonly record struct HashedFeature(int Bucket, int Start, int End);

/// <summary>
/// Turns a normalized text and the lexicon's evidence into model features. Space-separated languages: word unigrams
/// and bigrams; Chinese and Japanese: character 1–3-grams of every CJK run (plus Latin words for code-switching);
/// emoji and symbols are single tokens everywhere; numbers become one "#" token. Hashing is our own FNV-1a, so the
/// same text gives the same buckets in every process (string.GetHashCode is randomised). The dense features carry
/// the lexicon's outcome (evidence totals, its label, negation, contrast, sarcasm, category priors).
/// </summary>
internal static class SentimentFeatures
{
    /// <summary>Dense feature names, in order (the model file stores their count and checks it).</summary>
    public static readonly IReadOnlyList<string> DenseNames =
    [
        "bias", "lex:positive", "lex:negative", "lex:net", "lex=positive", "lex=negative", "lex=neutral", "lex=mixed",
        "sarcasm", "contrast-opposed", "contrast", "negated", "no-cue", "spam", "prior:negative", "prior:positive",
        "question", "length",
    ];

    public static int DenseCount => DenseNames.Count;

    /// <summary>Collects the hashed features of <paramref name="normalized"/> into <paramref name="features"/> (cleared first).</summary>
    public static void Hash(string normalized, string family, int buckets, List<HashedFeature> features)
    {
        features.Clear();
        var seed = FamilySeed(family);
        var cjk = family is "zh" or "ja";
        var prev = 0u;
        var prevStart = -1;
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (CharClass.IsCjk(c))
            {
                var end = i;
                while (end < normalized.Length && CharClass.IsCjk(normalized[end]))
                {
                    end++;
                }

                if (cjk)
                {
                    for (var s = i; s < end; s++)
                    {
                        for (var n = 1; n <= 3 && s + n <= end; n++)
                        {
                            Add(features, Fnv(normalized.AsSpan(s, n), seed ^ (uint)(n * 0x01000193)), buckets, s, s + n);
                        }
                    }

                    prevStart = -1;
                }
                else
                {
                    // A CJK run inside a Latin text counts as one word.
                    AddWord(features, normalized.AsSpan(i, end - i), seed, buckets, i, end, ref prev, ref prevStart);
                }

                i = end;
            }
            else if (CharClass.IsWordChar(c))
            {
                var end = i;
                var digits = false;
                while (end < normalized.Length && (CharClass.IsWordChar(normalized[end]) || normalized[end] == '\''))
                {
                    digits |= char.IsDigit(normalized[end]);
                    end++;
                }

                var word = digits ? "#".AsSpan() : normalized.AsSpan(i, end - i);
                AddWord(features, word, seed, buckets, i, end, ref prev, ref prevStart);
                i = end;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else
            {
                // Punctuation and symbols: emoji and "!"/"?" are tokens; a clause break ends the bigram chain.
                var len = char.IsHighSurrogate(c) && i + 1 < normalized.Length ? 2 : 1;
                if (CharClass.IsClauseBreak(c) && c is not ('!' or '?'))
                {
                    prevStart = -1;
                }
                else if (!char.IsPunctuation(c) || c is '!' or '?')
                {
                    AddWord(features, normalized.AsSpan(i, len), seed, buckets, i, i + len, ref prev, ref prevStart);
                }

                i += len;
            }
        }
    }

    /// <summary>Fills <paramref name="dense"/> (length <see cref="DenseCount"/>) from the lexicon outcome and the categories.</summary>
    public static void Dense(SentimentOutcome lexicon, IReadOnlyList<CategoryMatch> categories, IReadOnlyList<SentimentPrior> priors, int length, Span<float> dense)
    {
        dense.Clear();
        dense[0] = 1;
        dense[1] = (float)Math.Log(1 + lexicon.Positive);
        dense[2] = (float)Math.Log(1 + lexicon.Negative);
        dense[3] = (float)Math.Tanh((lexicon.Positive - lexicon.Negative) / 2);
        dense[4 + LabelIndex(lexicon.Label)] = 1;
        dense[8] = lexicon.Sarcasm ? 1 : 0;
        dense[9] = lexicon.Opposed ? 1 : 0;
        dense[10] = lexicon.Contrast ? 1 : 0;
        dense[11] = lexicon.Negated ? 1 : 0;
        dense[12] = lexicon.Cues == 0 ? 1 : 0;
        foreach (var c in categories)
        {
            if (c.Category == CareCategory.Spam)
            {
                dense[13] = Math.Max(dense[13], (float)c.Confidence);
            }
            else if (c.Category == CareCategory.Question)
            {
                dense[16] = Math.Max(dense[16], (float)c.Confidence);
            }
        }

        foreach (var p in priors)
        {
            if (p.Score < 0)
            {
                dense[14] = Math.Max(dense[14], (float)Math.Min(1, -p.Score / 2));
            }
            else if (p.Score > 0)
            {
                dense[15] = Math.Max(dense[15], (float)Math.Min(1, p.Score / 2));
            }
        }

        dense[17] = (float)Math.Min(1, length / 280.0);
    }

    /// <summary>Class index of a polarity in the model: positive, neutral, negative, mixed (the enum's order).</summary>
    public static int LabelIndex(Polarity label) => (int)label;

    public static string Describe(string normalized, HashedFeature f) => normalized[f.Start..f.End];

    private static void AddWord(List<HashedFeature> features, ReadOnlySpan<char> word, uint seed, int buckets, int start, int end, ref uint prev, ref int prevStart)
    {
        var h = Fnv(word, seed);
        Add(features, h, buckets, start, end);
        if (prevStart >= 0)
        {
            Add(features, Mix(prev, h), buckets, prevStart, end);
        }

        prev = h;
        prevStart = start;
    }

    private static void Add(List<HashedFeature> features, uint hash, int buckets, int start, int end) =>
        features.Add(new HashedFeature((int)(hash % (uint)buckets), start, end));

    private static uint FamilySeed(string family)
    {
        var h = 2166136261u;
        foreach (var c in family)
        {
            h = (h ^ c) * 16777619u;
        }

        return h;
    }

    private static uint Fnv(ReadOnlySpan<char> s, uint seed)
    {
        var h = seed;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619u;
        }

        return h;
    }

    private static uint Mix(uint a, uint b)
    {
        var h = (a * 0x9E3779B1u) ^ ((b << 13) | (b >> 19)) ^ 0x85EBCA6Bu;
        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 12;
        return h;
    }
}
