using System.Text.Json;

namespace SocialFirst.Functions.Hosting;

/// <summary>The body the Functions host POSTs to <c>/{FunctionName}</c>: <c>{ "Data": {...}, "Metadata": {...} }</c>.</summary>
public sealed class InvocationRequest
{
    private readonly JsonElement _data;
    private readonly JsonElement _metadata;

    private InvocationRequest(JsonElement data, JsonElement metadata)
    {
        _data = data;
        _metadata = metadata;
    }

    /// <summary>Parses a host payload; keys are matched case-insensitively, as the host's own reader does.</summary>
    public static InvocationRequest Parse(ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("invocation payload is not a JSON object");
        }

        var data = Property(doc.RootElement, "Data")?.Clone() ?? EmptyObject();
        var metadata = Property(doc.RootElement, "Metadata")?.Clone() ?? EmptyObject();
        return new InvocationRequest(data, metadata);
    }

    /// <summary>Parses a host payload held in a span (copies it; prefer the memory overload on hot paths).</summary>
    public static InvocationRequest Parse(ReadOnlySpan<byte> json) => Parse(json.ToArray().AsMemory());

    /// <summary>A trigger or input binding's value as text (unwrapped), or null when absent.</summary>
    public string? Data(string bindingName) => Property(_data, bindingName) is { } v ? HostValue.AsString(v) : null;

    public JsonElement? DataElement(string bindingName) => Property(_data, bindingName);

    public string? Metadata(string name) => Property(_metadata, name) is { } v ? HostValue.AsString(v) : null;

    public long? MetadataNumber(string name) => Property(_metadata, name) is { } v ? HostValue.AsLong(v) : null;

    private static JsonElement? Property(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static JsonElement EmptyObject()
    {
        using var doc = JsonDocument.Parse("{}");
        return doc.RootElement.Clone();
    }
}
