using System.Text.Json;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.X;

/// <summary>
/// Account Activity API events for one subscribed user (<c>for_user_id</c>): tweets that mention or reply to the
/// brand, DMs, tweet deletions. Everything the brand itself did is skipped. See docs/platforms/x.md.
/// </summary>
internal static class XPayloadParser
{
    /// <summary>Top-level keys that are metadata, not events.</summary>
    private static readonly HashSet<string> MetadataKeys = new(StringComparer.Ordinal) { "for_user_id", "user_has_blocked", "users", "apps", "source" };

    /// <summary>Event arrays that never carry something a customer said.</summary>
    private static readonly HashSet<string> SkippedEventArrays = new(StringComparer.Ordinal)
    {
        "favorite_events", "follow_events", "unfollow_events", "block_events", "unblock_events", "mute_events",
        "unmute_events", "direct_message_indicate_typing_events", "direct_message_mark_read_events", "user_event",
        "tweet_engagement_events",
    };

    public static ParsedDelivery Parse(ReadOnlyMemory<byte> body, string rawDeliveryRef)
    {
        using var document = JsonReading.ParseBody(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPayloadException("body must be a JSON object");
        }

        var forUserId = root.NonEmpty("for_user_id");
        if (forUserId is null)
        {
            throw new MalformedPayloadException("missing \"for_user_id\"");
        }

        var context = new Context(forUserId, rawDeliveryRef, root.Obj("users"));
        var collector = new DeliveryCollector();
        foreach (var property in root.EnumerateObject())
        {
            var key = property.Name;
            if (MetadataKeys.Contains(key))
            {
                continue;
            }

            switch (key)
            {
                case "tweet_create_events":
                    Each(property.Value, key, collector, (e, where) => ParseTweet(e, where, context, collector));
                    break;
                case "direct_message_events":
                    Each(property.Value, key, collector, (e, where) => ParseDirectMessage(e, where, context, collector));
                    break;
                case "tweet_delete_events":
                    Each(property.Value, key, collector, (e, where) => ParseDelete(e, where, context, collector));
                    break;
                case var _ when SkippedEventArrays.Contains(key):
                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        Each(property.Value, key, collector, (_, where) => collector.Skip($"{where}: not something a customer said"));
                    }
                    else
                    {
                        collector.Skip($"{key}: not something a customer said");
                    }

                    break;
                default:
                    collector.Unknown($"{Describe.Short(key)}: event type is not handled");
                    break;
            }
        }

        return collector.Build(string.Empty);
    }

    private static void Each(JsonElement array, string key, DeliveryCollector collector, Action<JsonElement, string> handle)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            collector.Unknown($"{key}: expected an array");
            return;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            handle(item, $"{key}[{index++}]");
        }
    }

    private static void ParseTweet(JsonElement tweet, string where, Context context, DeliveryCollector collector)
    {
        var id = tweet.NonEmpty("id_str") ?? tweet.NonEmpty("id");
        var user = tweet.Obj("user");
        var authorId = user?.NonEmpty("id_str") ?? user?.NonEmpty("id");
        if (id is null || authorId is null)
        {
            collector.Unknown($"{where}: tweet without id or user");
            return;
        }

        if (authorId == context.ForUserId)
        {
            collector.Skip($"{where}: the brand's own tweet {id}");
            return;
        }

        if (tweet.Obj("retweeted_status") is not null)
        {
            collector.Skip($"{where}: retweet {id} adds no text of its own");
            return;
        }

        if (!TryTweetTime(tweet, out var createdAt))
        {
            collector.Unknown($"{where}: tweet {id} has no usable time");
            return;
        }

        var inReplyTo = tweet.NonEmpty("in_reply_to_status_id_str") ?? tweet.NonEmpty("in_reply_to_status_id");
        var screenName = user!.Value.NonEmpty("screen_name");
        var lang = tweet.NonEmpty("lang");
        collector.Add(new Mention
        {
            Platform = Platform.X,
            BrandAccountId = context.ForUserId,
            Kind = inReplyTo is null ? MentionKind.Mention : MentionKind.Reply,
            EventId = id,
            ObjectId = id,
            ThreadId = inReplyTo ?? id,
            ParentId = inReplyTo,
            Author = new MentionAuthor(authorId, screenName, user.Value.NonEmpty("name"), user.Value.Int64("followers_count")),
            Text = tweet.Obj("extended_tweet")?.Str("full_text") ?? tweet.Str("full_text") ?? tweet.Str("text") ?? string.Empty,
            LanguageHint = lang is null or "und" ? null : lang,
            CreatedAt = createdAt,
            Permalink = screenName is null
                ? $"https://x.com/i/web/status/{Uri.EscapeDataString(id)}"
                : $"https://x.com/{Uri.EscapeDataString(screenName)}/status/{Uri.EscapeDataString(id)}",
            RawDeliveryRef = context.RawDeliveryRef,
        });
    }

    private static void ParseDirectMessage(JsonElement dm, string where, Context context, DeliveryCollector collector)
    {
        var type = dm.Str("type");
        if (type != "message_create")
        {
            collector.Unknown($"{where}: direct message event type '{Describe.Short(type)}'");
            return;
        }

        var id = dm.NonEmpty("id");
        var create = dm.Obj("message_create");
        var senderId = create?.NonEmpty("sender_id");
        if (id is null || create is null || senderId is null)
        {
            collector.Unknown($"{where}: message_create without id or sender_id");
            return;
        }

        if (senderId == context.ForUserId)
        {
            collector.Skip($"{where}: DM {id} sent by the brand");
            return;
        }

        if (!(dm.Int64("created_timestamp") is { } ms && PlatformTime.TryFromUnixMilliseconds(ms, out var createdAt)))
        {
            collector.Unknown($"{where}: DM {id} has no usable created_timestamp");
            return;
        }

        // Sender details live in the side map "users", keyed by id.
        var user = context.Users?.Obj(senderId);
        collector.Add(new Mention
        {
            Platform = Platform.X,
            BrandAccountId = context.ForUserId,
            Kind = MentionKind.DirectMessage,
            EventId = id,
            ObjectId = id,
            ThreadId = senderId,
            Author = new MentionAuthor(senderId, user?.NonEmpty("screen_name"), user?.NonEmpty("name"), user?.Int64("followers_count")),
            Text = create.Value.Obj("message_data")?.Str("text") ?? string.Empty,
            CreatedAt = createdAt,
            RawDeliveryRef = context.RawDeliveryRef,
        });
    }

    private static void ParseDelete(JsonElement deletion, string where, Context context, DeliveryCollector collector)
    {
        var status = deletion.Obj("status");
        var id = status?.NonEmpty("id") ?? status?.NonEmpty("id_str");
        var userId = status?.NonEmpty("user_id") ?? status?.NonEmpty("user_id_str");
        if (id is null)
        {
            collector.Unknown($"{where}: delete without status.id");
            return;
        }

        if (userId == context.ForUserId)
        {
            collector.Skip($"{where}: the brand deleted its own tweet {id}");
            return;
        }

        if (!(deletion.Int64("timestamp_ms") is { } ms && PlatformTime.TryFromUnixMilliseconds(ms, out var deletedAt)))
        {
            collector.Unknown($"{where}: delete of {id} has no usable timestamp_ms");
            return;
        }

        // A delete does not say whether the tweet was a reply: the kind is a placeholder, the ObjectId is what counts.
        collector.Add(new Mention
        {
            Platform = Platform.X,
            BrandAccountId = context.ForUserId,
            Kind = MentionKind.Mention,
            Change = MentionChange.Deleted,
            EventId = id,
            ObjectId = id,
            Author = new MentionAuthor(userId ?? string.Empty),
            CreatedAt = deletedAt,
            RawDeliveryRef = context.RawDeliveryRef,
        });
    }

    /// <summary><c>timestamp_ms</c> (milliseconds, as a string) when present, else <c>created_at</c>.</summary>
    private static bool TryTweetTime(JsonElement tweet, out DateTimeOffset createdAt)
    {
        if (tweet.Int64("timestamp_ms") is { } ms && PlatformTime.TryFromUnixMilliseconds(ms, out createdAt))
        {
            return true;
        }

        return PlatformTime.TryParseClassicTwitter(tweet.Str("created_at"), out createdAt);
    }

    private sealed record Context(string ForUserId, string RawDeliveryRef, JsonElement? Users);
}
