using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SocialFirst.Azure.Http;

/// <summary>Builds the Azure.Core pipeline for a REST adapter: retry, diagnostics and one authentication policy.</summary>
public static class AzureRestPipeline
{
    /// <summary>
    /// A pipeline whose authentication policy runs once per try (so a refreshed token or SAS goes into each retry).
    /// </summary>
    public static HttpPipeline Build(AzureRestClientOptions options, HttpPipelinePolicy authentication)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(authentication);
        return HttpPipelineBuilder.Build(options, [], [authentication], new ResponseClassifier());
    }

    /// <summary>Reads a header of the response, or null.</summary>
    public static string? Header(this Response response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValue(name, out var value) ? value : null;
    }
}
