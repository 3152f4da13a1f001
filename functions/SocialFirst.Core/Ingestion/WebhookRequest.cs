namespace SocialFirst.Core.Ingestion;

/// <summary>
/// A webhook request as the platform sent it: the raw body bytes (signatures are computed over these, never over
/// re-serialised JSON), the query and the headers. Header names are case-insensitive.
/// </summary>
public sealed class WebhookRequest
{
    public WebhookRequest(
        string method,
        IReadOnlyDictionary<string, string> query,
        IReadOnlyDictionary<string, string> headers,
        ReadOnlyMemory<byte> body)
    {
        Method = method;
        Query = new Dictionary<string, string>(query, StringComparer.Ordinal);
        Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        Body = body;
    }

    public string Method { get; }

    public IReadOnlyDictionary<string, string> Query { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public bool IsGet => string.Equals(Method, "GET", StringComparison.OrdinalIgnoreCase);

    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) ? v : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
