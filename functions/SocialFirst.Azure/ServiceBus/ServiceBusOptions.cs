using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Azure.ServiceBus;

/// <summary>
/// Where escalations go: a Service Bus queue reached over the REST API (the Service Bus SDK is not available here).
/// In Azure the function app's managed identity authenticates (role Azure Service Bus Data Sender on the queue, Data
/// Receiver for the dead-letter reader); a SAS key is for local fakes and tests only.
/// </summary>
public sealed class ServiceBusOptions : IValidatableObject
{
    public const string SectionName = "ServiceBus";

    /// <summary>
    /// The namespace host, e.g. <c>sb-x.servicebus.windows.net</c> (https is implied). An absolute http(s) URL is
    /// accepted as well, so tests and local fakes can use <c>http://127.0.0.1:port</c>.
    /// </summary>
    [Required]
    public string FullyQualifiedNamespace { get; set; } = string.Empty;

    /// <summary>The queue that receives escalations. Default <c>escalations</c>.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9.\-_]{0,259}$")]
    public string EscalationsQueue { get; set; } = "escalations";

    /// <summary>Client id of the user-assigned managed identity; null lets DefaultAzureCredential choose.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Tests and local fakes only: the SAS policy name. With <see cref="SasKey"/> it replaces Entra ID.</summary>
    public string? SasKeyName { get; set; }

    /// <summary>Tests and local fakes only: the SAS key (namespaces in Azure run with local auth disabled).</summary>
    public string? SasKey { get; set; }

    /// <summary>Lifetime of each SAS token; a new one is made when less than a tenth of it is left. Default 60 minutes.</summary>
    [Range(1, 24 * 60)]
    public int SasTokenLifetimeMinutes { get; set; } = 60;

    /// <summary>Per-try network timeout. Default 10 s.</summary>
    [Range(1, 300)]
    public int NetworkTimeoutSeconds { get; set; } = 10;

    /// <summary>Retries after the first try for 408/429/5xx and network failures. Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay in milliseconds (exponential after that; Retry-After wins when longer). Default 800.</summary>
    [Range(1, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 800;

    internal bool UsesSas => !string.IsNullOrWhiteSpace(SasKeyName) && !string.IsNullOrWhiteSpace(SasKey);

    /// <summary>The namespace's base address, always ending in a slash.</summary>
    public Uri NamespaceUri()
    {
        var value = FullyQualifiedNamespace.Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return new Uri(absolute.GetLeftPart(UriPartial.Authority) + absolute.AbsolutePath.TrimEnd('/') + "/");
        }

        return new Uri("https://" + value.TrimEnd('/') + "/");
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var value = FullyQualifiedNamespace?.Trim() ?? string.Empty;
        var isUrl = Uri.TryCreate(value, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps);
        var isHost = !isUrl && Uri.CheckHostName(value) == UriHostNameType.Dns;
        if (value.Length > 0 && !isUrl && !isHost)
        {
            yield return new ValidationResult(
                "ServiceBus:FullyQualifiedNamespace must be a host name such as sb-x.servicebus.windows.net or an absolute http(s) URL.",
                [nameof(FullyQualifiedNamespace)]);
        }

        if (string.IsNullOrWhiteSpace(SasKeyName) != string.IsNullOrWhiteSpace(SasKey))
        {
            yield return new ValidationResult("Set both ServiceBus:SasKeyName and ServiceBus:SasKey, or neither (Entra ID).", [nameof(SasKeyName), nameof(SasKey)]);
        }
    }
}
