namespace SocialFirst.Core.Ingestion;

/// <summary>What we answer the platform: a status, a body and its content type.</summary>
public sealed record WebhookResponse(int StatusCode, string Body = "", string ContentType = "text/plain; charset=utf-8")
{
    public static WebhookResponse Ok(string body = "", string contentType = "text/plain; charset=utf-8") => new(200, body, contentType);

    public static WebhookResponse Json(string json) => new(200, json, "application/json");

    public static WebhookResponse Error(int status, string reason) =>
        new(status, System.Text.Json.JsonSerializer.Serialize(new { error = reason }), "application/json");
}
