using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms.Meta;
using SocialFirst.Platforms.Tests.TestSupport;

namespace SocialFirst.Platforms.Tests.Meta;

/// <summary>
/// Builds Meta deliveries the way Meta sends them: compact JSON with non-ASCII as lowercase <c>\uXXXX</c> and "/" as
/// <c>\/</c>, signed over those exact bytes.
/// <code>new MetaWebhookBuilder().ForPage("1111").WithComment("Ça ne marche pas").Signed(secret)</code>
/// </summary>
internal sealed class MetaWebhookBuilder
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonArray _entries = [];
    private string _object = "page";
    private JsonObject? _entry;
    private string _entryId = "1111";
    private int _sequence;

    public MetaWebhookBuilder ForPage(string pageId, long time = 1_700_000_000)
    {
        _object = "page";
        return NewEntry(pageId, time);
    }

    public MetaWebhookBuilder ForInstagram(string accountId, long time = 1_700_000_000)
    {
        _object = "instagram";
        return NewEntry(accountId, time);
    }

    public MetaWebhookBuilder NewEntry(string id, long time = 1_700_000_000)
    {
        _entryId = id;
        _entry = new JsonObject { ["id"] = id, ["time"] = time };
        _entries.Add(_entry);
        return this;
    }

    /// <summary>A Page feed comment; a top-level one unless <paramref name="parentId"/> names another comment.</summary>
    public MetaWebhookBuilder WithComment(
        string text,
        string? commentId = null,
        string? postId = null,
        string? parentId = null,
        string fromId = "5001",
        string fromName = "Customer",
        string verb = "add",
        long createdTime = 1_700_000_000)
    {
        postId ??= $"{_entryId}_2001";
        commentId ??= $"{postId}_{3000 + ++_sequence}";
        return WithChange("feed", new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = fromId, ["name"] = fromName },
            ["item"] = "comment",
            ["verb"] = verb,
            ["comment_id"] = commentId,
            ["post_id"] = postId,
            ["parent_id"] = parentId ?? postId,
            ["created_time"] = createdTime,
            ["message"] = text,
        });
    }

    public MetaWebhookBuilder WithChange(string field, JsonObject value)
    {
        var entry = _entry ?? NewEntry(_entryId)._entry!;
        if (entry["changes"] is not JsonArray changes)
        {
            changes = [];
            entry["changes"] = changes;
        }

        changes.Add(new JsonObject { ["field"] = field, ["value"] = value });
        return this;
    }

    public MetaWebhookBuilder WithMessage(string text, string senderId = "PSID-1", string? mid = null, bool isEcho = false, long timestamp = 1_700_000_000_000)
    {
        var entry = _entry ?? NewEntry(_entryId)._entry!;
        if (entry["messaging"] is not JsonArray messaging)
        {
            messaging = [];
            entry["messaging"] = messaging;
        }

        var message = new JsonObject { ["mid"] = mid ?? $"m_{++_sequence}", ["text"] = text };
        if (isEcho)
        {
            message["is_echo"] = true;
        }

        messaging.Add(new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = senderId },
            ["recipient"] = new JsonObject { ["id"] = isEcho ? "PSID-1" : _entryId },
            ["timestamp"] = timestamp,
            ["message"] = message,
        });
        return this;
    }

    /// <summary>The body in Meta's escaped wire form.</summary>
    public byte[] Body()
    {
        var json = new JsonObject { ["object"] = _object, ["entry"] = _entries.DeepClone() }.ToJsonString(Relaxed);
        return Encoding.ASCII.GetBytes(Escape(json));
    }

    public WebhookRequest Signed(string secret)
    {
        var body = Body();
        return Requests.Post(body, Requests.Header(MetaWebhookAdapter.SignatureHeader, Sign.MetaHeader(secret, body)));
    }

    public WebhookRequest Unsigned() => Requests.Post(Body());

    /// <summary>Meta's escaping: every non-ASCII UTF-16 unit as lowercase \uXXXX (so emoji become surrogate pairs), "/" as "\/".</summary>
    public static string Escape(string json)
    {
        var builder = new StringBuilder(json.Length + 16);
        foreach (var c in json)
        {
            if (c == '/')
            {
                builder.Append("\\/");
            }
            else if (c > 0x7F)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
