using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Core.Triage;

/// <summary>How triage files mentions into cases (configuration section <c>Triage</c>).</summary>
public sealed class TriageOptions
{
    public const string SectionName = "Triage";

    /// <summary>
    /// A new mention joins its author's open case with the same brand when the case's last mention is at most this many
    /// hours apart from it. Default 72.
    /// </summary>
    [Range(1, 24 * 90)]
    public int CaseWindowHours { get; set; } = 72;

    /// <summary>Earlier cases of the author with the brand within this many days count as repeat contacts. Default 30.</summary>
    [Range(1, 365)]
    public int RepeatContactDays { get; set; } = 30;

    /// <summary>
    /// Characters of mention text stored; longer texts are cut (and flagged) so the entity stays under Table Storage's
    /// 64 KiB per string property. Default 16,000. The raw delivery keeps the full text.
    /// </summary>
    [Range(280, 30_000)]
    public int MaxStoredTextChars { get; set; } = 16_000;

    /// <summary>Attempts when another triage changed the same case or pointer at the same time. Default 20.</summary>
    [Range(1, 100)]
    public int MaxConcurrencyRetries { get; set; } = 20;

    public TimeSpan CaseWindow => TimeSpan.FromHours(CaseWindowHours);
}
