using System.Globalization;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Functions.Api;

/// <summary>
/// <c>GET /api/influencers?brand=acme&amp;role=critic|advocate|rising&amp;top=10&amp;asOf=2026-01-12T00:00:00Z</c> (function
/// Influencers): the brand's top critics, advocates or rising voices, each with the numbers and words that explain the
/// rank (docs/influencers.md). Never texts. API key in standalone mode, function key under the host.
/// </summary>
public static class InfluencerEndpoints
{
    public const int DefaultTop = 10;

    public static IEndpointRouteBuilder MapInfluencerApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/influencers", GetAsync).AddEndpointFilter<ApiKeyFilter>();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpRequest request, InfluenceService influence, CancellationToken ct)
    {
        var q = request.Query;
        if (q["brand"].FirstOrDefault() is not { Length: > 0 } brand)
        {
            return BadRequest("brand is required");
        }

        if (!TryList(q["role"].FirstOrDefault(), out var list))
        {
            return BadRequest("role is required: critic, advocate or rising");
        }

        var top = DefaultTop;
        if (q["top"].FirstOrDefault() is { Length: > 0 } t
            && (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > InfluenceService.MaxTop))
        {
            return BadRequest(string.Create(CultureInfo.InvariantCulture, $"top must be 1..{InfluenceService.MaxTop}"));
        }

        DateTimeOffset? asOf = null;
        if (q["asOf"].FirstOrDefault() is { Length: > 0 } a)
        {
            if (!DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return BadRequest("asOf must be an ISO 8601 time");
            }

            asOf = parsed;
        }

        try
        {
            var report = await influence.RankAsync(brand, list, top, asOf, ct);
            return Results.Json(report, ApiJson.Options);
        }
        catch (ArgumentOutOfRangeException ex) when (ex.ParamName == "asOf")
        {
            return BadRequest("asOf must not be in the future");
        }
        catch (InfluenceLimitException ex)
        {
            return BadRequest(ex.Message);
        }
    }

    /// <summary>critic, advocate or rising, in any case; required. Numbers are not accepted.</summary>
    private static bool TryList(string? value, out InfluenceList list)
    {
        list = InfluenceList.Critic;
        return !string.IsNullOrEmpty(value) && !value.Any(char.IsAsciiDigit) && Enum.TryParse(value, ignoreCase: true, out list) && Enum.IsDefined(list);
    }

    private static IResult BadRequest(string reason) => Results.Json(new { error = reason }, ApiJson.Options, statusCode: 400);
}
