using System.Text.Json;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.Weibo;

/// <summary>
/// One Weibo push → at most one mention: private messages (text, position, voice, image) are direct messages,
/// <c>mention</c> (被@消息) is a mention, <c>event</c> is skipped, any other type is unknown (Weibo asks receivers to
/// tolerate new types).
/// </summary>
internal static class WeiboPayloadParser
{
    private static readonly HashSet<string> PrivateMessageTypes = new(StringComparer.Ordinal) { "text", "position", "voice", "image" };

    public static ParsedDelivery Parse(ReadOnlyMemory<byte> body, string rawDeliveryRef)
    {
        var firstByte = FirstNonWhitespace(body.Span);
        if (firstByte == (byte)'<')
        {
            throw new MalformedPayloadException("Weibo XML compatibility mode is not supported: switch the push to JSON");
        }

        using var document = JsonReading.ParseBody(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPayloadException("body must be a JSON object");
        }

        var type = root.NonEmpty("type");
        var receiverId = root.NonEmpty("receiver_id");
        var senderId = root.NonEmpty("sender_id");
        var createdAtText = root.NonEmpty("created_at");
        if (type is null || receiverId is null || senderId is null || createdAtText is null)
        {
            throw new MalformedPayloadException("push needs type, receiver_id, sender_id and created_at");
        }

        // The documented dedup key: sender_id + created_at (Weibo pushes carry no message id); type keeps an event
        // and a message of the same second apart.
        var eventId = $"{senderId}:{createdAtText}:{type}";
        var collector = new DeliveryCollector();
        if (type == "event")
        {
            var subtype = root.Obj("data")?.Str("subtype");
            collector.Skip($"event '{Describe.Short(subtype)}' ({Describe.Short(eventId)}) is not something the customer said");
            return collector.Build(string.Empty);
        }

        MentionKind kind;
        if (PrivateMessageTypes.Contains(type))
        {
            kind = MentionKind.DirectMessage;
        }
        else if (type == "mention")
        {
            kind = MentionKind.Mention;
        }
        else
        {
            collector.Unknown($"type '{Describe.Short(type)}' is not handled");
            return collector.Build(string.Empty);
        }

        if (!PlatformTime.TryParseClassicTwitter(createdAtText, out var createdAt))
        {
            throw new MalformedPayloadException("created_at is not in the 'Mon Jul 16 18:09:20 +0800 2012' format");
        }

        collector.Add(new Mention
        {
            Platform = Platform.Weibo,
            BrandAccountId = receiverId,
            Kind = kind,
            EventId = eventId,
            ObjectId = eventId,
            ThreadId = senderId,
            Author = new MentionAuthor(senderId),
            // For position/voice/image Weibo fills in its default wording (e.g. 发送了一个位置) when the user typed none.
            Text = root.Str("text") ?? string.Empty,
            CreatedAt = createdAt,
            RawDeliveryRef = rawDeliveryRef,
        });
        return collector.Build(string.Empty);
    }

    private static byte FirstNonWhitespace(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
            {
                return b;
            }
        }

        return 0;
    }
}
