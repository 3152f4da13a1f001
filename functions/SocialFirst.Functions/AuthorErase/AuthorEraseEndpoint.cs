using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Functions.Api;

namespace SocialFirst.Functions.AuthorErase;

/// <summary>
/// <c>DELETE /api/authors/{platform}/{id}</c> (function AuthorErase): erases the author's personal data from every
/// table and the raw-delivery archive (<see cref="AuthorErasureService"/>) and answers with counts and the token that
/// replaced them. API key in standalone mode, function key under the host.
/// </summary>
public static class AuthorEraseEndpoint
{
    public static IEndpointRouteBuilder MapAuthorErase(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDelete("/api/authors/{platform}/{id}", EraseAsync).AddEndpointFilter<ApiKeyFilter>();
        return app;
    }

    private static async Task<IResult> EraseAsync(string platform, string id, AuthorErasureService erasure, CancellationToken ct)
    {
        if (!Enum.TryParse<Platform>(platform, ignoreCase: true, out var parsed) || int.TryParse(platform, out _))
        {
            return Results.Json(new { error = $"platform '{platform}' is not one of {string.Join(", ", Enum.GetNames<Platform>().Select(n => n.ToLowerInvariant()))}" }, ApiJson.Options, statusCode: 400);
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return Results.Json(new { error = "author id is required" }, ApiJson.Options, statusCode: 400);
        }

        var report = await erasure.EraseAsync(parsed, id, ct);
        return Results.Json(report, ApiJson.Options);
    }
}
