using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Core.Ingestion;

/// <summary>Limits for webhook ingestion.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest body accepted, in bytes (default 1 MiB; Meta batches up to 1000 changes, well under that). Larger → 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
