using System.Text.Json;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.Generic;

/// <summary>
/// The generic format (docs/platforms/generic.md). Strict: the sender is an integration we control, so anything that
/// breaks the format rejects the whole delivery with the JSON path of the first problem, and the sender can fix it
/// and resend the same ids. Unknown properties are ignored, so the format can grow.
/// </summary>
internal static class GenericPayloadParser
{
    public const int MaxMentions = 1000;

    private static readonly Dictionary<string, MentionKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["comment"] = MentionKind.Comment,
        ["reply"] = MentionKind.Reply,
        ["mention"] = MentionKind.Mention,
        ["directMessage"] = MentionKind.DirectMessage,
        ["post"] = MentionKind.Post,
    };

    private static readonly Dictionary<string, MentionChange> Changes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["created"] = MentionChange.Created,
        ["edited"] = MentionChange.Edited,
        ["deleted"] = MentionChange.Deleted,
        ["hidden"] = MentionChange.Hidden,
        ["unhidden"] = MentionChange.Unhidden,
    };

    private static readonly Dictionary<string, Platform> Platforms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["facebook"] = Platform.Facebook,
        ["instagram"] = Platform.Instagram,
        ["x"] = Platform.X,
        ["wechat"] = Platform.WeChat,
        ["weibo"] = Platform.Weibo,
        ["generic"] = Platform.Generic,
    };

    public static ParsedDelivery Parse(ReadOnlyMemory<byte> body, string rawDeliveryRef)
    {
        using var document = JsonReading.ParseBody(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPayloadException("body must be a JSON object");
        }

        var source = RequiredString(root, "source", "$.source");
        if (source.Length > 64 || !source.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new MalformedPayloadException("$.source must be 1-64 characters of A-Z, a-z, 0-9, '.', '_', '-'");
        }

        var brandAccountId = RequiredId(root, "brandAccountId", "$.brandAccountId");
        if (!root.TryProperty("mentions", out var mentions) || mentions.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedPayloadException("$.mentions must be an array");
        }

        if (mentions.GetArrayLength() > MaxMentions)
        {
            throw new MalformedPayloadException($"$.mentions has more than {MaxMentions} items");
        }

        var collector = new DeliveryCollector();
        var index = 0;
        foreach (var item in mentions.EnumerateArray())
        {
            collector.Add(ParseMention(item, $"$.mentions[{index++}]", source, brandAccountId, rawDeliveryRef));
        }

        return collector.Build(string.Empty);
    }

    private static Mention ParseMention(JsonElement item, string path, string source, string brandAccountId, string rawDeliveryRef)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPayloadException($"{path} must be an object");
        }

        var id = RequiredId(item, "id", $"{path}.id");
        var kind = Lookup(Kinds, RequiredString(item, "kind", $"{path}.kind"), $"{path}.kind");
        var change = OptionalString(item, "change", path) is { } changeText ? Lookup(Changes, changeText, $"{path}.change") : MentionChange.Created;
        var platform = OptionalString(item, "platform", path) is { } platformText ? Lookup(Platforms, platformText, $"{path}.platform") : Platform.Generic;
        var text = OptionalString(item, "text", path) ?? string.Empty;

        var createdAtText = RequiredString(item, "createdAt", $"{path}.createdAt");
        if (!PlatformTime.TryParseIso8601(createdAtText, out var createdAt))
        {
            throw new MalformedPayloadException($"{path}.createdAt must be ISO 8601 with Z or an offset");
        }

        if (!item.TryProperty("author", out var author) || author.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPayloadException($"{path}.author must be an object");
        }

        var authorPath = $"{path}.author";
        long? followers = null;
        if (author.TryProperty("followers", out var followersElement) && followersElement.ValueKind != JsonValueKind.Null)
        {
            if (followersElement.ValueKind != JsonValueKind.Number || !followersElement.TryGetInt64(out var f) || f < 0)
            {
                throw new MalformedPayloadException($"{authorPath}.followers must be a non-negative integer");
            }

            followers = f;
        }

        var permalink = OptionalString(item, "permalink", path);
        if (permalink is not null
            && !(Uri.TryCreate(permalink, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            throw new MalformedPayloadException($"{path}.permalink must be an absolute http(s) URL");
        }

        var language = OptionalString(item, "language", path);
        if (language is not null && (language.Length > 35 || !language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw new MalformedPayloadException($"{path}.language must be a BCP-47 tag");
        }

        // A sender-chosen eventId wins. Otherwise the id (and, for an edit, a hash of the new text). Generic ids are
        // scoped by source; ids declared as another platform's are that platform's own ids and are kept bare, so
        // that the same post received both natively and through a listening tool de-duplicates.
        var eventId = OptionalId(item, "eventId", path)
            ?? (change == MentionChange.Edited ? EventIds.ForEdit(id, text) : id);
        if (platform == Platform.Generic)
        {
            eventId = $"{source}:{eventId}";
        }

        return new Mention
        {
            Platform = platform,
            BrandAccountId = brandAccountId,
            Kind = kind,
            Change = change,
            EventId = eventId,
            ObjectId = id,
            ThreadId = OptionalId(item, "threadId", path),
            ParentId = OptionalId(item, "parentId", path),
            Author = new MentionAuthor(
                RequiredId(author, "id", $"{authorPath}.id"),
                OptionalString(author, "handle", authorPath),
                OptionalString(author, "displayName", authorPath),
                followers),
            Text = text,
            LanguageHint = language,
            CreatedAt = createdAt,
            Permalink = permalink,
            RawDeliveryRef = rawDeliveryRef,
        };
    }

    private static string RequiredString(JsonElement obj, string name, string path)
    {
        if (!obj.TryProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            throw new MalformedPayloadException($"{path} must be a non-empty string");
        }

        return value.GetString()!;
    }

    /// <summary>An id: a non-empty string, or an integer JSON number kept digit for digit.</summary>
    private static string RequiredId(JsonElement obj, string name, string path) =>
        OptionalId(obj, name, path[..path.LastIndexOf('.')]) ?? throw new MalformedPayloadException($"{path} must be a non-empty string or an integer");

    private static string? OptionalId(JsonElement obj, string name, string parentPath)
    {
        if (!obj.TryProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrEmpty(value.GetString()) => value.GetString(),
            JsonValueKind.Number when value.GetRawText().All(char.IsAsciiDigit) => value.GetRawText(),
            _ => throw new MalformedPayloadException($"{parentPath}.{name} must be a non-empty string or an integer"),
        };
    }

    /// <summary>A string, or null when absent or JSON null; any other type is an error.</summary>
    private static string? OptionalString(JsonElement obj, string name, string parentPath)
    {
        if (!obj.TryProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new MalformedPayloadException($"{parentPath}.{name} must be a string");
        }

        var text = value.GetString();
        return string.IsNullOrEmpty(text) && name != "text" ? null : text;
    }

    private static T Lookup<T>(Dictionary<string, T> values, string key, string path) =>
        values.TryGetValue(key, out var value)
            ? value
            : throw new MalformedPayloadException($"{path} must be one of {string.Join(", ", values.Keys)}");
}
