using Microsoft.AspNetCore.Http;

namespace SocialFirst.Azure.Tests.Fakes;

/// <summary>A canned answer a fake gives instead of its normal behaviour (429, 500, 403...).</summary>
public sealed record ScriptedResponse(int Status, string? Body = null, string? ContentType = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ScriptedResponse TooManyRequests(int retryAfterSeconds) =>
        new(429, """{"error":{"code":"429","message":"Rate limit is exceeded. Try again in 1 seconds."}}""", "application/json", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        foreach (var (name, value) in Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (Body is not null)
        {
            context.Response.ContentType = ContentType ?? "application/json";
            await context.Response.WriteAsync(Body);
        }
    }
}
