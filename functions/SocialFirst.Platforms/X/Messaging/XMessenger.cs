using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.X.Messaging;

/// <summary>
/// X API v2: DMs with <c>POST /2/dm_conversations/with/{participant_id}/messages</c> and, as the fallback when the
/// author does not accept DMs, a public reply with <c>POST /2/tweets</c> (<c>reply.in_reply_to_tweet_id</c>).
/// The brand account's user-context token goes in the Authorization header.
/// </summary>
public sealed class XMessenger : IPrivateMessenger, IPublicReplier
{
    public const string HttpClientName = "SocialFirst.Messaging.X";

    /// <summary>Unix-seconds time when the rate-limit window resets.</summary>
    public const string RateLimitResetHeader = "x-rate-limit-reset";

    private const string PlatformName = "X";

    private readonly IHttpClientFactory _http;
    private readonly IOptionsMonitor<XMessagingOptions> _options;
    private readonly IXUserTokenProvider _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<XMessenger> _logger;

    public XMessenger(IHttpClientFactory http, IOptionsMonitor<XMessagingOptions> options, IXUserTokenProvider tokens, TimeProvider time, ILogger<XMessenger> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_http, _options, _tokens, _time, _logger) = (http, options, tokens, time, logger);
    }

    public IReadOnlyCollection<Platform> Platforms { get; } = [Platform.X];

    /// <summary>Sends a DM to the author. A 403 ("not allowed to send") is NotPermitted: the caller may then reply publicly.</summary>
    public Task<SendOutcome> SendAsync(PrivateMessageTarget target, string text, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!IsXId(target.AuthorId))
        {
            return Task.FromResult(SendOutcome.Failed("X: the author id is not an X user id"));
        }

        var body = new JsonObject { ["text"] = text };
        return PostAsync(target, $"2/dm_conversations/with/{target.AuthorId}/messages", body, "direct message", "dm_event_id", text, idempotencyKey, cancellationToken);
    }

    /// <summary>Replies publicly under the customer's post; the text must invite a DM and carry no personal data.</summary>
    public Task<SendOutcome> ReplyPubliclyAsync(PrivateMessageTarget target, string text, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!IsXId(target.ReplyToId))
        {
            return Task.FromResult(SendOutcome.Failed("X: the post id is not an X post id"));
        }

        var body = new JsonObject { ["text"] = text, ["reply"] = new JsonObject { ["in_reply_to_tweet_id"] = target.ReplyToId } };
        return PostAsync(target, "2/tweets", body, "public reply", "id", text, idempotencyKey, cancellationToken);
    }

    private async Task<SendOutcome> PostAsync(PrivateMessageTarget target, string path, JsonObject body, string action, string idField, string text, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        if (target.Platform != Platform.X)
        {
            return SendOutcome.Failed($"the X sender cannot send on {target.Platform}");
        }

        var token = await _tokens.GetAccessTokenAsync(target.BrandAccountId, cancellationToken);
        if (token.Token is null)
        {
            return MessagingLog.Report(_logger, PlatformName, action, idempotencyKey, token.Failure ?? SendOutcome.NotPermitted("X: no user token"));
        }

        var outcome = await SendOnceAsync(path, body, idField, token.Token, cancellationToken);
        if (outcome.Kind == SendOutcomeKind.NotPermitted && outcome.ErrorCode == "401")
        {
            // 401 is the token (nothing was sent): renew once and retry. 403 (DMs closed...) is not retried.
            var renewed = await _tokens.RenewAsync(target.BrandAccountId, token.Token, cancellationToken);
            outcome = renewed switch
            {
                { Token: { } fresh } => await SendOnceAsync(path, body, idField, fresh, cancellationToken),
                { Failure.Kind: SendOutcomeKind.RetryLater } => renewed.Failure,
                _ => SendOutcome.NotPermitted($"{outcome.Detail}; {renewed.Failure?.Detail}", outcome.ErrorCode),
            };
        }

        return MessagingLog.Report(_logger, PlatformName, action, idempotencyKey, outcome);
    }

    private async Task<SendOutcome> SendOnceAsync(string path, JsonObject body, string idField, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_options.CurrentValue.ApiBaseUrl.TrimEnd('/')}/{path}")
        {
            Content = JsonContent.Create(body, options: MessagingJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var reply = await MessagingHttp.SendAsync(_http.CreateClient(HttpClientName), request, PlatformName, cancellationToken);
        return reply.TransportFailure ?? Map(reply, idField, _time.GetUtcNow());
    }

    /// <summary>
    /// 201 <c>{"data":{...}}</c> → Sent; 401/403 → NotPermitted (DM not allowed, DMs closed, token), except a duplicate
    /// post → AlreadyDone; 429 → RetryLater until <c>x-rate-limit-reset</c> (or Retry-After); 5xx → RetryLater.
    /// </summary>
    internal static SendOutcome Map(MessagingHttp.Reply reply, string idField, DateTimeOffset now)
    {
        using var json = MessagingHttp.TryParse(reply.Body);
        var root = json?.RootElement;
        if (reply.IsSuccess && root is { ValueKind: JsonValueKind.Object } ok && ok.TryGetProperty("data", out var data))
        {
            return SendOutcome.Sent(MessagingHttp.Text(data, idField));
        }

        var message = root is { } r ? ErrorText(r) : null;
        if (reply.Status == HttpStatusCode.TooManyRequests)
        {
            var wait = MessagingHttp.UnixResetHeader(reply.Headers, RateLimitResetHeader, now) ?? MessagingHttp.RetryAfter(reply.Headers, now);
            return SendOutcome.RetryLater($"X: rate limited (HTTP 429){(message is null ? string.Empty : ": " + message)}", wait, "429");
        }

        if (reply.Status == HttpStatusCode.Forbidden && message?.Contains("duplicate content", StringComparison.OrdinalIgnoreCase) == true)
        {
            return SendOutcome.AlreadyDone($"X: {message}", "403");
        }

        if (reply.Status == HttpStatusCode.Unauthorized)
        {
            return SendOutcome.NotPermitted($"X: HTTP 401 (user token){(message is null ? string.Empty : ": " + message)}", "401");
        }

        return reply.IsSuccess
            ? SendOutcome.Failed("X: success status without a data object", ((int)reply.Status).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : MessagingHttp.ByStatus("X", reply.Status, MessagingHttp.RetryAfter(reply.Headers, now), null, message);
    }

    private static string? ErrorText(JsonElement root)
    {
        var detail = MessagingHttp.Text(root, "detail");
        if (detail is not null)
        {
            return detail;
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in errors.EnumerateArray())
            {
                var m = MessagingHttp.Text(e, "message") ?? MessagingHttp.Text(e, "detail");
                if (m is not null)
                {
                    return m;
                }
            }
        }

        return MessagingHttp.Text(root, "title");
    }

    private static bool IsXId(string? id) => !string.IsNullOrEmpty(id) && id.Length <= 20 && id.All(char.IsAsciiDigit);
}
