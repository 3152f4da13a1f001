using System.Globalization;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Functions.Api;

/// <summary>
/// The read API: <c>GET /api/cases</c> (functions CasesList) and <c>GET /api/cases/{id}</c> (CaseGet).
/// Thin: parse the query, ask the case store, shape the answer.
/// </summary>
public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/cases").AddEndpointFilter<ApiKeyFilter>();
        api.MapGet("/", ListAsync);
        api.MapGet("/{id}", GetAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ICaseStore store, CancellationToken ct)
    {
        var q = request.Query;
        var brand = q["brand"].FirstOrDefault() ?? BrandOptions.DefaultBrandId;
        CaseStatus? status = null;
        if (q["status"].FirstOrDefault() is { Length: > 0 } s)
        {
            if (!Enum.TryParse<CaseStatus>(s, ignoreCase: true, out var parsed))
            {
                return BadRequest($"status '{s}' is not one of {string.Join(", ", Enum.GetNames<CaseStatus>())}");
            }

            status = parsed;
        }

        bool? urgent = null;
        if (q["urgent"].FirstOrDefault() is { Length: > 0 } u)
        {
            if (!bool.TryParse(u, out var parsed))
            {
                return BadRequest("urgent must be true or false");
            }

            urgent = parsed;
        }

        DateTimeOffset? since = null;
        if (q["since"].FirstOrDefault() is { Length: > 0 } t)
        {
            if (!DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return BadRequest("since must be an ISO 8601 time");
            }

            since = parsed;
        }

        var pageSize = 50;
        if (q["pageSize"].FirstOrDefault() is { Length: > 0 } p && (!int.TryParse(p, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > CaseQuery.MaxPageSize))
        {
            return BadRequest($"pageSize must be 1..{CaseQuery.MaxPageSize}");
        }

        var order = string.Equals(q["order"].FirstOrDefault(), "urgent", StringComparison.OrdinalIgnoreCase) ? CaseOrder.MostUrgent : CaseOrder.Oldest;
        var assignedTo = q["assignedTo"].FirstOrDefault() is { Length: > 0 } who ? who : null;
        var query = new CaseQuery { BrandId = brand, Status = status, Urgent = urgent, Since = since, AssignedTo = assignedTo, PageSize = pageSize, Order = order };
        try
        {
            var page = await store.ListCasesAsync(query, q["continuationToken"].FirstOrDefault(), ct);
            return Results.Json(new { items = page.Items, continuationToken = page.ContinuationToken }, ApiJson.Options);
        }
        catch (FormatException)
        {
            return BadRequest("continuationToken is not one this API issued for this query");
        }
    }

    private static async Task<IResult> GetAsync(string id, ICaseStore store, IEscalationOutbox outbox, CancellationToken ct)
    {
        var found = await store.GetCaseAsync(id, ct);
        if (found is null)
        {
            return Results.Json(new { error = $"no case '{id}'" }, ApiJson.Options, statusCode: 404);
        }

        var mentions = await store.GetMentionsAsync(id, ct);
        var actions = await outbox.ListAsync(id, ct);
        return Results.Json(new { @case = found, mentions, actions }, ApiJson.Options);
    }

    private static IResult BadRequest(string reason) => Results.Json(new { error = reason }, ApiJson.Options, statusCode: 400);
}
