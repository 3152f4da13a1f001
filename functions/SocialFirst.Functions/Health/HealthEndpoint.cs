using System.Reflection;
using SocialFirst.Azure.Storage;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Health;

/// <summary><c>GET /api/health</c>: the app's version and whether storage (blobs, queues, tables) answers.</summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/health", CheckAsync);
        return app;
    }

    private static async Task<IResult> CheckAsync(StorageClients storage, HostingMode mode, CancellationToken ct)
    {
        var checks = await Task.WhenAll(
            Probe("blobs", () => storage.Blobs.GetPropertiesAsync(ct)),
            Probe("queues", () => storage.Queues.GetPropertiesAsync(ct)),
            Probe("tables", () => storage.Tables.GetPropertiesAsync(ct)));
        var healthy = checks.All(c => c.Ok);
        var body = new
        {
            status = healthy ? "healthy" : "unhealthy",
            version = typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            mode = mode.Name,
            dependencies = checks.ToDictionary(c => c.Name, c => new { ok = c.Ok, error = c.Error }),
        };
        return Results.Json(body, statusCode: healthy ? 200 : 503);
    }

    private static async Task<(string Name, bool Ok, string? Error)> Probe(string name, Func<Task> call)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await call().WaitAsync(timeout.Token);
            return (name, true, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Only the exception type: messages can carry account names and URLs.
            return (name, false, ex.GetType().Name);
        }
    }
}
