using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Core.Ingestion;

/// <summary>Limits for webhook ingestion.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest body accepted, in bytes (default 1 MiB; Meta batches up to 1000 changes, well under that). Larger → 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// If storing and queueing a delivery takes longer than this, answer 503 so the platform retries, rather than
    /// letting the platform time out (X waits 3 s, WeChat and Weibo 5 s). Default 2.5 s.
    /// </summary>
    [Range(0.1, 60)]
    public double AcknowledgeWithinSeconds { get; set; } = 2.5;
}
