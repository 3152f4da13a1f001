using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.Meta.Messaging;

/// <summary>
/// Facebook and Instagram through the Send API, <c>POST {graph}/{version}/{page-or-ig-id}/messages</c>:
/// a comment or visitor post gets a private reply (<c>recipient.comment_id</c> / <c>recipient.post_id</c>), a DM gets a
/// <c>RESPONSE</c> (or, from a person after 24 h, a <c>HUMAN_AGENT</c>-tagged) message to the PSID/IGSID.
/// The Page token goes in the Authorization header, so it never appears in a URL.
/// </summary>
public sealed class MetaMessenger : IPrivateMessenger
{
    public const string HttpClientName = "SocialFirst.Messaging.Meta";

    private readonly IHttpClientFactory _http;
    private readonly IOptionsMonitor<MetaMessagingOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MetaMessenger> _logger;

    public MetaMessenger(IHttpClientFactory http, IOptionsMonitor<MetaMessagingOptions> options, TimeProvider time, ILogger<MetaMessenger> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_http, _options, _time, _logger) = (http, options, time, logger);
    }

    public IReadOnlyCollection<Platform> Platforms { get; } = [Platform.Facebook, Platform.Instagram];

    public async Task<SendOutcome> SendAsync(PrivateMessageTarget target, string text, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var platform = target.Platform.ToString();
        var isDm = target.Kind == MentionKind.DirectMessage;
        var action = isDm ? "direct message" : "private reply";
        if (target.Platform is not (Platform.Facebook or Platform.Instagram))
        {
            return SendOutcome.Failed($"the Meta sender cannot send on {target.Platform}");
        }

        var options = _options.CurrentValue;
        if (!options.PageTokens.TryGetValue(target.BrandAccountId, out var token) || string.IsNullOrEmpty(token))
        {
            var setting = $"{MetaMessagingOptions.SectionName}:PageTokens:{target.BrandAccountId}";
            MessagingLog.NoToken(_logger, platform, target.BrandAccountId, setting);
            return MessagingLog.Report(_logger, platform, action, idempotencyKey, SendOutcome.NotPermitted($"{platform}: no Page access token configured ({setting})"));
        }

        var root = target.Platform == Platform.Instagram && !string.IsNullOrEmpty(options.InstagramGraphBaseUrl)
            ? options.InstagramGraphBaseUrl
            : options.GraphBaseUrl;
        var url = $"{root.TrimEnd('/')}/{options.ApiVersion}/{Uri.EscapeDataString(target.BrandAccountId)}/messages";
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(Body(target, text), options: MessagingJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var reply = await MessagingHttp.SendAsync(_http.CreateClient(HttpClientName), request, platform, cancellationToken);
        var outcome = reply.TransportFailure ?? Map(platform, reply, _time.GetUtcNow());
        return MessagingLog.Report(_logger, platform, action, idempotencyKey, outcome);
    }

    internal static JsonObject Body(PrivateMessageTarget target, string text)
    {
        var message = new JsonObject { ["text"] = text };
        if (target.Kind != MentionKind.DirectMessage)
        {
            var key = target.Kind == MentionKind.Post ? "post_id" : "comment_id";
            return new JsonObject { ["recipient"] = new JsonObject { [key] = target.ReplyToId }, ["message"] = message };
        }

        var body = new JsonObject { ["recipient"] = new JsonObject { ["id"] = target.AuthorId } };
        if (target.SentByHumanAgent)
        {
            body["messaging_type"] = "MESSAGE_TAG";
            body["tag"] = "HUMAN_AGENT";
        }
        else
        {
            body["messaging_type"] = "RESPONSE";
        }

        body["message"] = message;
        return body;
    }

    /// <summary>
    /// Graph answers: <c>{"recipient_id","message_id"}</c> on success; <c>{"error":{"message","type","code","error_subcode"}}</c>
    /// otherwise. Codes: 10900 already replied; 10903 and 551 user cannot be messaged; 10 with subcode 2018278 (or an
    /// "outside of allowed window" message) window closed, other 10 and 200–299 permission; 190 token;
    /// 4/17/32/613 and 1/2 throttling or temporary; 100 subcode 33 object gone.
    /// </summary>
    internal static SendOutcome Map(string platform, MessagingHttp.Reply reply, DateTimeOffset now)
    {
        using var json = MessagingHttp.TryParse(reply.Body);
        var root = json?.RootElement;
        if (reply.IsSuccess && root is { ValueKind: JsonValueKind.Object } ok && !ok.TryGetProperty("error", out _))
        {
            return SendOutcome.Sent(MessagingHttp.Text(ok, "message_id"));
        }

        var retryAfter = MessagingHttp.RetryAfter(reply.Headers, now);
        if (root is not { ValueKind: JsonValueKind.Object } r || !r.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return MessagingHttp.ByStatus(platform, reply.Status, retryAfter, null, null);
        }

        var code = MessagingHttp.Number(error, "code");
        var subcode = MessagingHttp.Number(error, "error_subcode");
        var message = MessagingHttp.Text(error, "message") ?? string.Empty;
        var codeText = code is null ? null : subcode is null ? code.Value.ToString(CultureInfo.InvariantCulture) : $"{code}/{subcode}";
        var detail = $"{platform}: Graph error {codeText}: {message}";
        return code switch
        {
            10900 => SendOutcome.AlreadyDone(detail, codeText),
            10903 or 551 => SendOutcome.NotPermitted(detail, codeText),
            10 when subcode == 2018278 || message.Contains("outside of allowed window", StringComparison.OrdinalIgnoreCase) => SendOutcome.WindowExpired(detail, codeText),
            _ when subcode == 2018278 => SendOutcome.WindowExpired(detail, codeText),
            10 or (>= 200 and <= 299) => SendOutcome.NotPermitted(detail, codeText),
            190 => SendOutcome.NotPermitted(detail, codeText),
            100 when subcode == 33 => SendOutcome.NotPermitted(detail, codeText),
            4 or 17 or 32 or 613 or 1 or 2 => SendOutcome.RetryLater(detail, retryAfter, codeText),
            _ => MessagingHttp.ByStatus(platform, reply.Status, retryAfter, codeText, message),
        };
    }
}
