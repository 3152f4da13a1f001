using SocialFirst.Core.Triage;

namespace SocialFirst.Core.Classification.Cascade;

/// <summary>When the cascade asks its second (paid) classifier.</summary>
public sealed record CascadeSettings
{
    /// <summary>A first result less certain than this goes to the second classifier. Default 0.6.</summary>
    public double CertaintyThreshold { get; init; } = 0.6;

    /// <summary>A first result whose provisional urgency score is above this goes too (urgent cases deserve the better reading). Default 0.5.</summary>
    public double UrgencyThreshold { get; init; } = 0.5;

    /// <summary>How long to wait for the second classifier before keeping the first result. Default 20 s.</summary>
    public TimeSpan SecondaryTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The policy of the provisional urgency (mention alone: no reach, history or age). Default <see cref="UrgencyPolicy.Default"/>.</summary>
    public UrgencyPolicy UrgencyPolicy { get; init; } = UrgencyPolicy.Default;
}
