using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace SocialFirst.Functions.Hosting;

/// <summary>Maps <c>POST /{FunctionName}</c> for every non-HTTP function: the route the host invokes.</summary>
public static partial class InvocationEndpoints
{
    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var handler in app.ServiceProvider.GetServices<IFunctionHandler>())
        {
            app.MapPost("/" + handler.Name, (HttpRequest request, [FromServices] ILoggerFactory loggers, CancellationToken ct) =>
                InvokeAsync(handler, request, loggers.CreateLogger("SocialFirst.Functions.Invocation"), ct));
        }

        return app;
    }

    private static async Task<IResult> InvokeAsync(IFunctionHandler handler, HttpRequest request, ILogger logger, CancellationToken ct)
    {
        InvocationRequest invocation;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            invocation = InvocationRequest.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException ex)
        {
            // Not a host payload at all: nothing to retry.
            Log.BadPayload(logger, handler.Name, ex.Message);
            return Results.BadRequest(new { error = "invocation payload is not valid JSON: " + ex.Message });
        }

        var result = await InvokeCoreAsync(handler, invocation, logger, ct);
        return result is null
            ? Results.Json(new { error = "function failed; see logs" }, statusCode: 500)
            : Results.Json(result);
    }

    /// <summary>
    /// Runs a function. Returns null when it failed: the caller answers non-2xx, which the host (and the standalone
    /// runner) treat as a failed invocation, so the message is retried and eventually poisoned.
    /// </summary>
    public static async Task<InvocationResult?> InvokeCoreAsync(IFunctionHandler handler, InvocationRequest invocation, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(handler);
        try
        {
            return await handler.InvokeAsync(invocation, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log.Failed(logger, handler.Name, ex);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Warning, "Invocation of {Function} had an unreadable payload: {Reason}")]
        public static partial void BadPayload(ILogger logger, string function, string reason);

        [LoggerMessage(2002, LogLevel.Error, "Invocation of {Function} failed; the trigger will retry")]
        public static partial void Failed(ILogger logger, string function, Exception exception);
    }
}
