using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Azure.Language;

/// <summary>Which classifier answers <c>IMentionClassifier</c>.</summary>
public enum LanguageMode
{
    /// <summary>Only the embedded classifier (no cloud, no cost). The default.</summary>
    Embedded,

    /// <summary>Every mention goes to Azure AI Language; the embedded classifier adds the care categories.</summary>
    Azure,

    /// <summary>Embedded first; Azure only for unsure or possibly urgent mentions, within a monthly budget.</summary>
    Cascade,
}

/// <summary>
/// Azure AI Language (text analysis REST API, <c>language/:analyze-text</c>). In Azure the key comes from Key Vault
/// (<c>Language__ApiKey</c> as a Key Vault reference) or is left empty to use Entra ID (managed identity with the
/// Cognitive Services User role; needs a custom-subdomain endpoint).
/// </summary>
public sealed class LanguageOptions : IValidatableObject
{
    public const string SectionName = "Language";

    /// <summary>Embedded (default), Azure or Cascade.</summary>
    public LanguageMode Mode { get; set; } = LanguageMode.Embedded;

    /// <summary>The resource endpoint, e.g. <c>https://lang-x.cognitiveservices.azure.com</c>. Required unless Mode is Embedded.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Resource key (header <c>Ocp-Apim-Subscription-Key</c>); empty means Entra ID.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Client id of the user-assigned managed identity for Entra ID; null lets DefaultAzureCredential choose.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>REST API version. Default <c>2024-11-01</c> (the response shapes we parse are from that version).</summary>
    [Required]
    [RegularExpression(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
    public string ApiVersion { get; set; } = "2024-11-01";

    /// <summary>
    /// Documents (mentions) the cascade may send to Azure per calendar month (UTC). Default 5000. Each document is billed
    /// as one text record per feature per started 1,000 characters, so four records or more (see docs/azure-language.md).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MonthlyDocumentBudget { get; set; } = 5000;

    /// <summary>
    /// Documents an instance takes from the shared monthly budget at a time (Table <c>ClassifierBudget</c>), so most
    /// cascade calls need no storage round trip. Default 20. The budget can be under-used by at most one block per
    /// instance, never exceeded.
    /// </summary>
    [Range(1, 10_000)]
    public int BudgetBlockSize { get; set; } = 20;

    /// <summary>The cascade asks Azure when the embedded certainty is below this. Default 0.6.</summary>
    [Range(0.0, 1.0)]
    public double CascadeCertaintyThreshold { get; set; } = 0.6;

    /// <summary>The cascade asks Azure when the provisional urgency score is above this. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double CascadeUrgencyThreshold { get; set; } = 0.5;

    /// <summary>How long the cascade waits for Azure (all retries included) before keeping the embedded result. Default 20 s.</summary>
    [Range(1, 600)]
    public int CascadeTimeoutSeconds { get; set; } = 20;

    /// <summary>Per-try network timeout. Default 10 s.</summary>
    [Range(1, 300)]
    public int NetworkTimeoutSeconds { get; set; } = 10;

    /// <summary>Retries after the first try for 408/429/5xx and network failures (403 quota is never retried). Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay in milliseconds (exponential after that; Retry-After wins when longer). Default 800.</summary>
    [Range(1, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 800;

    /// <summary>Ask the service not to log the texts for troubleshooting (<c>loggingOptOut</c>). Default true: customer texts.</summary>
    public bool LoggingOptOut { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == LanguageMode.Embedded)
        {
            yield break;
        }

        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult(
                $"Language:Endpoint must be an absolute https URL (for example https://lang-x.cognitiveservices.azure.com) when Language:Mode is {Mode}.",
                [nameof(Endpoint)]);
        }
        else if (string.IsNullOrWhiteSpace(ApiKey) && Endpoint.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("Language:Endpoint must use https for Entra ID; set Language:ApiKey for a plain-http test endpoint.", [nameof(Endpoint)]);
        }
    }
}
