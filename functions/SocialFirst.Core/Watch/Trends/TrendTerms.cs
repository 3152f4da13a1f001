using System.Text;

namespace SocialFirst.Core.Watch.Trends;

/// <summary>How terms are normalised and named, so that "Salad  Dressing" and "salad dressing" count as one.</summary>
public static class TrendTerms
{
    /// <summary>Prefix of care categories counted as terms ("category:safety").</summary>
    public const string CategoryPrefix = "category:";

    /// <summary>The pseudo-term a negative-sentiment surge is named by.</summary>
    public const string NegativeSentiment = "sentiment:negative";

    /// <summary>Longest term kept; longer key phrases are cut.</summary>
    public const int MaxLength = 64;

    /// <summary>Lower-case (invariant), trimmed of spaces and surrounding punctuation, inner whitespace collapsed; empty when nothing is left.</summary>
    public static string Normalize(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var sb = new StringBuilder(Math.Min(term.Length, MaxLength));
        var pendingSpace = false;
        foreach (var ch in term.Trim())
        {
            if (char.IsWhiteSpace(ch))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(char.ToLowerInvariant(ch));
        }

        var s = sb.ToString().Trim('.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', ' ');
        return s.Length > MaxLength ? s[..MaxLength].TrimEnd() : s;
    }

    /// <summary>The term a care category is counted as.</summary>
    public static string ForCategory(string category) => CategoryPrefix + Normalize(category);

    public static bool IsCategory(string term) => term.StartsWith(CategoryPrefix, StringComparison.Ordinal);

    /// <summary>A key phrase (not a category and not the sentiment pseudo-term).</summary>
    public static bool IsPhrase(string term) => !IsCategory(term) && term != NegativeSentiment;
}
