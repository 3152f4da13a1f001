using System.Globalization;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.WeChat;

/// <summary>
/// One WeChat push (already decrypted in safe mode) → at most one direct message. Events (follow, menu click, scan...)
/// are skipped. Non-text messages keep whatever text they carry: voice → <c>Recognition</c> (speech-to-text, when
/// enabled), location → <c>Label</c>, link → title, description and URL; image/video/file → empty text.
/// </summary>
internal static class WeChatMessageParser
{
    private static readonly HashSet<string> MessageTypes = new(StringComparer.Ordinal)
    {
        "text", "image", "voice", "video", "shortvideo", "location", "link", "file",
    };

    public static ParsedDelivery Parse(IReadOnlyDictionary<string, string> fields, string rawDeliveryRef)
    {
        var toUser = fields.GetValueOrDefault("ToUserName");
        var fromUser = fields.GetValueOrDefault("FromUserName");
        var msgType = fields.GetValueOrDefault("MsgType");
        var createTimeText = fields.GetValueOrDefault("CreateTime");
        if (string.IsNullOrEmpty(toUser) || string.IsNullOrEmpty(fromUser) || string.IsNullOrEmpty(msgType))
        {
            throw new MalformedPayloadException("message needs ToUserName, FromUserName and MsgType");
        }

        if (!long.TryParse(createTimeText, NumberStyles.None, CultureInfo.InvariantCulture, out var createTime)
            || !PlatformTime.TryFromUnixSeconds(createTime, out var createdAt))
        {
            throw new MalformedPayloadException("CreateTime must be Unix seconds");
        }

        var collector = new DeliveryCollector();
        var msgId = fields.GetValueOrDefault("MsgId");
        if (msgType == "event")
        {
            var eventName = fields.GetValueOrDefault("Event");
            collector.Skip($"event '{Describe.Short(eventName)}' ({fromUser}:{createTime}:{Describe.Short(eventName)}) is not something the customer said");
            return collector.Build(WeChatWebhookAdapter.Acknowledgement);
        }

        if (!MessageTypes.Contains(msgType))
        {
            collector.Unknown($"MsgType '{Describe.Short(msgType)}' is not handled");
            return collector.Build(WeChatWebhookAdapter.Acknowledgement);
        }

        // MsgId is the documented dedup key for messages; FromUserName + CreateTime (+ type) when it is missing.
        var eventId = string.IsNullOrEmpty(msgId) ? $"{fromUser}:{createTime}:{msgType}" : msgId;
        collector.Add(new Mention
        {
            Platform = Platform.WeChat,
            BrandAccountId = toUser,
            Kind = MentionKind.DirectMessage,
            EventId = eventId,
            ObjectId = eventId,
            ThreadId = fromUser,
            Author = new MentionAuthor(fromUser),
            Text = TextOf(msgType, fields),
            CreatedAt = createdAt,
            RawDeliveryRef = rawDeliveryRef,
        });
        return collector.Build(WeChatWebhookAdapter.Acknowledgement);
    }

    private static string TextOf(string msgType, IReadOnlyDictionary<string, string> fields) => msgType switch
    {
        "text" => fields.GetValueOrDefault("Content") ?? string.Empty,
        "voice" => fields.GetValueOrDefault("Recognition") ?? string.Empty,
        "location" => fields.GetValueOrDefault("Label") ?? string.Empty,
        "link" => string.Join('\n', new[] { fields.GetValueOrDefault("Title"), fields.GetValueOrDefault("Description"), fields.GetValueOrDefault("Url") }
            .Where(s => !string.IsNullOrWhiteSpace(s))),
        _ => string.Empty,
    };
}
