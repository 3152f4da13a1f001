using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SocialFirst.IntegrationTests.Escalation;

/// <summary>One call the fake Graph API received, and whether it accepted it.</summary>
public sealed record GraphCall(string Path, string? Authorization, string? CommentId, string Text, int Status)
{
    /// <summary>When the request arrived (Stopwatch timestamp), for end-to-end latency.</summary>
    public long ArrivedAt { get; init; }
}

/// <summary>
/// The Meta Graph Send API on Kestrel at 127.0.0.1 (free port), modelling its one rule that matters here: one private
/// reply per comment — the first is accepted (200 with a message id), a second one gets #10900 "Activity already
/// replied to". Comment ids in <see cref="Unavailable"/> answer 503 (a platform outage). Also takes alert webhooks
/// at <c>/alerts/*</c>.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _replied = new(StringComparer.Ordinal);
    private int _ids;

    private FakeGraphApi(WebApplication app)
    {
        _app = app;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public ConcurrentQueue<GraphCall> Calls { get; } = new();

    public ConcurrentQueue<string> Alerts { get; } = new();

    public ConcurrentDictionary<string, bool> Unavailable { get; } = new(StringComparer.Ordinal);

    /// <summary>Added to every Send API answer (to measure throughput against a slow platform).</summary>
    public TimeSpan Latency { get; set; }

    public IReadOnlyList<GraphCall> CallsFor(string commentId) => Calls.Where(c => c.CommentId == commentId).ToList();

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeGraphApi(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/alerts/", StringComparison.Ordinal))
        {
            Alerts.Enqueue(body);
            context.Response.StatusCode = 204;
            return;
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, TimeProvider.System, context.RequestAborted);
        }

        using var json = JsonDocument.Parse(body);
        var commentId = json.RootElement.GetProperty("recipient").TryGetProperty("comment_id", out var c) ? c.GetString() : null;
        var text = json.RootElement.GetProperty("message").GetProperty("text").GetString() ?? string.Empty;
        int status;
        string answer;
        if (commentId is not null && Unavailable.ContainsKey(commentId))
        {
            (status, answer) = (503, "{\"error\":{\"message\":\"Service temporarily unavailable\",\"type\":\"OAuthException\",\"code\":2}}");
        }
        else if (commentId is not null && _replied.AddOrUpdate(commentId, 1, (_, n) => n + 1) > 1)
        {
            (status, answer) = (400, "{\"error\":{\"message\":\"(#10900) Activity already replied to\",\"type\":\"OAuthException\",\"code\":10900}}");
        }
        else
        {
            (status, answer) = (200, "{\"recipient_id\":\"psid-1\",\"message_id\":\"m_mid." + Interlocked.Increment(ref _ids) + "\"}");
        }

        Calls.Enqueue(new GraphCall(path, context.Request.Headers.Authorization.FirstOrDefault(), commentId, text, status) { ArrivedAt = arrivedAt });
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
