using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Azure.Storage;

/// <summary>
/// Where our tables, queues and blobs live. Locally a connection string (Azurite); in Azure the service URIs and a
/// managed identity. When this section is empty, the Functions host's own <c>AzureWebJobsStorage</c> settings are used.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>Connection string, for Azurite only (shared keys are off in Azure).</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; null uses DefaultAzureCredential's own choice.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Queue between ingestion and triage (the app setting <c>MentionsQueue</c> names it for the host too).</summary>
    [RegularExpression("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$")]
    public string MentionsQueue { get; set; } = "mentions";

    /// <summary>Standalone stand-in for the Service Bus queue of the same name.</summary>
    [RegularExpression("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$")]
    public string EscalationsQueue { get; set; } = "escalations";

    [RegularExpression("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$")]
    public string RawDeliveriesContainer { get; set; } = "raw-deliveries";

    /// <summary>Prepended to every table name (letters and digits), so several deployments or test runs can share an account.</summary>
    [RegularExpression("^[A-Za-z0-9]{0,20}$")]
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>Per-try network timeout. Kept short so a webhook answers 503 within the platform's time limit.</summary>
    [Range(1, 120)]
    public int NetworkTimeoutSeconds { get; set; } = 3;

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// Most connections the storage clients open to one endpoint (blob, queue or table service); further requests wait
    /// for a free one. Without a limit (.NET's default on SocketsHttpHandler, and so Azure.Core's) a short storage stall
    /// makes the pool open hundreds of connections at once; locally that overflows Azurite's accept queue and each
    /// dropped SYN costs 1-3 s (docs/benchmarks.md). 0 means no limit. Default 64.
    /// </summary>
    [Range(0, 10_000)]
    public int MaxConnectionsPerEndpoint { get; set; } = 64;

    public string TableName(string baseName) => TablePrefix + baseName;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasUris = BlobServiceUri is not null && QueueServiceUri is not null && TableServiceUri is not null;
        if (string.IsNullOrWhiteSpace(ConnectionString) && !hasUris)
        {
            yield return new ValidationResult(
                "Set Storage:ConnectionString (Azurite) or Storage:BlobServiceUri, Storage:QueueServiceUri and Storage:TableServiceUri " +
                "(or the host's AzureWebJobsStorage / AzureWebJobsStorage__*ServiceUri settings).",
                [nameof(ConnectionString)]);
        }
    }
}
