using SocialFirst.Core.Ingestion;

namespace SocialFirst.Platforms.Common;

/// <summary>The refusals every handshake shares. Reasons name the rule, never the secret or the value presented.</summary>
internal static class HandshakeResponses
{
    public static WebhookResponse NotConfigured() => WebhookResponse.Error(403, "not configured");

    public static WebhookResponse Forbidden(string reason) => WebhookResponse.Error(403, reason);

    public static WebhookResponse BadRequest(string reason) => WebhookResponse.Error(400, reason);
}
