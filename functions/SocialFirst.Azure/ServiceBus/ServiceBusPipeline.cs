using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using SocialFirst.Azure.Http;

namespace SocialFirst.Azure.ServiceBus;

/// <summary>The HTTP pipeline for the Service Bus REST API: Entra ID (or SAS for fakes), retries, diagnostics.</summary>
public static class ServiceBusPipeline
{
    public const string Scope = "https://servicebus.azure.net/.default";

    /// <summary>
    /// Builds the pipeline. With <see cref="ServiceBusOptions.SasKeyName"/>/<see cref="ServiceBusOptions.SasKey"/> set, SAS
    /// tokens for the escalations queue are signed locally; otherwise a bearer token for <see cref="Scope"/> comes from
    /// <paramref name="credential"/> (default: <see cref="DefaultAzureCredential"/> with the configured managed identity).
    /// Azure.Core refuses bearer tokens over plain http, so Entra ID needs an https endpoint.
    /// </summary>
    public static HttpPipeline Create(ServiceBusOptions options, TimeProvider time, TokenCredential? credential = null, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        HttpPipelinePolicy authentication = options.UsesSas
            ? new SharedAccessSignaturePolicy(
                EntityUri(options).AbsoluteUri,
                options.SasKeyName!,
                options.SasKey!,
                TimeSpan.FromMinutes(options.SasTokenLifetimeMinutes),
                time)
            : new BearerTokenAuthenticationPolicy(
                credential ?? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId }),
                Scope);
        var clientOptions = AzureRestClientOptions.Create(
            options.MaxRetries,
            TimeSpan.FromSeconds(options.NetworkTimeoutSeconds),
            TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
            transport: transport);
        return AzureRestPipeline.Build(clientOptions, authentication);
    }

    /// <summary>The queue's address (no trailing slash), the resource a SAS token is signed for.</summary>
    public static Uri EntityUri(ServiceBusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Uri(options.NamespaceUri(), Uri.EscapeDataString(options.EscalationsQueue));
    }
}
