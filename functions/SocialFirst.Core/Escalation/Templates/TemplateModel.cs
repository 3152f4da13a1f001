using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Escalation.Templates;

/// <summary>Where a template's text is shown.</summary>
public enum TemplateChannel
{
    /// <summary>A private message (Meta private reply or DM, X DM, WeChat 客服消息, Weibo 私信).</summary>
    Private,

    /// <summary>A public reply inviting a private conversation (X fallback). Never carries personal data.</summary>
    Public,
}

/// <summary>The template categories: the care categories that escalate, plus <see cref="Default"/>.</summary>
public static class TemplateCategory
{
    public const string Safety = CareCategory.Safety;
    public const string Legal = CareCategory.Legal;
    public const string Security = CareCategory.Security;
    public const string Billing = CareCategory.Billing;
    public const string ServiceFailure = CareCategory.ServiceFailure;
    public const string Churn = CareCategory.Churn;
    public const string Default = "default";

    /// <summary>In order of precedence: when a case has several categories, the first listed here wins.</summary>
    public static IReadOnlyList<string> All { get; } = [Safety, Security, Legal, Billing, ServiceFailure, Churn, Default];

    /// <summary>The template category for a case with <paramref name="careCategories"/>: the most serious one, else default.</summary>
    public static string Pick(IEnumerable<string>? careCategories)
    {
        var set = new HashSet<string>(careCategories ?? [], StringComparer.OrdinalIgnoreCase);
        return All.FirstOrDefault(set.Contains) ?? Default;
    }

    public static bool IsKnown(string? category) => category is not null && All.Contains(category, StringComparer.Ordinal);
}

/// <summary>One template as loaded and validated.</summary>
/// <param name="Brand">The brand id, or <see cref="TemplateSet.AnyBrand"/> for the shipped defaults.</param>
/// <param name="Category">One of <see cref="TemplateCategory.All"/>.</param>
/// <param name="Language">Normalised language tag (en, zh-Hans, ...).</param>
/// <param name="Channel">Private message or public reply.</param>
/// <param name="Platforms">The platforms it is meant for; empty = every platform of its channel.</param>
/// <param name="Text">The text with placeholders.</param>
/// <param name="Version">The version of the set it came from.</param>
/// <param name="Source">The file (or "built-in") it came from.</param>
public sealed record MessageTemplate(
    string Brand,
    string Category,
    string Language,
    TemplateChannel Channel,
    IReadOnlyList<Platform> Platforms,
    string Text,
    string Version,
    string Source)
{
    /// <summary>A readable id: brand/category/language/channel[/platforms].</summary>
    public string Id => Platforms.Count == 0
        ? $"{Brand}/{Category}/{Language}/{Channel.ToString().ToLowerInvariant()}"
        : $"{Brand}/{Category}/{Language}/{Channel.ToString().ToLowerInvariant()}/{string.Join('+', Platforms.Select(p => p.ToString().ToLowerInvariant()))}";

    /// <summary>Whether this template may be used on <paramref name="platform"/>.</summary>
    public bool AppliesTo(Platform platform) =>
        Platforms.Count == 0 ? MessageLimits.PlatformsFor(Channel).Contains(platform) : Platforms.Contains(platform);
}

/// <summary>One brand's templates and the brand values they use.</summary>
/// <param name="Brand">Brand id, or <see cref="AnyBrand"/>.</param>
/// <param name="Version">The set's version, recorded with every rendered message.</param>
/// <param name="DefaultLanguage">Used when no template matches the customer's language.</param>
/// <param name="SafetyLine">The brand's safety contact (phone or short link) for safety templates; null if none.</param>
/// <param name="Templates">The templates.</param>
public sealed record TemplateSet(string Brand, string Version, string DefaultLanguage, string? SafetyLine, IReadOnlyList<MessageTemplate> Templates)
{
    /// <summary>The brand id of the shipped defaults, used for every brand.</summary>
    public const string AnyBrand = "*";
}

/// <summary>The values substituted into a template.</summary>
/// <param name="CaseRef">The case reference the customer can quote.</param>
/// <param name="BrandName">The brand's display name.</param>
/// <param name="FirstName">The customer's first name, if known; see <see cref="SanitizeFirstName"/>.</param>
/// <param name="SafetyLine">The brand's safety contact, if it has one.</param>
public sealed record TemplateValues(string CaseRef, string BrandName, string? FirstName = null, string? SafetyLine = null)
{
    /// <summary>
    /// A first name fit for a greeting: the first word of a display name, without handles, e-mail addresses, links or
    /// digits, at most <see cref="Placeholders.FirstNameMaxLength"/> characters; null when nothing fit remains.
    /// </summary>
    public static string? SanitizeFirstName(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return null;
        }

        var first = displayName.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd(',', '.', ';', ':', '!', '?');
        if (first.Length == 0 || first.Length > Placeholders.FirstNameMaxLength)
        {
            return null;
        }

        foreach (var c in first)
        {
            if (char.IsDigit(c) || char.IsControl(c) || c is '@' or '#' or '/' or ':' or '{' or '}' or '[' or ']' or '<' or '>' or '_' or '=' or '&')
            {
                return null;
            }
        }

        return first;
    }
}

/// <summary>The placeholders a template may use. Optional ones are written <c>{name?}</c> inside a <c>[[...]]</c> section.</summary>
public static class Placeholders
{
    public const string CaseRef = "caseRef";
    public const string BrandName = "brandName";
    public const string FirstName = "firstName";
    public const string SafetyLine = "safetyLine";

    public const int CaseRefMaxLength = 16;
    public const int BrandNameMaxLength = 40;
    public const int FirstNameMaxLength = 30;
    public const int SafetyLineMaxLength = 60;

    /// <summary>Name → (optional?, longest value assumed when checking lengths at load).</summary>
    public static IReadOnlyDictionary<string, (bool Optional, int MaxLength)> Known { get; } =
        new Dictionary<string, (bool, int)>(StringComparer.Ordinal)
        {
            [CaseRef] = (false, CaseRefMaxLength),
            [BrandName] = (false, BrandNameMaxLength),
            [FirstName] = (true, FirstNameMaxLength),
            [SafetyLine] = (true, SafetyLineMaxLength),
        };
}
