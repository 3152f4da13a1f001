namespace SocialFirst.Core.Escalation.Templates;

/// <summary>Language tags as the templates use them: en, de, zh-Hans, zh-Hant, ...</summary>
public static class LanguageTags
{
    /// <summary>
    /// The tags to try for <paramref name="tag"/>, most specific first: "zh-TW" → zh-Hant-TW?, zh-Hant, zh;
    /// "pt-BR" → pt-BR, pt. Chinese maps regions to scripts (TW/HK/MO → Hant, else Hans); bare "zh" → zh-Hans.
    /// </summary>
    public static IReadOnlyList<string> Fallbacks(string? tag)
    {
        var normalized = Normalize(tag);
        if (normalized is null)
        {
            return [];
        }

        var parts = normalized.Split('-');
        var result = new List<string>();
        if (parts[0] == "zh")
        {
            var script = parts.Skip(1).FirstOrDefault(p => p is "Hans" or "Hant")
                ?? (parts.Skip(1).Any(p => p is "TW" or "HK" or "MO") ? "Hant" : "Hans");
            result.Add(normalized);
            result.Add($"zh-{script}");
            result.Add("zh");
            return result.Distinct(StringComparer.Ordinal).ToList();
        }

        for (var n = parts.Length; n >= 1; n--)
        {
            result.Add(string.Join('-', parts.Take(n)));
        }

        return result;
    }

    /// <summary>
    /// Canonical casing (language lower, script title, region upper) with '_' read as '-'; null when the tag is not
    /// of the form language[-subtag...].
    /// </summary>
    public static string? Normalize(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var parts = tag.Trim().Replace('_', '-').Split('-');
        if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter))
        {
            return null;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            if (p.Length is < 1 or > 8 || !p.All(char.IsAsciiLetterOrDigit))
            {
                return null;
            }

            parts[i] = i == 0 ? p.ToLowerInvariant()
                : p.Length == 4 && p.All(char.IsAsciiLetter) ? char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()
                : p.Length == 2 ? p.ToUpperInvariant()
                : p.ToLowerInvariant();
        }

        return string.Join('-', parts);
    }
}
