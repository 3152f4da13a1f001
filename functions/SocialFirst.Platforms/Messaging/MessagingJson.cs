using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace SocialFirst.Platforms.Messaging;

/// <summary>JSON for request bodies: non-ASCII text (CJK, accents, emoji) written as is, not as \u escapes.</summary>
internal static class MessagingJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };
}
