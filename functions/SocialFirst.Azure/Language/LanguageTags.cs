namespace SocialFirst.Azure.Language;

/// <summary>Maps between Azure AI Language's language names/codes and our BCP-47 tags.</summary>
public static class LanguageTags
{
    public const string Unknown = "unknown";

    /// <summary>
    /// Our tag for a detected language: Chinese becomes <c>zh-Hans</c> or <c>zh-Hant</c> (from <c>zh_chs</c>/<c>zh_cht</c>,
    /// the name "Chinese_Simplified"/"Chinese_Traditional" or the script code Hans/Hant), <c>(Unknown)</c> becomes
    /// "unknown", anything else its lower-case ISO 639-1 code.
    /// </summary>
    public static string FromDetected(string? name, string? iso6391Name, string? script = null)
    {
        var iso = (iso6391Name ?? string.Empty).Trim().Replace('_', '-').ToLowerInvariant();
        var label = (name ?? string.Empty).Trim();
        if (iso.Length == 0 || iso == "(unknown)" || label.Equals("(Unknown)", StringComparison.OrdinalIgnoreCase))
        {
            return Unknown;
        }

        if (iso == "zh" || iso.StartsWith("zh-", StringComparison.Ordinal))
        {
            var traditional = iso is "zh-cht" or "zh-hant" or "zh-tw" or "zh-hk" or "zh-mo"
                || string.Equals(script, "Hant", StringComparison.OrdinalIgnoreCase)
                || label.Contains("Traditional", StringComparison.OrdinalIgnoreCase);
            return traditional ? "zh-Hant" : "zh-Hans";
        }

        return iso;
    }

    /// <summary>The <c>language</c> value to send with a document, or null to let the service use its default.</summary>
    public static string? ToService(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Equals(Unknown, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var lower = tag.Trim().ToLowerInvariant();
        return lower switch
        {
            "zh-hans" or "zh-cn" or "zh-sg" or "zh" => "zh-hans",
            "zh-hant" or "zh-tw" or "zh-hk" or "zh-mo" => "zh-hant",
            _ => lower,
        };
    }

    /// <summary>Our tag for a request's hint (used when detection fails).</summary>
    public static string FromHint(string? hint) => ToService(hint) switch
    {
        null => Unknown,
        "zh-hans" => "zh-Hans",
        "zh-hant" => "zh-Hant",
        var other => other.Split('-')[0],
    };
}
