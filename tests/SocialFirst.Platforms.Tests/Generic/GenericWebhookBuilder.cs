using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms.Tests.TestSupport;

namespace SocialFirst.Platforms.Tests.Generic;

/// <summary>
/// Builds generic deliveries: <c>new GenericWebhookBuilder().WithMention("m1", "Ça ne va pas").Signed(secret, now)</c>.
/// Signs on its own (not with the production helper), so tests compare two implementations of the spec.
/// </summary>
internal sealed class GenericWebhookBuilder
{
    private readonly JsonArray _mentions = [];
    private readonly string _source;
    private readonly string _brandAccountId;

    public GenericWebhookBuilder(string source = "listening-bridge", string brandAccountId = "acme")
    {
        _source = source;
        _brandAccountId = brandAccountId;
    }

    public GenericWebhookBuilder WithMention(string id, string text, string kind = "mention", string authorId = "author-1", string createdAt = "2023-11-14T22:13:20Z")
    {
        _mentions.Add(new JsonObject
        {
            ["id"] = id,
            ["kind"] = kind,
            ["text"] = text,
            ["author"] = new JsonObject { ["id"] = authorId },
            ["createdAt"] = createdAt,
        });
        return this;
    }

    public GenericWebhookBuilder WithRaw(JsonObject mention)
    {
        _mentions.Add(mention);
        return this;
    }

    public byte[] Body() =>
        Encoding.UTF8.GetBytes(new JsonObject { ["source"] = _source, ["brandAccountId"] = _brandAccountId, ["mentions"] = _mentions.DeepClone() }.ToJsonString());

    public WebhookRequest Signed(string secret, DateTimeOffset signedAt)
    {
        var body = Body();
        return Requests.Post(body, Requests.Header("X-SocialFirst-Signature", Header(secret, signedAt.ToUnixTimeSeconds(), body)));
    }

    public static string Header(string secret, long t, byte[] body)
    {
        var signed = Encoding.ASCII.GetBytes($"{t}.").Concat(body).ToArray();
        return $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}";
    }
}
