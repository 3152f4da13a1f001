using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SocialFirst.Platforms.Common;
using SocialFirst.Platforms.Generic;

namespace SocialFirst.Cli.Demo;

/// <summary>Local secrets the demo signs with: the same environment variables the app reads.</summary>
public sealed record DemoSecrets(string MetaAppSecret, string XConsumerSecret, string WeChatToken, string WeiboAppSecret, string GenericSecret)
{
    public static DemoSecrets FromEnvironment() => new(
        Env("Platforms__Meta__AppSecret"),
        Env("Platforms__X__ConsumerSecret"),
        Env("Platforms__WeChat__Token"),
        Env("Platforms__Weibo__AppSecret"),
        Env("Platforms__Generic__Secret"));

    private static string Env(string name) => Environment.GetEnvironmentVariable(name) ?? string.Empty;
}

/// <summary>Signs a sample body the way each platform signs its deliveries, so the app verifies it for real.</summary>
public static class SampleSigner
{
    public static HttpRequestMessage Sign(string platform, byte[] body, DemoSecrets secrets, DateTimeOffset now, bool forge)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        string Secret(string s) => forge ? "not-the-secret" : s;
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var path = "/api/webhooks/" + platform;
        var headers = new List<(string, string)>();
        switch (platform)
        {
            case "meta":
                headers.Add(("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(WebhookCrypto.HmacSha256(Secret(secrets.MetaAppSecret), body))));
                break;
            case "x":
                headers.Add(("x-twitter-webhooks-signature", "sha256=" + Convert.ToBase64String(WebhookCrypto.HmacSha256(Secret(secrets.XConsumerSecret), body))));
                break;
            case "wechat":
                path += $"?signature={WebhookCrypto.SortedSha1Hex(Secret(secrets.WeChatToken), timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}&openid=demo";
                break;
            case "weibo":
                path += $"?signature={WebhookCrypto.SortedSha1Hex(Secret(secrets.WeiboAppSecret), timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}";
                break;
            case "generic":
                headers.Add((GenericWebhookSignature.HeaderName, GenericWebhookSignature.Create(Secret(secrets.GenericSecret), now, body)));
                break;
            default:
                throw new ArgumentException($"unknown platform '{platform}'", nameof(platform));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(platform == "wechat" ? "text/xml" : "application/json") { CharSet = Encoding.UTF8.WebName };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
