using System.Text.Json.Serialization;

namespace SocialFirst.Functions.Hosting;

/// <summary>
/// What the handler answers the host: <c>{ "Outputs": {...}, "Logs": [...], "ReturnValue": ... }</c>.
/// Output values are always JSON objects, never bare strings: the host base64-decodes any output string that
/// happens to be valid base64 (Azure/azure-functions-host#8352).
/// </summary>
public sealed class InvocationResult
{
    [JsonPropertyName("Outputs")]
    public Dictionary<string, object?> Outputs { get; } = new(StringComparer.Ordinal);

    [JsonPropertyName("Logs")]
    public List<string> Logs { get; } = [];

    [JsonPropertyName("ReturnValue")]
    public object? ReturnValue { get; set; }

    public InvocationResult Log(string line)
    {
        Logs.Add(line);
        return this;
    }
}
