namespace SocialFirst.Functions.Api;

/// <summary>The read/agent API's own key, used in standalone mode (under the Functions host, function keys protect it).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// Sent by callers as <c>X-Api-Key</c> (or <c>x-functions-key</c>). Empty, or an unresolved Key Vault reference,
    /// means the API refuses every call.
    /// </summary>
    public string Key { get; set; } = string.Empty;

    public bool IsUsable => !string.IsNullOrWhiteSpace(Key) && !Key.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);
}
