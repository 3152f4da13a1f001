using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialFirst.Azure.Http;

/// <summary>JSON for the REST adapters: camelCase, enums as camelCase strings, nulls left out.</summary>
public static class RestJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
