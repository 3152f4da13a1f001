using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Brands;

/// <summary>
/// The brands this deployment serves, keyed by brand id, from the configuration section <c>Brands</c>:
/// <code>
/// "Brands": {
///   "acme": { "DisplayName": "Acme", "Accounts": [ "facebook:1234567890", "x:2244994945", "wechat:gh_abc" ], "RedactPii": true }
/// }
/// </code>
/// (as environment variables: <c>Brands__acme__Accounts__0=facebook:1234567890</c>). A mention addressed to an account
/// no brand lists goes to the brand <see cref="DefaultBrandId"/>; configure a brand with that id to name it or to turn
/// redaction on for it. With no brands configured everything is filed under "default".
/// </summary>
public sealed partial class BrandOptions : IValidatableObject
{
    public const string SectionName = "Brands";

    /// <summary>The brand of mentions addressed to accounts no brand lists.</summary>
    public const string DefaultBrandId = "default";

    /// <summary>Brands by id. Ids: lower-case letters, digits and hyphens, up to 40 characters (they are Table keys).</summary>
    public Dictionary<string, BrandDefinition> Items { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, brand) in Items)
        {
            if (!BrandId().IsMatch(id))
            {
                yield return new ValidationResult($"Brands:{id}: a brand id is 1–40 lower-case letters, digits or hyphens.", [nameof(Items)]);
            }

            foreach (var account in brand.Accounts)
            {
                if (!BrandAccount.TryParse(account, out var parsed))
                {
                    yield return new ValidationResult(
                        $"Brands:{id}:Accounts: '{account}' is not 'platform:accountId' with platform one of {string.Join(", ", Enum.GetNames<Platform>().Select(n => n.ToLowerInvariant()))}.",
                        [nameof(Items)]);
                    continue;
                }

                if (owners.TryGetValue(parsed.Key, out var other) && !string.Equals(other, id, StringComparison.OrdinalIgnoreCase))
                {
                    yield return new ValidationResult($"Brands:{id}:Accounts: '{account}' is already listed for brand '{other}'.", [nameof(Items)]);
                }

                owners[parsed.Key] = id;
            }

            if (brand.RawDeliveryDays is < BrandDefinition.MinRetentionDays or > BrandDefinition.MaxRetentionDays)
            {
                yield return new ValidationResult($"Brands:{id}:RawDeliveryDays: {brand.RawDeliveryDays} is not between {BrandDefinition.MinRetentionDays} and {BrandDefinition.MaxRetentionDays}.", [nameof(Items)]);
            }

            if (brand.TextDays is < BrandDefinition.MinRetentionDays or > BrandDefinition.MaxRetentionDays)
            {
                yield return new ValidationResult($"Brands:{id}:TextDays: {brand.TextDays} is not between {BrandDefinition.MinRetentionDays} and {BrandDefinition.MaxRetentionDays}.", [nameof(Items)]);
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BrandId();
}

/// <summary>One brand.</summary>
public sealed class BrandDefinition
{
    /// <summary>Shown to agents; defaults to the brand id.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The brand's own accounts, "platform:accountId" (facebook, instagram, x, wechat, weibo, generic).</summary>
    public IList<string> Accounts { get; } = [];

    /// <summary>When true, e-mail addresses and phone numbers are removed from mention texts before they are stored. Default false.</summary>
    public bool RedactPii { get; set; }

    /// <summary>Smallest retention period, in days, that <see cref="RawDeliveryDays"/> and <see cref="TextDays"/> accept.</summary>
    public const int MinRetentionDays = 1;

    /// <summary>Largest retention period, in days (ten years).</summary>
    public const int MaxRetentionDays = 3650;

    /// <summary>
    /// Days archived raw webhook deliveries are kept (docs/retention.md). The archive is not split by brand, so it is
    /// kept for the shortest period of the configured brands. Default 30.
    /// </summary>
    public int RawDeliveryDays { get; set; } = 30;

    /// <summary>
    /// Days a case keeps its customers' texts and handles after it last changed; then they are removed and the counts
    /// stay (docs/retention.md). Default 365.
    /// </summary>
    public int TextDays { get; set; } = 365;
}

/// <summary>A brand account as written in configuration: "facebook:1234567890".</summary>
public readonly record struct BrandAccount(Platform Platform, string AccountId)
{
    /// <summary>The lookup key: lower-case platform, colon, account id.</summary>
    public string Key => For(Platform, AccountId);

    public static string For(Platform platform, string accountId) => $"{platform.ToString().ToLowerInvariant()}:{accountId}";

    public static bool TryParse(string? text, out BrandAccount account)
    {
        account = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var platform = text[..colon].Trim();
        var id = text[(colon + 1)..].Trim();
        if (id.Length == 0 || platform.Any(char.IsDigit) || !Enum.TryParse<Platform>(platform, ignoreCase: true, out var p))
        {
            return false;
        }

        account = new BrandAccount(p, id);
        return true;
    }
}
