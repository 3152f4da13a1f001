using System.Text;
using SocialFirst.Core.Ingestion;

namespace SocialFirst.Platforms.Tests.TestSupport;

internal static class Requests
{
    private static readonly Dictionary<string, string> None = [];

    public static WebhookRequest Get(params (string Key, string Value)[] query) =>
        new("GET", query.ToDictionary(q => q.Key, q => q.Value), None, ReadOnlyMemory<byte>.Empty);

    public static WebhookRequest Post(byte[] body, IReadOnlyDictionary<string, string>? headers = null, IReadOnlyDictionary<string, string>? query = null) =>
        new("POST", query ?? None, headers ?? None, body);

    public static WebhookRequest Post(string body, IReadOnlyDictionary<string, string>? headers = null, IReadOnlyDictionary<string, string>? query = null) =>
        Post(Encoding.UTF8.GetBytes(body), headers, query);

    public static Dictionary<string, string> Header(string name, string value) => new() { [name] = value };
}
