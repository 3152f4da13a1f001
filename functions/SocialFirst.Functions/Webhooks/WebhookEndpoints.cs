using Microsoft.AspNetCore.Http.Features;
using SocialFirst.Core.Ingestion;

namespace SocialFirst.Functions.Webhooks;

/// <summary>
/// <c>/api/webhooks/{platform}</c>: one HTTP function per platform (see the *Webhook/function.json folders). The host
/// proxies the original request, so the body is read once, as bytes, and handed to the ingestion service unchanged.
/// </summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods("/api/webhooks/{platform}", ["GET", "POST"], HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(string platform, HttpContext context, IngestionService ingestion, IngestionTelemetry telemetry, CancellationToken ct)
    {
        // One span per call, with a child per step (IngestionTelemetry); the slow-call log and any exporter read them.
        using var acknowledgement = telemetry.StartAcknowledgement(platform);
        var limit = ingestion.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            acknowledgement.SetStatus(413);
            return Results.Json(new { error = $"body larger than {limit} bytes" }, statusCode: 413);
        }

        byte[]? body;
        using (telemetry.StartStep(IngestionStep.ReadBody))
        {
            body = await ReadBodyAsync(context.Request, limit, ct);
        }

        if (body is null)
        {
            acknowledgement.SetStatus(413);
            return Results.Json(new { error = $"body larger than {limit} bytes" }, statusCode: 413);
        }

        var request = new WebhookRequest(
            context.Request.Method,
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        var response = await ingestion.HandleAsync(platform, request, ct);
        acknowledgement.SetStatus(response.StatusCode);
        return Results.Text(response.Body, response.ContentType, statusCode: response.StatusCode);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer (chunked bodies have no Content-Length).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        var feature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit + 1L;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
