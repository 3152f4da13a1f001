using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues.Models;

namespace SocialFirst.Functions.Standalone;

/// <summary>
/// Builds invocation payloads in the shape the Functions host sends to a custom handler, including its quirk of
/// JSON-encoding strings and scalars a second time, so standalone runs exercise the same parsing as Azure.
/// </summary>
public static class HostPayloads
{
    public static byte[] Queue(string bindingName, QueueMessage message, DateTimeOffset now, string functionName)
    {
        ArgumentNullException.ThrowIfNull(message);
        var data = new Dictionary<string, object?> { [bindingName] = Encode(message.Body.ToString()) };
        var metadata = new Dictionary<string, object?>
        {
            ["DequeueCount"] = Encode(message.DequeueCount.ToString(CultureInfo.InvariantCulture)),
            ["Id"] = Encode(message.MessageId),
            ["PopReceipt"] = Encode(message.PopReceipt),
            ["InsertionTime"] = message.InsertedOn,
            ["ExpirationTime"] = message.ExpiresOn,
            ["NextVisibleTime"] = message.NextVisibleOn,
            ["sys"] = Sys(functionName, now),
        };
        return Serialize(data, metadata);
    }

    public static byte[] ServiceBus(string bindingName, string body, string messageId, long deliveryCount, DateTimeOffset? enqueued, DateTimeOffset now, string functionName)
    {
        var data = new Dictionary<string, object?> { [bindingName] = Encode(body) };
        var metadata = new Dictionary<string, object?>
        {
            ["MessageId"] = Encode(messageId),
            ["DeliveryCount"] = Encode(deliveryCount.ToString(CultureInfo.InvariantCulture)),
            ["EnqueuedTimeUtc"] = enqueued,
            ["ContentType"] = Encode("application/json"),
            ["ApplicationProperties"] = new Dictionary<string, object>(),
            ["sys"] = Sys(functionName, now),
        };
        return Serialize(data, metadata);
    }

    public static byte[] Timer(string bindingName, DateTimeOffset? last, DateTimeOffset next, bool isPastDue, DateTimeOffset now, string functionName)
    {
        var data = new Dictionary<string, object?>
        {
            [bindingName] = new
            {
                Schedule = new { AdjustForDST = true },
                ScheduleStatus = new { Last = last ?? DateTimeOffset.MinValue, Next = next, LastUpdated = now },
                IsPastDue = isPastDue,
            },
        };
        return Serialize(data, new Dictionary<string, object?> { ["sys"] = Sys(functionName, now) });
    }

    /// <summary>What the host does to a string or scalar: serialise it as JSON once more.</summary>
    public static string Encode(string value) => JsonSerializer.Serialize(value);

    private static object Sys(string functionName, DateTimeOffset now) => new { MethodName = functionName, UtcNow = now, RandGuid = Guid.NewGuid().ToString() };

    private static byte[] Serialize(Dictionary<string, object?> data, Dictionary<string, object?> metadata) =>
        JsonSerializer.SerializeToUtf8Bytes(new { Data = data, Metadata = metadata });
}
