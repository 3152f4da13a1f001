using System.Text.Json;

namespace SocialFirst.Functions.Hosting;

/// <summary>
/// Reads values from the host's invocation payload. The host JSON-encodes strings and scalars a second time
/// (a queue body <c>{"a":1}</c> arrives as <c>"\"{\\\"a\\\":1}\""</c>, a dequeue count as <c>"1"</c> or <c>"\"1\""</c>),
/// while objects arrive as objects; this helper accepts every form.
/// </summary>
public static class HostValue
{
    /// <summary>The value as text: strings unwrapped (twice if they are a JSON string literal), objects as raw JSON.</summary>
    public static string? AsString(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined:
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                var s = value.GetString()!;
                return UnwrapJsonStringLiteral(s);
            case JsonValueKind.Object:
            case JsonValueKind.Array:
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
            default:
                return value.GetRawText();
        }
    }

    public static long? AsLong(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n
        : long.TryParse(AsString(value), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m
        : null;

    /// <summary>If <paramref name="s"/> is itself a JSON string literal (<c>"..."</c>), returns its content; else <paramref name="s"/>.</summary>
    public static string UnwrapJsonStringLiteral(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var trimmed = s.AsSpan().Trim();
        if (trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(trimmed) ?? s;
            }
            catch (JsonException)
            {
                return s;
            }
        }

        return s;
    }
}
