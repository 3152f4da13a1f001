namespace SocialFirst.Core.Triage.Policies;

/// <summary>
/// A brand's keyword rule: when <see cref="Pattern"/> occurs in a mention of language <see cref="Language"/>, the factor
/// <c>rule:{Id}</c> contributes <see cref="Weight"/>; a rule with a <see cref="Category"/> also counts as that category for
/// the always-/never-escalate overrides.
/// </summary>
/// <param name="Id">Unique within the policy; appears in the factor breakdown as <c>rule:{Id}</c>.</param>
/// <param name="Language">Primary language subtag ("en", "zh", "de") or "*" for every language.</param>
/// <param name="Pattern">The phrase or expression.</param>
/// <param name="Weight">0..1.</param>
/// <param name="Category">A care category, or null.</param>
public sealed record KeywordRule(string Id, string Language, PolicyPattern Pattern, double Weight, string? Category = null)
{
    /// <summary>Whether the rule applies to a mention in <paramref name="language"/> (a BCP-47 tag such as zh-Hans).</summary>
    public bool AppliesTo(string? language)
    {
        if (Language == "*")
        {
            return true;
        }

        if (string.IsNullOrEmpty(language))
        {
            return false;
        }

        var dash = language.IndexOf('-', StringComparison.Ordinal);
        var primary = dash > 0 ? language[..dash] : language;
        return string.Equals(primary, Language, StringComparison.OrdinalIgnoreCase)
            || string.Equals(language, Language, StringComparison.OrdinalIgnoreCase);
    }
}
