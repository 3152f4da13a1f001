using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.AspNetCore.Http;

namespace SocialFirst.Azure.Tests.Fakes;

/// <summary>A message the fake queue accepted.</summary>
public sealed record FakeSbMessage(string MessageId, string Body, string ContentType, JsonElement BrokerProperties);

/// <summary>
/// A Service Bus namespace with one queue and its dead-letter subqueue, speaking the REST API: Send Message (201,
/// duplicate detection by MessageId), Peek-Lock on the dead-letter queue (201/204), Delete and Unlock. It checks
/// authorisation (a SAS signed with <see cref="SasKey"/> that has not expired, or the expected bearer token), the
/// Content-Type and the BrokerProperties header. <see cref="Script"/> queues canned answers (429, 500, 401...).
/// </summary>
public sealed class FakeServiceBus : IAsyncDisposable
{
    public const string SasKeyName = "RootManageSharedAccessKey";
    public const string SasKey = "c2VjcmV0LXRlc3Qta2V5LW5vdC1yZWFsLTEyMzQ1Ng==";

    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentDictionary<string, FakeSbMessage> _messages = new();
    private readonly ConcurrentQueue<string> _order = new();
    private readonly Lock _deadLetterGate = new();
    private readonly List<(string MessageId, string Body, long Sequence, string? LockToken)> _deadLetters = [];
    private long _sequence;
    private FakeHttpServer _server = null!;

    private FakeServiceBus(string queue, string? bearerToken, TimeProvider time)
    {
        Queue = queue;
        BearerToken = bearerToken;
        Time = time;
    }

    public string Queue { get; }

    /// <summary>When set, a bearer token must be this; otherwise a SAS is required.</summary>
    public string? BearerToken { get; }

    public TimeProvider Time { get; }

    public Uri BaseUri => _server.BaseUri;

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    /// <summary>Accepted messages in arrival order (duplicates dropped).</summary>
    public IReadOnlyList<FakeSbMessage> Messages => _order.Select(id => _messages[id]).ToList();

    public static async Task<FakeServiceBus> StartAsync(string queue = "escalations", string? bearerToken = null, TimeProvider? time = null)
    {
        var bus = new FakeServiceBus(queue, bearerToken, time ?? TimeProvider.System);
        bus._server = await FakeHttpServer.StartAsync(bus.HandleAsync, bearerToken is null ? null : TestCertificate.Instance);
        return bus;
    }

    public void Script(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    public void DeadLetter(string messageId, string body)
    {
        lock (_deadLetterGate)
        {
            _deadLetters.Add((messageId, body, Interlocked.Increment(ref _sequence), null));
        }
    }

    public int DeadLetterCount
    {
        get
        {
            lock (_deadLetterGate)
            {
                return _deadLetters.Count;
            }
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context, RecordedRequest request)
    {
        if (_script.TryDequeue(out var scripted))
        {
            await scripted.WriteAsync(context);
            return;
        }

        if (!Authorised(request.Header("Authorization")))
        {
            await Error(context, 401, "40103", "InvalidSignature: The token has an invalid signature.");
            return;
        }

        var path = request.Path;
        if (request.Method == "POST" && path == $"/{Queue}/messages")
        {
            await SendAsync(context, request);
        }
        else if (request.Method == "POST" && path == $"/{Queue}/$deadletterqueue/messages/head")
        {
            await PeekLockAsync(context, request);
        }
        else if (request.Method is "DELETE" or "PUT" && path.StartsWith($"/{Queue}/$deadletterqueue/messages/", StringComparison.Ordinal))
        {
            await SettleAsync(context, request);
        }
        else
        {
            await Error(context, 404, "404", "No such entity.");
        }
    }

    private async Task SendAsync(HttpContext context, RecordedRequest request)
    {
        var contentType = request.Header("Content-Type") ?? string.Empty;
        if (!contentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            await Error(context, 400, "400", "Content-Type must be application/json here.");
            return;
        }

        JsonElement broker;
        try
        {
            using var json = JsonDocument.Parse(request.Header("BrokerProperties") ?? "{}");
            broker = json.RootElement.Clone();
        }
        catch (JsonException)
        {
            await Error(context, 400, "400", "BrokerProperties is not JSON.");
            return;
        }

        if (!broker.TryGetProperty("MessageId", out var id) || id.GetString() is not { Length: > 0 } messageId)
        {
            await Error(context, 400, "400", "No MessageId.");
            return;
        }

        // Duplicate detection: a repeat inside the window is accepted (201) and dropped.
        if (_messages.TryAdd(messageId, new FakeSbMessage(messageId, request.Body, contentType, broker)))
        {
            _order.Enqueue(messageId);
        }

        context.Response.StatusCode = 201;
    }

    private async Task PeekLockAsync(HttpContext context, RecordedRequest request)
    {
        if (!request.Query.Contains("timeout=", StringComparison.Ordinal))
        {
            await Error(context, 400, "400", "timeout missing");
            return;
        }

        (string MessageId, string Body, long Sequence, string LockToken)? locked = null;
        lock (_deadLetterGate)
        {
            var index = _deadLetters.FindIndex(m => m.LockToken is null);
            if (index >= 0)
            {
                var m = _deadLetters[index];
                var token = Guid.NewGuid().ToString();
                _deadLetters[index] = m with { LockToken = token };
                locked = (m.MessageId, m.Body, m.Sequence, token);
            }
        }

        if (locked is not { } message)
        {
            context.Response.StatusCode = 204;
            return;
        }

        context.Response.StatusCode = 201;
        context.Response.Headers["BrokerProperties"] = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["DeliveryCount"] = 10,
            ["LockToken"] = message.LockToken,
            ["MessageId"] = message.MessageId,
            ["SequenceNumber"] = message.Sequence,
            ["LockedUntilUtc"] = Time.GetUtcNow().AddMinutes(1).ToString("R", CultureInfo.InvariantCulture),
        });
        context.Response.Headers["DeadLetterReason"] = "\"MaxDeliveryCountExceeded\"";
        context.Response.Headers.Location = $"{BaseUri}{Queue}/$deadletterqueue/messages/{message.MessageId}/{message.LockToken}";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(message.Body);
    }

    private async Task SettleAsync(HttpContext context, RecordedRequest request)
    {
        var parts = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (messageId, lockToken) = parts.Length == 5 ? (Uri.UnescapeDataString(parts[3]), Uri.UnescapeDataString(parts[4])) : (string.Empty, string.Empty);
        bool found;
        lock (_deadLetterGate)
        {
            var index = _deadLetters.FindIndex(m => m.MessageId == messageId && m.LockToken == lockToken);
            found = index >= 0;
            if (found && request.Method == "DELETE")
            {
                _deadLetters.RemoveAt(index);
            }
            else if (found)
            {
                _deadLetters[index] = _deadLetters[index] with { LockToken = null };
            }
        }

        if (!found)
        {
            await Error(context, 404, "40400", "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.");
            return;
        }

        context.Response.StatusCode = 200;
    }

    private bool Authorised(string? authorization)
    {
        if (authorization is null)
        {
            return false;
        }

        if (BearerToken is not null)
        {
            return authorization == "Bearer " + BearerToken;
        }

        // SharedAccessSignature sr=..&sig=..&se=..&skn=.. ; the signature covers the URL-encoded sr and the expiry.
        const string prefix = "SharedAccessSignature ";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = authorization[prefix.Length..].Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!fields.TryGetValue("sr", out var sr) || !fields.TryGetValue("sig", out var sig) || !fields.TryGetValue("se", out var se) || !fields.TryGetValue("skn", out var skn))
        {
            return false;
        }

        var resource = HttpUtility.UrlDecode(sr);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SasKey), Encoding.UTF8.GetBytes(sr + "\n" + se)));
        return skn == SasKeyName
            && HttpUtility.UrlDecode(sig) == expected
            && long.Parse(se, CultureInfo.InvariantCulture) > Time.GetUtcNow().ToUnixTimeSeconds()
            && resource.StartsWith(BaseUri.AbsoluteUri, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task Error(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml; charset=utf-8";
        await context.Response.WriteAsync($"<Error><Code>{code}</Code><Detail>{detail} TrackingId:00000000-0000-0000-0000-000000000000</Detail></Error>");
    }
}
