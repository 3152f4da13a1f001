using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Core.Watch.Application;

/// <summary>
/// How much one retention run may do (<c>Watch:Retention</c>). The periods themselves are per brand:
/// <c>Brands:{id}:RawDeliveryDays</c> and <c>Brands:{id}:TextDays</c> (docs/retention.md).
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Watch:Retention";

    /// <summary>Archived raw deliveries deleted per run at most; the rest go in the next run. Default 20,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxRawDeliveriesPerRun { get; set; } = 20_000;

    /// <summary>Cases looked at per run at most (all brands together); the rest go in the next run. Default 5,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxCasesPerRun { get; set; } = 5_000;
}
