using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.WeChat.Messaging;

/// <summary>
/// WeChat customer-service text message: <c>POST {api}/cgi-bin/message/custom/send?access_token=...</c> with
/// <c>{"touser":OpenID,"msgtype":"text","text":{"content":...}}</c>. WeChat requires the token in the query string, so
/// this client's URL is never logged (its HttpClient has the factory's request loggers removed) nor put in a detail.
/// </summary>
public sealed class WeChatMessenger : IPrivateMessenger
{
    public const string HttpClientName = "SocialFirst.Messaging.WeChat";

    private const string PlatformName = "WeChat";
    private const string Action = "customer-service message";

    private readonly IHttpClientFactory _http;
    private readonly IOptionsMonitor<WeChatMessagingOptions> _options;
    private readonly IWeChatAccessTokenProvider _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<WeChatMessenger> _logger;

    public WeChatMessenger(
        IHttpClientFactory http,
        IOptionsMonitor<WeChatMessagingOptions> options,
        IWeChatAccessTokenProvider tokens,
        TimeProvider time,
        ILogger<WeChatMessenger> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_http, _options, _tokens, _time, _logger) = (http, options, tokens, time, logger);
    }

    public IReadOnlyCollection<Platform> Platforms { get; } = [Platform.WeChat];

    public async Task<SendOutcome> SendAsync(PrivateMessageTarget target, string text, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        if (target.Platform != Platform.WeChat)
        {
            return SendOutcome.Failed($"the WeChat sender cannot send on {target.Platform}");
        }

        var token = await _tokens.GetAccessTokenAsync(target.BrandAccountId, cancellationToken);
        if (token.Token is null)
        {
            return MessagingLog.Report(_logger, PlatformName, Action, idempotencyKey, token.Failure ?? SendOutcome.NotPermitted("WeChat: no access token"));
        }

        var body = new JsonObject
        {
            ["touser"] = target.AuthorId,
            ["msgtype"] = "text",
            ["text"] = new JsonObject { ["content"] = text },
        };
        var outcome = await PostAsync(body, token.Token, cancellationToken);
        if (outcome.ErrorCode is "40001" or "40014" or "42001")
        {
            // The token was refused, so nothing was sent: one retry with a renewed token cannot send twice.
            var renewed = await _tokens.RenewAsync(target.BrandAccountId, token.Token, cancellationToken);
            outcome = renewed switch
            {
                { Token: { } fresh } => await PostAsync(body, fresh, cancellationToken),
                { Failure.Kind: SendOutcomeKind.RetryLater } => renewed.Failure,
                _ => SendOutcome.NotPermitted($"{outcome.Detail}; {renewed.Failure?.Detail}", outcome.ErrorCode),
            };
        }

        return MessagingLog.Report(_logger, PlatformName, Action, idempotencyKey, outcome);
    }

    private async Task<SendOutcome> PostAsync(JsonObject body, string token, CancellationToken cancellationToken)
    {
        var url = $"{_options.CurrentValue.ApiBaseUrl.TrimEnd('/')}/cgi-bin/message/custom/send?access_token={Uri.EscapeDataString(token)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: MessagingJson.Options) };
        var reply = await MessagingHttp.SendAsync(_http.CreateClient(HttpClientName), request, PlatformName, cancellationToken);
        return reply.TransportFailure ?? Map(reply, _time.GetUtcNow());
    }

    /// <summary>
    /// WeChat answers HTTP 200 with <c>{"errcode":..,"errmsg":..}</c>: 0 sent; 45015 out of the 48 h window (or the user
    /// unsubscribed); 45047 quota used (unconfirmed code); 40001/40014/42001 token invalid or expired; -1 system busy.
    /// </summary>
    internal static SendOutcome Map(MessagingHttp.Reply reply, DateTimeOffset now)
    {
        using var json = MessagingHttp.TryParse(reply.Body);
        var root = json?.RootElement;
        var retryAfter = MessagingHttp.RetryAfter(reply.Headers, now);
        if (!reply.IsSuccess || root is not { ValueKind: JsonValueKind.Object } r)
        {
            return reply.IsSuccess
                ? SendOutcome.RetryLater("WeChat: answer is not JSON", retryAfter)
                : MessagingHttp.ByStatus(PlatformName, reply.Status, retryAfter, null, null);
        }

        var errcode = MessagingHttp.Number(r, "errcode") ?? 0;
        var code = errcode.ToString(CultureInfo.InvariantCulture);
        var detail = $"WeChat: errcode {code}: {MessagingHttp.Text(r, "errmsg")}";
        return errcode switch
        {
            0 => SendOutcome.Sent(MessagingHttp.Text(r, "msgid")),
            45015 => SendOutcome.WindowExpired(detail, code),
            45047 => SendOutcome.NotPermitted(detail, code),
            40001 or 40014 or 42001 => SendOutcome.NotPermitted(detail, code),
            -1 => SendOutcome.RetryLater(detail, retryAfter, code),
            _ => SendOutcome.Failed(detail, code),
        };
    }
}
