using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace SocialFirst.IntegrationTests.Support;

/// <summary>Meta page-feed deliveries in the documented shape, signed like Meta signs them (HMAC-SHA256 of the raw body, hex).</summary>
public static class MetaDeliveries
{
    public const string PageId = "104857600123";

    /// <summary>A comment on a page post. Non-ASCII is escaped the way Meta sends it (\uXXXX), and / as \/.</summary>
    public static string Comment(string commentId, string authorId, string authorName, string escapedMessage, long createdTime = 1_764_000_000)
    {
        var created = createdTime.ToString(CultureInfo.InvariantCulture);
        var sent = (createdTime + 2).ToString(CultureInfo.InvariantCulture);
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PageId + "\",\"time\":" + sent +
            ",\"changes\":[{\"field\":\"feed\",\"value\":{\"from\":{\"id\":\"" + authorId + "\",\"name\":\"" + authorName +
            "\"},\"post\":{\"status_type\":\"added_photos\",\"is_published\":true,\"permalink_url\":\"https:\\/\\/www.facebook.com\\/" + PageId +
            "\\/posts\\/555\"},\"message\":\"" + escapedMessage + "\",\"post_id\":\"" + PageId + "_555\",\"comment_id\":\"555_" + commentId +
            "\",\"created_time\":" + created + ",\"item\":\"comment\",\"parent_id\":\"" + PageId + "_555\",\"verb\":\"add\"}}]}]}";
    }

    public static HttpRequestMessage Signed(string body, string secret = SocialFirstAppFactory.MetaAppSecret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/meta") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Hub-Signature-256", signature);
        return request;
    }
}
