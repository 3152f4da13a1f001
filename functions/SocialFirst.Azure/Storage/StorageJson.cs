using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialFirst.Azure.Storage;

/// <summary>One JSON shape for everything we put into queues and blobs: camelCase, enums as strings.</summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
