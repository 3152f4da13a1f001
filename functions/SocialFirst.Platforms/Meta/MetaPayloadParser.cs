using System.Text.Json;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.Meta;

/// <summary>
/// Turns a Meta Graph webhook body into mentions. Every entry, every change and every messaging event is its own
/// item: it becomes a mention, a skip (with why) or an unknown. Field-by-field rules: docs/platforms/meta.md.
/// </summary>
internal static class MetaPayloadParser
{
    private static readonly HashSet<string> PostItems = new(StringComparer.Ordinal) { "post", "status", "photo", "video", "share" };

    private static readonly HashSet<string> ReactionItems = new(StringComparer.Ordinal) { "reaction", "like" };

    /// <summary>Messaging events that are not something a customer said.</summary>
    private static readonly string[] SkippedMessagingEvents =
    [
        "read", "delivery", "reaction", "postback", "optin", "referral", "account_linking", "pass_thread_control",
        "take_thread_control", "request_thread_control", "app_roles", "policy_enforcement", "game_play", "messaging_feedback",
    ];

    public static ParsedDelivery Parse(ReadOnlyMemory<byte> body, string rawDeliveryRef)
    {
        using var document = JsonReading.ParseBody(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPayloadException("body must be a JSON object");
        }

        var objectType = root.Str("object");
        if (string.IsNullOrEmpty(objectType))
        {
            throw new MalformedPayloadException("missing \"object\"");
        }

        if (!root.IsArray("entry"))
        {
            throw new MalformedPayloadException("\"entry\" must be an array");
        }

        var collector = new DeliveryCollector();
        Platform platform;
        switch (objectType)
        {
            case "page":
                platform = Platform.Facebook;
                break;
            case "instagram":
                platform = Platform.Instagram;
                break;
            default:
                collector.Unknown($"object '{Describe.Short(objectType)}' is not handled");
                return collector.Build(string.Empty);
        }

        var index = 0;
        foreach (var entry in root.Arr("entry"))
        {
            ParseEntry(entry, new EntryContext(platform, string.Empty, null, rawDeliveryRef, $"entry[{index++}]"), collector);
        }

        return collector.Build(string.Empty);
    }

    private static void ParseEntry(JsonElement entry, EntryContext context, DeliveryCollector collector)
    {
        var brandAccountId = entry.Str("id");
        if (string.IsNullOrEmpty(brandAccountId))
        {
            collector.Unknown($"{context.Where}: entry without id");
            return;
        }

        context = context with { BrandAccountId = brandAccountId, EntryTime = entry.Int64("time") };
        var handled = false;

        if (entry.IsArray("changes"))
        {
            handled = true;
            var index = 0;
            foreach (var change in entry.Arr("changes"))
            {
                ParseChange(change, context with { Where = $"{context.Where}.changes[{index++}]" }, collector);
            }
        }

        // Business Login for Instagram puts field/value straight on the entry.
        if (entry.TryProperty("field", out _) && entry.TryProperty("value", out _))
        {
            handled = true;
            ParseChange(entry, context, collector);
        }

        // "standby" carries customer messages while another app (e.g. the Page inbox) owns the thread: still customer
        // messages to the brand, so they are read like "messaging".
        foreach (var channel in (string[])["messaging", "standby"])
        {
            if (!entry.IsArray(channel))
            {
                continue;
            }

            handled = true;
            var index = 0;
            foreach (var messagingEvent in entry.Arr(channel))
            {
                ParseMessaging(messagingEvent, context with { Where = $"{context.Where}.{channel}[{index++}]" }, collector);
            }
        }

        if (!handled)
        {
            collector.Unknown($"{context.Where}: entry has no changes or messaging");
        }
    }

    private static void ParseChange(JsonElement change, EntryContext context, DeliveryCollector collector)
    {
        var field = change.Str("field");
        var value = change.Obj("value");
        if (string.IsNullOrEmpty(field) || value is not { } v)
        {
            collector.Unknown($"{context.Where}: change without field or value object");
            return;
        }

        switch (context.Platform, field)
        {
            case (Platform.Facebook, "feed"):
                ParseFeed(v, context, collector);
                break;
            case (Platform.Facebook, "mention"):
                ParseFacebookMention(v, context, collector);
                break;
            case (Platform.Instagram, "comments" or "live_comments"):
                ParseInstagramComment(v, context, collector);
                break;
            case (Platform.Instagram, "mentions"):
                ParseInstagramMention(v, context, collector);
                break;
            default:
                collector.Unknown($"{context.Where}: field '{Describe.Short(field)}' is not handled");
                break;
        }
    }

    private static void ParseFeed(JsonElement value, EntryContext context, DeliveryCollector collector)
    {
        var item = value.Str("item") ?? string.Empty;
        var verb = value.Str("verb") ?? "add";
        if (ReactionItems.Contains(item))
        {
            collector.Skip($"{context.Where}: feed {item} {Describe.Short(verb)}: reactions and likes are not mentions");
            return;
        }

        if (!TryMapVerb(verb, out var change))
        {
            collector.Unknown($"{context.Where}: feed {Describe.Short(item)} with verb '{Describe.Short(verb)}'");
            return;
        }

        var author = FacebookAuthor(value);
        if (author.Id == context.BrandAccountId)
        {
            collector.Skip($"{context.Where}: the page's own {Describe.Short(item)} ({verb})");
            return;
        }

        var postId = value.NonEmpty("post_id");
        var permalink = value.NonEmpty("permalink_url");
        string objectId;
        MentionKind kind;
        string? threadId;
        string? parentId;
        if (item == "comment")
        {
            var commentId = value.NonEmpty("comment_id");
            if (commentId is null)
            {
                collector.Unknown($"{context.Where}: feed comment without comment_id");
                return;
            }

            var parent = value.NonEmpty("parent_id");
            kind = parent is not null && parent != postId ? MentionKind.Reply : MentionKind.Comment;
            objectId = commentId;
            threadId = postId;
            parentId = parent ?? postId;
            permalink ??= FacebookLinks.Comment(postId, commentId);
        }
        else if (PostItems.Contains(item))
        {
            var id = postId ?? value.NonEmpty("photo_id") ?? value.NonEmpty("video_id") ?? value.NonEmpty("share_id");
            if (id is null)
            {
                collector.Unknown($"{context.Where}: feed {item} without post_id");
                return;
            }

            kind = MentionKind.Post;
            objectId = id;
            threadId = postId ?? id;
            parentId = null;
            permalink ??= FacebookLinks.Post(postId);
        }
        else
        {
            collector.Unknown($"{context.Where}: feed item '{Describe.Short(item)}' is not handled");
            return;
        }

        if (!TryCreatedAt(value, context, out var createdAt))
        {
            collector.Unknown($"{context.Where}: feed {item} {objectId} has no usable time");
            return;
        }

        var text = value.Str("message") ?? string.Empty;
        collector.Add(new Mention
        {
            Platform = context.Platform,
            BrandAccountId = context.BrandAccountId,
            Kind = kind,
            Change = change,
            EventId = change == MentionChange.Edited ? EventIds.ForEdit(objectId, text) : objectId,
            ObjectId = objectId,
            ThreadId = threadId,
            ParentId = parentId,
            Author = author,
            Text = text,
            CreatedAt = createdAt,
            Permalink = permalink,
            RawDeliveryRef = context.RawDeliveryRef,
        });
    }

    private static void ParseFacebookMention(JsonElement value, EntryContext context, DeliveryCollector collector)
    {
        var item = value.Str("item") ?? "post";
        var verb = value.Str("verb") ?? "add";
        if (!TryMapVerb(verb, out var change))
        {
            collector.Unknown($"{context.Where}: mention {Describe.Short(item)} with verb '{Describe.Short(verb)}'");
            return;
        }

        var author = FacebookAuthor(value);
        if (author.Id == context.BrandAccountId)
        {
            collector.Skip($"{context.Where}: the page mentioned itself");
            return;
        }

        var postId = value.NonEmpty("post_id");
        var commentId = value.NonEmpty("comment_id");
        var objectId = commentId ?? postId;
        if (objectId is null)
        {
            collector.Unknown($"{context.Where}: mention without post_id or comment_id");
            return;
        }

        if (!TryCreatedAt(value, context, out var createdAt))
        {
            collector.Unknown($"{context.Where}: mention {objectId} has no usable time");
            return;
        }

        var text = value.Str("message") ?? string.Empty;
        collector.Add(new Mention
        {
            Platform = context.Platform,
            BrandAccountId = context.BrandAccountId,
            Kind = MentionKind.Mention,
            Change = change,
            // Prefixed: the same comment can also arrive through "feed" (with its text) and must not be swallowed as
            // a duplicate of a text-less mention notification.
            EventId = "mention:" + (change == MentionChange.Edited ? EventIds.ForEdit(objectId, text) : objectId),
            ObjectId = objectId,
            ThreadId = postId,
            ParentId = commentId is null ? null : value.NonEmpty("parent_id") ?? postId,
            Author = author,
            Text = text,
            CreatedAt = createdAt,
            Permalink = value.NonEmpty("permalink_url") ?? (commentId is null ? FacebookLinks.Post(postId) : FacebookLinks.Comment(postId, commentId)),
            RawDeliveryRef = context.RawDeliveryRef,
        });
    }

    private static void ParseInstagramComment(JsonElement value, EntryContext context, DeliveryCollector collector)
    {
        var commentId = value.NonEmpty("id") ?? value.NonEmpty("comment_id");
        if (commentId is null)
        {
            collector.Unknown($"{context.Where}: comment without id or comment_id");
            return;
        }

        var from = value.Obj("from");
        var authorId = from?.Str("id") ?? string.Empty;
        if (authorId == context.BrandAccountId)
        {
            collector.Skip($"{context.Where}: the account's own comment {commentId}");
            return;
        }

        var verb = value.Str("verb") ?? "add";
        if (!TryMapVerb(verb, out var change))
        {
            collector.Unknown($"{context.Where}: comment with verb '{Describe.Short(verb)}'");
            return;
        }

        // Instagram comment notifications carry no creation time: entry.time (when Meta sent it) stands in.
        if (!TryCreatedAt(value, context, out var createdAt))
        {
            collector.Unknown($"{context.Where}: comment {commentId} has no usable time");
            return;
        }

        var mediaId = value.Obj("media")?.NonEmpty("id");
        var parentId = value.NonEmpty("parent_id");
        var text = value.Str("text") ?? string.Empty;
        collector.Add(new Mention
        {
            Platform = context.Platform,
            BrandAccountId = context.BrandAccountId,
            Kind = parentId is null ? MentionKind.Comment : MentionKind.Reply,
            Change = change,
            EventId = change == MentionChange.Edited ? EventIds.ForEdit(commentId, text) : commentId,
            ObjectId = commentId,
            ThreadId = mediaId,
            ParentId = parentId ?? mediaId,
            Author = new MentionAuthor(authorId, Handle: from?.NonEmpty("username")),
            Text = text,
            CreatedAt = createdAt,
            RawDeliveryRef = context.RawDeliveryRef,
        });
    }

    private static void ParseInstagramMention(JsonElement value, EntryContext context, DeliveryCollector collector)
    {
        var mediaId = value.NonEmpty("media_id");
        var commentId = value.NonEmpty("comment_id");
        var objectId = commentId ?? mediaId;
        if (objectId is null)
        {
            collector.Unknown($"{context.Where}: mention without media_id or comment_id");
            return;
        }

        if (!TryCreatedAt(value, context, out var createdAt))
        {
            collector.Unknown($"{context.Where}: mention {objectId} has no usable time");
            return;
        }

        // The notification names only the media/comment: text and author must be fetched from the Graph API
        // (mentioned_comment / mentioned_media). They stay empty here.
        collector.Add(new Mention
        {
            Platform = context.Platform,
            BrandAccountId = context.BrandAccountId,
            Kind = MentionKind.Mention,
            EventId = "mention:" + objectId,
            ObjectId = objectId,
            ThreadId = mediaId,
            ParentId = commentId is null ? null : mediaId,
            Author = new MentionAuthor(string.Empty),
            Text = value.Str("text") ?? string.Empty,
            CreatedAt = createdAt,
            RawDeliveryRef = context.RawDeliveryRef,
        });
    }

    private static void ParseMessaging(JsonElement messagingEvent, EntryContext context, DeliveryCollector collector)
    {
        var senderId = messagingEvent.Obj("sender")?.NonEmpty("id");
        var own = context.Platform == Platform.Facebook ? "page" : "account";

        if (messagingEvent.Obj("message") is { } message)
        {
            if (message.Flag("is_echo") || senderId == context.BrandAccountId)
            {
                collector.Skip($"{context.Where}: echo of a message the {own} sent");
                return;
            }

            var mid = message.NonEmpty("mid");
            if (mid is null || senderId is null)
            {
                collector.Unknown($"{context.Where}: message without mid or sender");
                return;
            }

            var deleted = message.Flag("is_deleted");
            AddDirectMessage(
                messagingEvent,
                context,
                collector,
                mid,
                senderId,
                deleted ? MentionChange.Deleted : MentionChange.Created,
                mid,
                deleted ? string.Empty : message.Str("text") ?? string.Empty,
                message.Obj("reply_to")?.NonEmpty("mid"));
            return;
        }

        if (messagingEvent.Obj("message_edit") is { } edit)
        {
            var mid = edit.NonEmpty("mid");
            if (senderId == context.BrandAccountId)
            {
                collector.Skip($"{context.Where}: edit of a message the {own} sent");
                return;
            }

            if (mid is null || senderId is null)
            {
                collector.Unknown($"{context.Where}: message_edit without mid or sender");
                return;
            }

            var text = edit.Str("text") ?? string.Empty;
            AddDirectMessage(messagingEvent, context, collector, mid, senderId, MentionChange.Edited, EventIds.ForEdit(mid, text), text, parentId: null);
            return;
        }

        foreach (var name in SkippedMessagingEvents)
        {
            if (messagingEvent.TryProperty(name, out _))
            {
                collector.Skip($"{context.Where}: {name} event is not something the customer said");
                return;
            }
        }

        collector.Unknown($"{context.Where}: messaging event of an unknown type");
    }

    private static void AddDirectMessage(
        JsonElement messagingEvent,
        EntryContext context,
        DeliveryCollector collector,
        string mid,
        string senderId,
        MentionChange change,
        string eventId,
        string text,
        string? parentId)
    {
        // Messaging timestamps are milliseconds.
        var stamp = messagingEvent.Int64("timestamp");
        DateTimeOffset createdAt;
        if (!(stamp is { } ms && PlatformTime.TryFromUnixMilliseconds(ms, out createdAt))
            && !(context.EntryTime is { } entryTime && PlatformTime.TryFromUnixAuto(entryTime, out createdAt)))
        {
            collector.Unknown($"{context.Where}: message {mid} has no usable time");
            return;
        }

        collector.Add(new Mention
        {
            Platform = context.Platform,
            BrandAccountId = context.BrandAccountId,
            Kind = MentionKind.DirectMessage,
            Change = change,
            EventId = eventId,
            ObjectId = mid,
            ThreadId = senderId,
            ParentId = parentId,
            Author = new MentionAuthor(senderId),
            Text = text,
            CreatedAt = createdAt,
            RawDeliveryRef = context.RawDeliveryRef,
        });
    }

    /// <summary>
    /// <c>from{id,name}</c> since Graph v2.11; older payloads had <c>sender_id</c> (sometimes a JSON number) and
    /// <c>sender_name</c>. Unknown author → empty id.
    /// </summary>
    private static MentionAuthor FacebookAuthor(JsonElement value)
    {
        if (value.Obj("from") is { } from && from.NonEmpty("id") is { } id)
        {
            return new MentionAuthor(id, DisplayName: from.NonEmpty("name"));
        }

        return new MentionAuthor(value.NonEmpty("sender_id") ?? string.Empty, DisplayName: value.NonEmpty("sender_name"));
    }

    /// <summary>
    /// <c>created_time</c> (Unix seconds, or an ISO string in old payloads); else <c>entry.time</c>, which is when the
    /// notification was sent (seconds for Page feed; the unit is decided by magnitude).
    /// </summary>
    private static bool TryCreatedAt(JsonElement value, EntryContext context, out DateTimeOffset createdAt)
    {
        if (value.Int64("created_time") is { } unix && PlatformTime.TryFromUnixAuto(unix, out createdAt))
        {
            return true;
        }

        if (PlatformTime.TryParseIso8601(value.Str("created_time"), out createdAt))
        {
            return true;
        }

        createdAt = default;
        return context.EntryTime is { } entryTime && PlatformTime.TryFromUnixAuto(entryTime, out createdAt);
    }

    /// <summary>Meta's verbs; <c>edit</c> and <c>edited</c> both occur.</summary>
    private static bool TryMapVerb(string verb, out MentionChange change)
    {
        switch (verb)
        {
            case "add":
                change = MentionChange.Created;
                return true;
            case "edited" or "edit":
                change = MentionChange.Edited;
                return true;
            case "remove":
                change = MentionChange.Deleted;
                return true;
            case "hide":
                change = MentionChange.Hidden;
                return true;
            case "unhide":
                change = MentionChange.Unhidden;
                return true;
            default:
                change = default;
                return false;
        }
    }

    private sealed record EntryContext(Platform Platform, string BrandAccountId, long? EntryTime, string RawDeliveryRef, string Where);
}
