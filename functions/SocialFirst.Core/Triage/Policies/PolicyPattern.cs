using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SocialFirst.Core.Triage.Policies;

/// <summary>
/// A phrase or regular expression from a policy (keyword rules, watch-list keywords), compiled once. Phrases match
/// case-insensitively as whole words: "recall" matches "Recall!" but not "recalled"; the spaces of a phrase match any
/// run of white space. At an edge that is a Han, kana or Hangul character no word boundary is required, since those
/// scripts do not separate words with spaces ("召回" matches inside "产品召回了").
/// </summary>
public sealed class PolicyPattern
{
    /// <summary>How long one match may run before it is abandoned (and counted as no match).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private const RegexOptions Flags = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private readonly Regex _regex;

    private PolicyPattern(string source, bool isRegex, Regex regex)
    {
        Source = source;
        IsRegex = isRegex;
        _regex = regex;
    }

    /// <summary>The phrase or expression as written in the policy.</summary>
    public string Source { get; }

    public bool IsRegex { get; }

    /// <summary>A whole-word, case-insensitive phrase.</summary>
    public static PolicyPattern Phrase(string phrase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phrase);
        var trimmed = phrase.Trim();
        var words = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var body = new StringBuilder();
        if (!IsUnspaced(trimmed, atStart: true))
        {
            body.Append(@"(?<![\p{L}\p{N}_])");
        }

        body.Append(string.Join(@"\s+", words.Select(Regex.Escape)));
        if (!IsUnspaced(trimmed, atStart: false))
        {
            body.Append(@"(?![\p{L}\p{N}_])");
        }

        return new PolicyPattern(trimmed, false, new Regex(body.ToString(), Flags, MatchTimeout));
    }

    /// <summary>A .NET regular expression, case-insensitive; throws <see cref="ArgumentException"/> when it does not compile.</summary>
    public static PolicyPattern Expression(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return new PolicyPattern(pattern, true, new Regex(pattern, Flags, MatchTimeout));
    }

    /// <summary>True when the pattern occurs in <paramref name="text"/>; a match that times out counts as no match.</summary>
    public bool IsMatch(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            return _regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public override string ToString() => IsRegex ? "/" + Source + "/" : "'" + Source + "'";

    private static bool IsUnspaced(string phrase, bool atStart)
    {
        var rune = atStart ? Rune.GetRuneAt(phrase, 0) : Rune.GetRuneAt(phrase, phrase.Length - (char.IsLowSurrogate(phrase[^1]) && phrase.Length > 1 ? 2 : 1));
        var value = rune.Value;
        return Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherLetter
            && (value is >= 0x2E80 and <= 0x9FFF // CJK radicals, kana, CJK unified ideographs
                || value is >= 0xAC00 and <= 0xD7AF // Hangul syllables
                || value is >= 0xF900 and <= 0xFAFF // CJK compatibility ideographs
                || value is >= 0x20000 and <= 0x3FFFF); // CJK extensions B and later
    }
}
