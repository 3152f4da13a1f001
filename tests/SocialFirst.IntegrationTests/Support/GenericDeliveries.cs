using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SocialFirst.Platforms.Generic;

namespace SocialFirst.IntegrationTests.Support;

/// <summary>Generic signed-feed deliveries (docs/platforms/generic.md) of X mentions, signed with the test app's secret.</summary>
public static class GenericDeliveries
{
    /// <summary>One X mention in the feed's JSON shape.</summary>
    public static string XMention(string id, string authorId, string text, DateTimeOffset at, long followers = 150) =>
        JsonSerializer.Serialize(new
        {
            id,
            kind = "mention",
            platform = "x",
            text,
            createdAt = at.ToString("O", CultureInfo.InvariantCulture),
            author = new { id = authorId, handle = "@" + authorId, followers },
        });

    /// <summary>A signed <c>POST /api/webhooks/generic</c> carrying <paramref name="mentions"/> for <paramref name="brandAccountId"/>.</summary>
    public static HttpRequestMessage Signed(string brandAccountId, params string[] mentions)
    {
        var body = Encoding.UTF8.GetBytes("{\"source\":\"listening\",\"brandAccountId\":\"" + brandAccountId + "\",\"mentions\":[" + string.Join(",", mentions) + "]}");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/generic") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(GenericWebhookSignature.HeaderName, GenericWebhookSignature.Create(SocialFirstAppFactory.GenericSecret, TimeProvider.System.GetUtcNow(), body));
        return request;
    }
}
