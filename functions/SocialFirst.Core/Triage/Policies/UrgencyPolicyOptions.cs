using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Core.Triage.Policies;

/// <summary>
/// Where brands' urgency policies come from (configuration section <c>Triage</c>, next to <see cref="TriageOptions"/>).
/// </summary>
public sealed class UrgencyPolicyOptions
{
    public const string SectionName = TriageOptions.SectionName;

    /// <summary>
    /// Folder of policy documents, one per brand: <c>{brandId}.json</c>, and <c>default.json</c> for brands without their
    /// own. Relative paths are taken from the working directory. A missing folder means no files. Default "policies".
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string PolicyDirectory { get; set; } = "policies";

    /// <summary>
    /// Policy documents given in configuration, by brand id (<c>Triage:Policies:acme</c> = the JSON text). They take
    /// precedence over a file for the same brand. Default none.
    /// </summary>
    public Dictionary<string, string> Policies { get; } = new(StringComparer.OrdinalIgnoreCase);
}
