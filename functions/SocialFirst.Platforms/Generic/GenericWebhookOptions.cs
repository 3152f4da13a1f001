using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Platforms.Generic;

/// <summary>
/// The generic webhook for social-listening tools and internal systems (format and signature: docs/platforms/generic.md).
/// Empty Secret = not wired: every delivery is refused.
/// </summary>
public sealed class GenericWebhookOptions
{
    public const string SectionName = "Platforms:Generic";

    /// <summary>The shared HMAC-SHA256 key of <c>X-SocialFirst-Signature</c>. Use at least 32 random bytes.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>How far (either way) the signed timestamp may be from our clock, in seconds. Default 300.</summary>
    [Range(1, 86_400, ErrorMessage = "Platforms:Generic:ReplayWindowSeconds must be between 1 and 86400.")]
    public int ReplayWindowSeconds { get; set; } = 300;
}
