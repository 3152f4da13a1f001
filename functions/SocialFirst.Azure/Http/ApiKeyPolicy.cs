using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SocialFirst.Azure.Http;

/// <summary>
/// Puts a key into a request header on every try (Azure.Core's own key policy is internal). The key is read from the
/// <see cref="AzureKeyCredential"/> each time, so <see cref="AzureKeyCredential.Update(string)"/> rotates it.
/// </summary>
public sealed class ApiKeyPolicy(AzureKeyCredential credential, string headerName) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.SetValue(headerName, credential.Key);
    }
}
