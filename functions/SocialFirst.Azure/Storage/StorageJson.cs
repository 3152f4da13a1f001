using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialFirst.Azure.Storage;

/// <summary>
/// One JSON shape for everything the adapters write — queue messages, blobs and REST bodies: camelCase, enums as
/// camelCase strings, nulls left out. One definition keeps an escalation's body byte-for-byte the same whether it goes
/// to Service Bus (REST) or to the standalone stand-in queue.
/// </summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
