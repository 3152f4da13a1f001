using Microsoft.Extensions.Options;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Functions.Api;

/// <summary>
/// Trend incidents: <c>GET /api/incidents?brand=&amp;status=open|closed|all</c> (function IncidentsList, default open) and
/// <c>GET /api/incidents/{id}?brand=</c> (IncidentGet). Thin: parse the query, ask the incident store, shape the answer.
/// </summary>
public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidentApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/incidents").AddEndpointFilter<ApiKeyFilter>();
        api.MapGet("/", ListAsync);
        api.MapGet("/{id}", GetAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IIncidentStore store, IOptions<TrendWatchOptions> options, CancellationToken ct)
    {
        var q = request.Query;
        var brand = q["brand"].FirstOrDefault() is { Length: > 0 } b ? b : BrandOptions.DefaultBrandId;
        var status = IncidentStatusFilter.Open;
        if (q["status"].FirstOrDefault() is { Length: > 0 } s
            && (!Enum.TryParse(s, ignoreCase: true, out status) || int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            return Results.Json(new { error = $"status '{s}' is not one of open, closed, all" }, ApiJson.Options, statusCode: 400);
        }

        var items = await store.ListAsync(brand, status, options.Value.MaxListedIncidents, ct);
        return Results.Json(new { brand, status = status.ToString().ToLowerInvariant(), items = items.Select(Shape) }, ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, IIncidentStore store, CancellationToken ct)
    {
        var brand = request.Query["brand"].FirstOrDefault() is { Length: > 0 } b ? b : BrandOptions.DefaultBrandId;
        var found = await store.GetAsync(brand, id, ct);
        return found is null
            ? Results.Json(new { error = $"no incident '{id}' for brand '{brand}'" }, ApiJson.Options, statusCode: 404)
            : Results.Json(Shape(found), ApiJson.Options);
    }

    private static object Shape(IncidentRecord r)
    {
        var i = r.Incident;
        return new
        {
            id = i.Id,
            brandId = i.BrandId,
            status = i.IsOpen ? "open" : "closed",
            severity = i.Severity.ToString().ToLowerInvariant(),
            terms = i.Terms,
            kinds = i.Kinds.Select(k => k.ToString()),
            summary = r.Summary,
            openedAt = i.OpenedAt,
            lastSignalAt = i.LastSignalAt,
            closedAt = i.ClosedAt,
            linkedMentionCount = i.LinkedMentionCount,
            mentionIds = i.MentionIds,
            caseIds = i.CaseIds,
        };
    }
}
