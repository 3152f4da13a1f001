using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SocialFirst.Azure.ServiceBus;

/// <summary>
/// Service Bus shared access signatures, as documented for the REST API:
/// <c>SharedAccessSignature sr={URL-encoded resource URI}&amp;sig={URL-encoded base64 HMAC-SHA256(key, URL-encoded
/// URI + "\n" + expiry)}&amp;se={expiry, Unix seconds}&amp;skn={key name}</c>. For tests and local fakes only.
/// </summary>
public static class SharedAccessSignature
{
    public static string Create(string resourceUri, string keyName, string key, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var encodedUri = HttpUtility.UrlEncode(resourceUri);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedUri + "\n" + expiry)));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"SharedAccessSignature sr={encodedUri}&sig={HttpUtility.UrlEncode(signature)}&se={expiry}&skn={HttpUtility.UrlEncode(keyName)}");
    }
}

/// <summary>Puts a SAS token into <c>Authorization</c> on every try, renewing it before it expires.</summary>
internal sealed class SharedAccessSignaturePolicy(string resourceUri, string keyName, string key, TimeSpan lifetime, TimeProvider time)
    : HttpPipelineSynchronousPolicy
{
    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _renewAt;

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, Current());
    }

    private string Current()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_token is null || now >= _renewAt)
            {
                _token = SharedAccessSignature.Create(resourceUri, keyName, key, now + lifetime);
                _renewAt = now + (lifetime * 0.9);
            }

            return _token;
        }
    }
}
