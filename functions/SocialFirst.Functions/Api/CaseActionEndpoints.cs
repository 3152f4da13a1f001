using System.Text.Json;
using SocialFirst.Core.Cases;

namespace SocialFirst.Functions.Api;

/// <summary>
/// The agent API (function CaseActions, <c>POST /api/cases/{id}/{action}</c>): <c>assign</c> {agent, actor},
/// <c>notes</c> {text, actor}, <c>status</c> {status, reason, actor}, <c>spam</c> {actor, reason}. Thin: read the body
/// (after the key check, so an unauthenticated caller learns nothing from a bad body), call
/// <see cref="CaseActionsService"/>, map the outcome: 200 with the case, 400 invalid, 404 unknown case or action,
/// 409 not allowed in the case's state or still conflicting after retries.
/// </summary>
public static class CaseActionEndpoints
{
    public static IEndpointRouteBuilder MapCaseActions(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/cases/{id}/{action}", ActAsync).AddEndpointFilter<ApiKeyFilter>();
        return app;
    }

    private static async Task<IResult> ActAsync(string id, string action, HttpRequest request, CaseActionsService actions, CancellationToken ct)
    {
        CaseActionBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CaseActionBody>(request.Body, ApiJson.Options, ct);
        }
        catch (JsonException)
        {
            return Error(400, "the body must be a JSON object");
        }

        if (body is null)
        {
            return Error(400, "the body must be a JSON object");
        }

        var result = action.ToLowerInvariant() switch
        {
            "assign" => await actions.AssignAsync(id, body.Agent, body.Actor, ct),
            "notes" => await actions.AddNoteAsync(id, body.Text, body.Actor, ct),
            "status" => ParseStatus(body.Status) is { } to
                ? await actions.ChangeStatusAsync(id, to, body.Reason, body.Actor, ct)
                : CaseActionResult.Invalid($"status '{body.Status}' is not one of {string.Join(", ", Enum.GetNames<CaseStatus>())}"),
            "spam" => await actions.MarkSpamAsync(id, body.Reason, body.Actor, ct),
            _ => null,
        };

        return result switch
        {
            null => Error(404, $"no action '{action}' (assign, notes, status, spam)"),
            { Status: CaseActionStatus.Applied } => Results.Json(new { @case = result.Case }, ApiJson.Options),
            { Status: CaseActionStatus.Invalid } => Error(400, result.Error),
            { Status: CaseActionStatus.NotFound } => Error(404, result.Error),
            _ => Error(409, result.Error),
        };
    }

    private static CaseStatus? ParseStatus(string? value) =>
        value is { Length: > 0 } && !int.TryParse(value, out _) && Enum.TryParse<CaseStatus>(value, ignoreCase: true, out var parsed) ? parsed : null;

    private static IResult Error(int status, string? reason) => Results.Json(new { error = reason }, ApiJson.Options, statusCode: status);

    private sealed record CaseActionBody(string? Actor, string? Agent, string? Text, string? Status, string? Reason);
}
