using System.Globalization;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Functions.Api;

namespace SocialFirst.Functions.Metrics;

/// <summary>
/// <c>GET /api/metrics?brand=acme&amp;from=2026-01-01T00:00:00Z&amp;to=2026-02-01T00:00:00Z</c> (function Metrics): the brand's
/// care scorecard for cases opened in [from, to), as of now. API key in standalone mode, function key under the host.
/// </summary>
public static class MetricsEndpoint
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/metrics", GetAsync).AddEndpointFilter<ApiKeyFilter>();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpRequest request, CareMetricsService metrics, CancellationToken ct)
    {
        var q = request.Query;
        var brand = q["brand"].FirstOrDefault() is { Length: > 0 } b ? b : BrandOptions.DefaultBrandId;
        if (!TryTime(q["from"].FirstOrDefault(), out var from) || !TryTime(q["to"].FirstOrDefault(), out var to))
        {
            return BadRequest("from and to are required ISO 8601 times (to exclusive)");
        }

        if (to <= from)
        {
            return BadRequest("to must be after from");
        }

        try
        {
            var scorecard = await metrics.ComputeAsync(brand, from, to, ct);
            return Results.Json(scorecard, ApiJson.Options);
        }
        catch (CareMetricsLimitException ex)
        {
            return BadRequest(ex.Message);
        }
    }

    private static bool TryTime(string? value, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);

    private static IResult BadRequest(string reason) => Results.Json(new { error = reason }, ApiJson.Options, statusCode: 400);
}
