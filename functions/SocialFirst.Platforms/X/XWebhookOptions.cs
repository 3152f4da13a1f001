namespace SocialFirst.Platforms.X;

/// <summary>X (Twitter) Account Activity API webhooks. Empty = not wired: CRC and every delivery are refused.</summary>
public sealed class XWebhookOptions
{
    public const string SectionName = "Platforms:X";

    /// <summary>The app's consumer secret (API secret key): the key of the CRC response and of the POST signature.</summary>
    public string ConsumerSecret { get; set; } = string.Empty;
}
