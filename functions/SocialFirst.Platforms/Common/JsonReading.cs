using System.Globalization;
using System.Text.Json;

namespace SocialFirst.Platforms.Common;

/// <summary>
/// Tolerant readers over <see cref="JsonElement"/>: they never throw on a wrong type, they return null instead.
/// Ids are read as strings whether the platform sent a string or a number (the number's exact digits are kept,
/// so X and Weibo ids above 2^53 survive).
/// </summary>
internal static class JsonReading
{
    public static bool TryProperty(this JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A string, or the literal digits of a number; null when absent, null or of another type.</summary>
    public static string? Str(this JsonElement element, string name)
    {
        if (!element.TryProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>Like <see cref="Str"/> but an empty string counts as absent.</summary>
    public static string? NonEmpty(this JsonElement element, string name)
    {
        var value = element.Str(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static JsonElement? Obj(this JsonElement element, string name) =>
        element.TryProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>The items of an array property; empty when absent or not an array.</summary>
    public static IEnumerable<JsonElement> Arr(this JsonElement element, string name) =>
        element.TryProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    public static bool IsArray(this JsonElement element, string name) =>
        element.TryProperty(name, out var value) && value.ValueKind == JsonValueKind.Array;

    /// <summary>An integer given as a JSON number or as a numeric string.</summary>
    public static long? Int64(this JsonElement element, string name)
    {
        if (!element.TryProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }

    /// <summary>True for JSON true and for the string "true" (X sends some flags as strings).</summary>
    public static bool Flag(this JsonElement element, string name)
    {
        if (!element.TryProperty(name, out var value))
        {
            return false;
        }

        return value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Parses the whole body; a syntax error becomes a <see cref="SocialFirst.Core.Ingestion.MalformedPayloadException"/>.</summary>
    public static JsonDocument ParseBody(ReadOnlyMemory<byte> body)
    {
        // A UTF-8 byte order mark is tolerated (the signature was already checked over the bytes as sent).
        if (body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new SocialFirst.Core.Ingestion.MalformedPayloadException("body is not valid JSON", ex);
        }
    }
}
