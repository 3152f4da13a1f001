using System.ComponentModel.DataAnnotations;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Escalation;

/// <summary>
/// How the escalation step acts, from the configuration section <c>Escalation</c>:
/// <code>
/// "Escalation": {
///   "DryRun": false,
///   "Platforms": { "Facebook": { "Enabled": true } },
///   "Brands": { "acme": { "SafetyAlertWebhook": "https://hooks.example/acme-safety", "AlertWebhook": "https://hooks.example/acme" } }
/// }
/// </code>
/// Nothing is sent to a platform unless <see cref="DryRun"/> is false <b>and</b> the platform is enabled.
/// </summary>
public sealed class EscalationOptions : IValidatableObject
{
    public const string SectionName = "Escalation";

    /// <summary>
    /// When true (the default), every escalation is recorded in the outbox with the exact text that would be sent, and
    /// no platform is called.
    /// </summary>
    public bool DryRun { get; set; } = true;

    /// <summary>Per platform (Facebook, Instagram, X, WeChat, Weibo): whether private replies are sent there. Default: none.</summary>
    public Dictionary<string, EscalationPlatformOptions> Platforms { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per brand id: where alerts go.</summary>
    public Dictionary<string, EscalationBrandOptions> Brands { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How long a send attempt holds its outbox entry. A Pending entry claimed longer ago than this is taken to be left
    /// by a process that died between sending and recording. Must exceed the platforms' timeouts
    /// (<c>Messaging:*:TimeoutSeconds</c>, default 15). Default 120 seconds.
    /// </summary>
    [Range(1, 3600)]
    public int ClaimLeaseSeconds { get; set; } = 120;

    /// <summary>Conflicting writes tolerated when updating a case before giving up (the message is retried). Default 20.</summary>
    [Range(1, 100)]
    public int MaxCaseUpdateAttempts { get; set; } = 20;

    /// <summary>Dead-lettered escalations handled per DeadLetterDrain run. Default 50.</summary>
    [Range(1, 1000)]
    public int MaxDrainBatch { get; set; } = 50;

    /// <summary>True when a platform may be called for <paramref name="platform"/>: not a dry run, and the platform is enabled.</summary>
    /// "Meta" (the name the deployment and the webhook use) enables Facebook and Instagram together.
    public bool Sends(Platform platform) =>
        !DryRun && (Enabled(platform.ToString()) || (platform is Platform.Facebook or Platform.Instagram && Enabled(MetaAlias)));

    /// <summary>Why nothing is sent on <paramref name="platform"/>: dry run everywhere, or the platform not enabled (naming the setting).</summary>
    public string DryRunReason(Platform platform) =>
        DryRun ? "dry run" : $"dry run: {platform} is not enabled (Escalation:Platforms:{platform}:Enabled)";

    /// <summary>The name that stands for Facebook and Instagram together.</summary>
    public const string MetaAlias = "Meta";

    private bool Enabled(string name) => Platforms.TryGetValue(name, out var p) && p.Enabled;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var name in Platforms.Keys)
        {
            var isMeta = string.Equals(name, MetaAlias, StringComparison.OrdinalIgnoreCase);
            if (!isMeta && (!Enum.TryParse<Platform>(name, ignoreCase: true, out var platform) || platform == Platform.Generic || int.TryParse(name, out _)))
            {
                yield return new ValidationResult(
                    $"{SectionName}:Platforms:{name}: unknown platform; use Meta (Facebook and Instagram), Facebook, Instagram, X, WeChat or Weibo.",
                    [nameof(Platforms)]);
            }
        }

        foreach (var (brand, options) in Brands)
        {
            foreach (var (key, value) in new[] { (nameof(EscalationBrandOptions.SafetyAlertWebhook), options.SafetyAlertWebhook), (nameof(EscalationBrandOptions.AlertWebhook), options.AlertWebhook) })
            {
                if (!string.IsNullOrWhiteSpace(value) && !IsHttpUrl(value))
                {
                    yield return new ValidationResult(
                        $"{SectionName}:Brands:{brand}:{key} must be an absolute http(s) URL.",
                        [nameof(Brands)]);
                }
            }
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>One platform's switch.</summary>
public sealed class EscalationPlatformOptions
{
    /// <summary>Send private replies on this platform (when <see cref="EscalationOptions.DryRun"/> is false). Default false.</summary>
    public bool Enabled { get; set; }
}

/// <summary>One brand's alert destinations. Both are secrets when the URL carries a token (use Key Vault references).</summary>
public sealed class EscalationBrandOptions
{
    /// <summary>POSTed a JSON alert for every safety escalation (the brand's safety contact). Empty: alerts are only logged.</summary>
    public string? SafetyAlertWebhook { get; set; }

    /// <summary>POSTed a JSON alert when a person must act (NeedsHuman, dead-lettered). Empty: <see cref="SafetyAlertWebhook"/> is used.</summary>
    public string? AlertWebhook { get; set; }
}
