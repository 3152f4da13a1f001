using System.Text.RegularExpressions;

namespace SocialFirst.Azure.Http;

/// <summary>
/// Makes a service's error detail safe for an exception message: removes anything that looks like a SAS token, a
/// signature, a bearer token or a key, and shortens it.
/// </summary>
public static partial class SecretScrubber
{
    public const int MaxLength = 300;

    public static string Scrub(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail))
        {
            return string.Empty;
        }

        var text = Secrets().Replace(detail, m => m.Groups["name"].Value + "[redacted]");
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length <= MaxLength ? text : text[..MaxLength] + "...";
    }

    [GeneratedRegex(
        @"(?<name>\bSharedAccessSignature\s+|\bBearer\s+|\b(?:sig|skn|se|sr|key|apikey|token|access_token|Ocp-Apim-Subscription-Key)\s*[=:]\s*)[^\s&;,""'<>]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        1000)]
    private static partial Regex Secrets();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Whitespace();
}
