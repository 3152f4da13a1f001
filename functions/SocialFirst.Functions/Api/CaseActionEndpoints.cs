using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using SocialFirst.Core.Cases;

namespace SocialFirst.Functions.Api;

/// <summary>
/// The agent API (function CaseActions, <c>POST /api/cases/{id}/{action}</c>): <c>assign</c> {agent, actor},
/// <c>notes</c> {text, actor}, <c>status</c> {status, reason, actor}, <c>spam</c> {actor, reason},
/// <c>reply</c> {text, actor, channel?, requestId?} with an <c>Idempotency-Key</c> header, <c>merge</c> {into, actor}.
/// Thin: read the body (after the key check, so an unauthenticated caller learns nothing from a bad body), call
/// <see cref="CaseActionsService"/> or <see cref="CaseReplyService"/>, map the outcome: 200 with the case, 400 invalid,
/// 404 unknown case or action, 409 not allowed in the case's state or still conflicting after retries. Replies also
/// answer 202 (dry run: recorded, not sent), 422 (not sendable under the platform's rules, or a key reused for another
/// reply) and 503 (the platform asked to retry later). docs/agent-api.md lists them all.
/// </summary>
public static class CaseActionEndpoints
{
    /// <summary>The header that carries a reply's idempotency key (or the body's <c>requestId</c>).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Largest request body an action accepts.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapCaseActions(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/cases/{id}/{action}", ActAsync).AddEndpointFilter<ApiKeyFilter>();
        return app;
    }

    private static async Task<IResult> ActAsync(string id, string action, HttpRequest request, CaseActionsService actions, CaseReplyService replies, CancellationToken ct)
    {
        // An action body is a few short fields (a reply is at most a few thousand characters): refuse anything large.
        if (request.ContentLength > MaxBodyBytes)
        {
            return Error(413, $"the body must be at most {MaxBodyBytes} bytes");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        CaseActionBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CaseActionBody>(request.Body, ApiJson.Options, ct);
        }
        catch (JsonException)
        {
            return Error(400, "the body must be a JSON object");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Error(413, $"the body must be at most {MaxBodyBytes} bytes");
        }

        if (body is null)
        {
            return Error(400, "the body must be a JSON object");
        }

        switch (action.ToLowerInvariant())
        {
            case "reply":
                return await ReplyAsync(id, request, body, replies, ct);
            case "merge":
                return Merged(await actions.MergeAsync(id, body.Into, body.Actor, ct));
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
            null => Error(404, $"no action '{action}' (assign, notes, status, spam, reply, merge)"),
            { Status: CaseActionStatus.Applied } => Results.Json(new { @case = result.Case }, ApiJson.Options),
            { Status: CaseActionStatus.Invalid } => Error(400, result.Error),
            { Status: CaseActionStatus.NotFound } => Error(404, result.Error),
            _ => Error(409, result.Error),
        };
    }

    private static async Task<IResult> ReplyAsync(string id, HttpRequest request, CaseActionBody body, CaseReplyService replies, CancellationToken ct)
    {
        var header = request.Headers[IdempotencyKeyHeader].FirstOrDefault();
        if (header is { Length: > 0 } && body.RequestId is { Length: > 0 } && !string.Equals(header, body.RequestId, StringComparison.Ordinal))
        {
            return Error(400, $"the {IdempotencyKeyHeader} header and requestId differ; send one key");
        }

        if (!CaseReplyService.TryParseChannel(body.Channel, out var channel))
        {
            return Error(400, $"channel '{body.Channel}' is not private or public");
        }

        var result = await replies.ReplyAsync(id, body.Text, body.Actor, channel, header is { Length: > 0 } ? header : body.RequestId, ct);
        if (result.Replayed)
        {
            request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
        }

        if (result.RetryAfter is { } wait && result.Status is CaseReplyStatus.InProgress or CaseReplyStatus.RetryLater)
        {
            request.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var reply = result.Entry is { } e
            ? new ReplyView(e.Action, e.Status, e.Channel, e.Detail, e.PlatformMessageId, e.Attempts, e.RecordedAt, result.Replayed)
            : null;
        return result.Status switch
        {
            CaseReplyStatus.Sent => Results.Json(new { @case = result.Case, reply }, ApiJson.Options),
            CaseReplyStatus.DryRun => Results.Json(new { @case = result.Case, reply }, ApiJson.Options, statusCode: 202),
            CaseReplyStatus.NeedsHuman => Results.Json(new { error = result.Error, @case = result.Case, reply }, ApiJson.Options, statusCode: 422),
            CaseReplyStatus.Invalid => Error(400, result.Error),
            CaseReplyStatus.NotFound => Error(404, result.Error),
            CaseReplyStatus.KeyReused => Error(422, result.Error),
            CaseReplyStatus.RetryLater => Results.Json(new { error = result.Error, reply }, ApiJson.Options, statusCode: 503),
            _ => Results.Json(new { error = result.Error, reply }, ApiJson.Options, statusCode: 409),
        };
    }

    private static IResult Merged(CaseMergeResult result) => result.Status switch
    {
        CaseActionStatus.Applied => Results.Json(new { @case = result.Source, target = result.Target, alreadyMerged = result.AlreadyMerged }, ApiJson.Options),
        CaseActionStatus.Invalid => Error(400, result.Error),
        CaseActionStatus.NotFound => Error(404, result.Error),
        _ => Error(409, result.Error),
    };

    private static CaseStatus? ParseStatus(string? value) =>
        value is { Length: > 0 } && !int.TryParse(value, out _) && Enum.TryParse<CaseStatus>(value, ignoreCase: true, out var parsed) ? parsed : null;

    private static IResult Error(int status, string? reason) => Results.Json(new { error = reason }, ApiJson.Options, statusCode: status);

    private sealed record CaseActionBody(string? Actor, string? Agent, string? Text, string? Status, string? Reason, string? Into = null, string? Channel = null, string? RequestId = null);

    /// <summary>What a reply answers about its outbox entry (never the text: GET /api/cases/{id} has it).</summary>
    private sealed record ReplyView(string Action, Core.Escalation.OutboxStatus Status, string? Channel, string Detail, string? PlatformMessageId, int Attempts, DateTimeOffset RecordedAt, bool Replayed);
}
