using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Brands;

/// <summary>A brand's settings as triage needs them.</summary>
public sealed record BrandSettings(string Id, string DisplayName, bool RedactPii);

/// <summary>Maps the account a mention was addressed to onto the brand that owns it.</summary>
public interface IBrandResolver
{
    /// <summary>The id of the brand owning <paramref name="brandAccountId"/> on <paramref name="platform"/>; "default" when none does.</summary>
    string Resolve(Platform platform, string brandAccountId);

    /// <summary>The settings of a brand; an unknown id gets the defaults (display name = id, no redaction).</summary>
    BrandSettings Get(string brandId);
}
