using SocialFirst.Classification.Text;

namespace SocialFirst.Classification.Language;

/// <summary>A language decision with the evidence that made it.</summary>
internal readonly record struct LanguageGuess(string Language, double Confidence, string Evidence);

/// <summary>
/// Character-statistics language identification. Script ranges first: any kana ⇒ Japanese; Han without kana ⇒
/// Chinese, Simplified or Traditional by counting characters that exist in only one script; Hangul, Cyrillic,
/// Arabic... ⇒ unknown. Latin script: stop-word and lexicon-word profiles per language plus diacritic cues
/// (ñ ¿ ⇒ es, ß ä ö ü ⇒ de, č š ž ⇒ sl, è ê ç œ ⇒ fr); a few look-alike languages (it, pt, nl, hr, pl...) are profiled
/// too so that they come out as an honest "unknown" instead of a wrong guess.
/// </summary>
internal sealed class LanguageIdentifier
{
    public const string Unknown = "unknown";

    public static readonly IReadOnlyList<string> Supported = ["en", "zh-Hans", "zh-Hant", "es", "de", "fr", "sl", "ja"];

    private readonly string[] languages;
    private readonly int supportedLatin;
    private readonly Dictionary<string, float[]> words;
    private readonly Dictionary<string, float[]>.AlternateLookup<ReadOnlySpan<char>> lookup;

    /// <param name="profiles">Per language: stop words (strong evidence) and vocabulary (weak evidence). Supported Latin languages first.</param>
    /// <param name="supportedLatinCount">How many of <paramref name="profiles"/> are languages we support; the rest only lead to "unknown".</param>
    public LanguageIdentifier(IReadOnlyList<(string Language, IEnumerable<string> StopWords, IEnumerable<string> Vocabulary)> profiles, int supportedLatinCount)
    {
        languages = profiles.Select(p => p.Language).ToArray();
        supportedLatin = supportedLatinCount;
        var raw = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var l = 0; l < profiles.Count; l++)
        {
            foreach (var w in profiles[l].Vocabulary)
            {
                Weights(raw, w)[l] = Math.Max(Weights(raw, w)[l], 0.5f);
            }

            foreach (var w in profiles[l].StopWords)
            {
                Weights(raw, w)[l] = 1f;
            }
        }

        // A word shared by several languages is weaker evidence for each of them.
        foreach (var weights in raw.Values)
        {
            var shared = weights.Count(x => x > 0);
            if (shared > 1)
            {
                for (var i = 0; i < weights.Length; i++)
                {
                    weights[i] /= shared;
                }
            }
        }

        words = raw;
        lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();

        float[] Weights(Dictionary<string, float[]> d, string w)
        {
            if (!d.TryGetValue(w, out var a))
            {
                a = new float[languages.Length];
                d[w] = a;
            }

            return a;
        }
    }

    public static bool IsSupported(string? language) => language is not null && Supported.Contains(language);

    public LanguageGuess Identify(string text, string normalized, string? hint)
    {
        var guess = IdentifyCore(text, normalized);
        var supportedHint = NormalizeHint(hint);
        if (supportedHint is not null && (guess.Language == Unknown || guess.Confidence < 0.6))
        {
            return new LanguageGuess(supportedHint, 0.6, $"hint:{hint} ({guess.Evidence})");
        }

        if (supportedHint is not null && guess.Language.StartsWith("zh", StringComparison.Ordinal) && supportedHint.StartsWith("zh", StringComparison.Ordinal) && guess.Confidence < 0.8)
        {
            return new LanguageGuess(supportedHint, 0.8, $"hint:{hint} ({guess.Evidence})");
        }

        return guess;
    }

    internal static string? NormalizeHint(string? hint)
    {
        if (string.IsNullOrWhiteSpace(hint))
        {
            return null;
        }

        var h = hint.Trim();
        foreach (var s in Supported)
        {
            if (string.Equals(s, h, StringComparison.OrdinalIgnoreCase))
            {
                return s;
            }
        }

        return h.ToLowerInvariant() switch
        {
            "zh-cn" or "zh-sg" or "zh" or "zh-hans-cn" => "zh-Hans",
            "zh-tw" or "zh-hk" or "zh-mo" or "zh-hant-tw" => "zh-Hant",
            var x when x.Length > 2 && x[2] == '-' && IsSupported(x[..2]) => x[..2],
            _ => null,
        };
    }

    private LanguageGuess IdentifyCore(string text, string normalized)
    {
        int han = 0, kana = 0, latin = 0, otherScript = 0, letters = 0;
        string? otherName = null;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            letters++;
            if (CharClass.IsHan(c))
            {
                han++;
            }
            else if (CharClass.IsKana(c))
            {
                kana++;
            }
            else if (c < '\u0250')
            {
                latin++;
            }
            else
            {
                otherScript++;
                otherName ??= ScriptName(c);
            }
        }

        if (letters == 0)
        {
            return new LanguageGuess(Unknown, 0.9, "no letters");
        }

        var cjk = han + kana;
        if (kana > 0 && (kana >= 2 || kana * 10 >= cjk) && cjk * 4 >= latin)
        {
            return new LanguageGuess("ja", cjk >= 4 ? 0.95 : 0.75, $"script:kana {kana}, han {han}");
        }

        if (han >= 2 && han * 4 >= latin && han >= otherScript)
        {
            var (simplified, traditional) = ChineseScript.Count(text);
            if (traditional > simplified)
            {
                return new LanguageGuess("zh-Hant", traditional >= 2 * Math.Max(1, simplified) ? 0.95 : 0.7, $"script:han {han}, traditional-only {traditional} vs simplified-only {simplified}");
            }

            if (simplified > traditional)
            {
                return new LanguageGuess("zh-Hans", simplified >= 2 * Math.Max(1, traditional) ? 0.95 : 0.7, $"script:han {han}, simplified-only {simplified} vs traditional-only {traditional}");
            }

            return new LanguageGuess("zh-Hans", 0.55, $"script:han {han}, no script-specific characters");
        }

        if (otherScript > latin)
        {
            return new LanguageGuess(Unknown, 0.9, "script:" + (otherName ?? "other"));
        }

        return IdentifyLatin(text, normalized);
    }

    private LanguageGuess IdentifyLatin(string text, string normalized)
    {
        Span<float> scores = stackalloc float[languages.Length];
        var tokens = 0;
        var span = normalized.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            if (!CharClass.IsWordChar(span[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < span.Length && CharClass.IsWordChar(span[i]))
            {
                i++;
            }

            // Skip @handles, #tags and URLs: brand names say nothing about the language.
            if (start > 0 && (span[start - 1] == '@' || span[start - 1] == '#' || span[start - 1] == '_' || span[start - 1] == '/' || span[start - 1] == '.'))
            {
                continue;
            }

            tokens++;
            if (lookup.TryGetValue(span[start..i], out var w))
            {
                for (var l = 0; l < w.Length; l++)
                {
                    scores[l] += w[l];
                }
            }
        }

        AddDiacriticCues(text, scores);

        int best = -1, second = -1;
        for (var l = 0; l < scores.Length; l++)
        {
            if (best < 0 || scores[l] > scores[best])
            {
                second = best;
                best = l;
            }
            else if (second < 0 || scores[l] > scores[second])
            {
                second = l;
            }
        }

        var top = scores[best];
        var runnerUp = second >= 0 ? scores[second] : 0;
        var threshold = tokens <= 3 ? 0.5f : 0.9f;
        if (top < threshold)
        {
            return new LanguageGuess(Unknown, 0.6, $"latin: too little evidence ({top:0.##})");
        }

        if (best >= supportedLatin)
        {
            return new LanguageGuess(Unknown, 0.8, $"latin: looks like {languages[best]} ({top:0.##}), not a supported language");
        }

        var confidence = Math.Clamp((top - runnerUp) / (top + 0.5), 0.3, 0.99);
        return new LanguageGuess(languages[best], Math.Round(confidence, 3), $"latin profile {languages[best]} {top:0.##} vs {languages[second]} {runnerUp:0.##}");
    }

    private void AddDiacriticCues(string text, Span<float> scores)
    {
        foreach (var raw in text)
        {
            if (raw < '\u00C0')
            {
                if (raw is '¿' or '¡')
                {
                    Add(scores, "es", 1.5f);
                }

                continue;
            }

            var c = char.ToLowerInvariant(raw);
            switch (c)
            {
                case 'ñ':
                    Add(scores, "es", 1.5f);
                    break;
                case 'á' or 'í' or 'ó' or 'ú':
                    Add(scores, "es", 0.4f);
                    Add(scores, "pt", 0.3f);
                    break;
                case 'ß':
                    Add(scores, "de", 1.5f);
                    break;
                case 'ä' or 'ö' or 'ü':
                    Add(scores, "de", 0.8f);
                    break;
                case 'è' or 'ê' or 'à' or 'â' or 'î' or 'ô' or 'û' or 'ù' or 'ë' or 'œ' or 'ç':
                    Add(scores, "fr", 0.6f);
                    break;
                case 'é':
                    Add(scores, "fr", 0.3f);
                    break;
                case 'č' or 'š' or 'ž':
                    Add(scores, "sl", 1.0f);
                    Add(scores, "hr", 0.6f);
                    break;
                case 'ć' or 'đ':
                    Add(scores, "hr", 1.5f);
                    break;
                case 'ã' or 'õ':
                    Add(scores, "pt", 1.5f);
                    break;
                case 'ı' or 'ş' or 'ğ':
                    Add(scores, "tr", 1.5f);
                    break;
                case 'ą' or 'ę' or 'ł' or 'ś' or 'ź' or 'ż' or 'ń':
                    Add(scores, "pl", 1.5f);
                    break;
                case 'å':
                    Add(scores, "sv", 1.5f);
                    break;
                case 'ò' or 'ì':
                    Add(scores, "it", 0.8f);
                    break;
            }
        }
    }

    private void Add(Span<float> scores, string language, float weight)
    {
        var index = Array.IndexOf(languages, language);
        if (index >= 0)
        {
            scores[index] += weight;
        }
    }

    private static string ScriptName(char c) =>
        CharClass.IsHangul(c) ? "hangul" :
        CharClass.IsCyrillic(c) ? "cyrillic" :
        CharClass.IsArabic(c) ? "arabic" :
        CharClass.IsThai(c) ? "thai" :
        CharClass.IsGreek(c) ? "greek" :
        CharClass.IsHebrew(c) ? "hebrew" :
        CharClass.IsDevanagari(c) ? "devanagari" : "other";
}
