using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.Weibo.Messaging;

/// <summary>
/// Weibo fan-service reply: <c>POST reply.json</c> (or <c>reply/biz.json</c> for an @mention), form-encoded
/// <c>access_token</c>, <c>type=text</c>, <c>data</c> = the JSON <c>{"text":...}</c> (URL-encoded by the form encoding),
/// <c>receiver_id</c>, <c>save_sender_box</c>. The token travels in the body, not the URL.
/// </summary>
public sealed class WeiboMessenger : IPrivateMessenger
{
    public const string HttpClientName = "SocialFirst.Messaging.Weibo";

    private const string PlatformName = "Weibo";

    private readonly IHttpClientFactory _http;
    private readonly IOptionsMonitor<WeiboMessagingOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WeiboMessenger> _logger;

    public WeiboMessenger(IHttpClientFactory http, IOptionsMonitor<WeiboMessagingOptions> options, TimeProvider time, ILogger<WeiboMessenger> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_http, _options, _time, _logger) = (http, options, time, logger);
    }

    public IReadOnlyCollection<Platform> Platforms { get; } = [Platform.Weibo];

    public async Task<SendOutcome> SendAsync(PrivateMessageTarget target, string text, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var isMention = target.Kind != MentionKind.DirectMessage;
        var action = isMention ? "mention reply" : "private message";
        if (target.Platform != Platform.Weibo)
        {
            return SendOutcome.Failed($"the Weibo sender cannot send on {target.Platform}");
        }

        if (string.IsNullOrEmpty(target.AuthorId) || target.AuthorId.Length > 19 || !target.AuthorId.All(char.IsAsciiDigit))
        {
            return MessagingLog.Report(_logger, PlatformName, action, idempotencyKey, SendOutcome.Failed("Weibo: receiver_id must be a numeric Weibo uid"));
        }

        var options = _options.CurrentValue;
        if (!options.AccessTokens.TryGetValue(target.BrandAccountId, out var token) || string.IsNullOrEmpty(token))
        {
            var setting = $"{WeiboMessagingOptions.SectionName}:AccessTokens:{target.BrandAccountId}";
            MessagingLog.NoToken(_logger, PlatformName, target.BrandAccountId, setting);
            return MessagingLog.Report(_logger, PlatformName, action, idempotencyKey, SendOutcome.NotPermitted($"Weibo: no access token configured ({setting})"));
        }

        var url = isMention && !string.IsNullOrEmpty(options.MentionReplyUrl) ? options.MentionReplyUrl : options.ReplyUrl;
        var data = new JsonObject { ["text"] = text }.ToJsonString(MessagingJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(
            [
                new("access_token", token),
                new("type", "text"),
                new("data", data),
                new("receiver_id", target.AuthorId),
                new("save_sender_box", options.SaveSenderBox ? "1" : "0"),
            ]),
        };
        var reply = await MessagingHttp.SendAsync(_http.CreateClient(HttpClientName), request, PlatformName, cancellationToken);
        var outcome = reply.TransportFailure ?? Map(reply, _time.GetUtcNow());
        return MessagingLog.Report(_logger, PlatformName, action, idempotencyKey, outcome);
    }

    /// <summary>
    /// 2xx without <c>error_code</c> → Sent. Errors are <c>{"error","error_code","request"}</c>: the reference documents
    /// none of this API's codes, so every coded error is Failed with its code (a person looks), except HTTP 5xx → RetryLater.
    /// </summary>
    internal static SendOutcome Map(MessagingHttp.Reply reply, DateTimeOffset now)
    {
        using var json = MessagingHttp.TryParse(reply.Body);
        var root = json?.RootElement;
        var retryAfter = MessagingHttp.RetryAfter(reply.Headers, now);
        var code = root is { ValueKind: JsonValueKind.Object } r ? MessagingHttp.Text(r, "error_code") : null;
        if (reply.IsSuccess && root is { ValueKind: JsonValueKind.Object } ok && code is null)
        {
            return SendOutcome.Sent(MessagingHttp.Text(ok, "id") ?? MessagingHttp.Text(ok, "msg_id"));
        }

        if ((int)reply.Status >= 500 || code is null)
        {
            return reply.IsSuccess
                ? SendOutcome.RetryLater("Weibo: answer is not JSON", retryAfter)
                : MessagingHttp.ByStatus(PlatformName, reply.Status, retryAfter, code, root is { } e ? MessagingHttp.Text(e, "error") : null);
        }

        return SendOutcome.Failed($"Weibo: error_code {code}: {MessagingHttp.Text(root!.Value, "error")}", code);
    }
}
