using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.WeChat.Messaging;

/// <summary>
/// WeChat access tokens for accounts configured with AppID/AppSecret, from the stable-token endpoint
/// (<c>POST /cgi-bin/stable_token</c>, <c>force_refresh: false</c>). In that mode WeChat hands every caller the same token
/// while it is valid and starts a new one five minutes before expiry, keeping the old one valid meanwhile, so several
/// instances can each fetch without invalidating each other (unlike <c>/cgi-bin/token</c>). A token is cached until five
/// minutes before its <c>expires_in</c>. Force refresh (limited to 20 a day) is never used automatically. Accounts
/// without credentials fall back to the static <see cref="WeChatMessagingOptions.AccessTokens"/>.
/// Tokens and secrets are never logged.
/// </summary>
public sealed partial class WeChatStableTokenProvider : IWeChatAccessTokenProvider
{
    /// <summary>Renew this long before WeChat's expiry (WeChat overlaps old and new tokens for five minutes).</summary>
    public static readonly TimeSpan RenewMargin = TimeSpan.FromMinutes(5);

    private const string PlatformName = "WeChat";

    private readonly IHttpClientFactory _http;
    private readonly IOptionsMonitor<WeChatMessagingOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WeChatStableTokenProvider> _logger;
    private readonly ConcurrentDictionary<string, CachedToken> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public WeChatStableTokenProvider(IHttpClientFactory http, IOptionsMonitor<WeChatMessagingOptions> options, TimeProvider time, ILogger<WeChatStableTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_http, _options, _time, _logger) = (http, options, time, logger);
    }

    public ValueTask<AccessTokenResult> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken) =>
        GetAsync(accountId, rejected: null, cancellationToken);

    public ValueTask<AccessTokenResult> RenewAsync(string accountId, string rejectedToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rejectedToken);
        return GetAsync(accountId, rejectedToken, cancellationToken);
    }

    private async ValueTask<AccessTokenResult> GetAsync(string accountId, string? rejected, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var options = _options.CurrentValue;
        if (!options.Apps.TryGetValue(accountId, out var app))
        {
            return StaticToken(options, accountId, rejected);
        }

        if (Fresh(accountId, rejected) is { } cached)
        {
            return AccessTokenResult.Of(cached);
        }

        var gate = _gates.GetOrAdd(accountId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have fetched while this one waited.
            if (Fresh(accountId, rejected) is { } fetched)
            {
                return AccessTokenResult.Of(fetched);
            }

            var result = await FetchAsync(options, app, cancellationToken);
            if (result.Token is not { } token)
            {
                return result;
            }

            if (string.Equals(token, rejected, StringComparison.Ordinal))
            {
                // WeChat still hands out the token it just rejected: only a forced refresh would help, and that is
                // rationed (20 a day) and invalidates the token for everyone, so a person should decide.
                _cache.TryRemove(accountId, out _);
                Log.StillRejected(_logger, accountId);
                return AccessTokenResult.Unavailable(SendOutcome.NotPermitted("WeChat: the token endpoint returns a token the API rejects; check the account, or force a refresh by hand"));
            }

            return result;
        }
        finally
        {
            gate.Release();
        }

        string? Fresh(string id, string? notThis) =>
            _cache.TryGetValue(id, out var c) && _time.GetUtcNow() < c.RenewAt && !string.Equals(c.Token, notThis, StringComparison.Ordinal) ? c.Token : null;

        async Task<AccessTokenResult> FetchAsync(WeChatMessagingOptions o, WeChatAppCredentials credentials, CancellationToken ct)
        {
            var body = new JsonObject
            {
                ["grant_type"] = "client_credential",
                ["appid"] = credentials.AppId,
                ["secret"] = credentials.AppSecret,
                ["force_refresh"] = false,
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{o.ApiBaseUrl.TrimEnd('/')}/cgi-bin/stable_token")
            {
                Content = JsonContent.Create(body, options: MessagingJson.Options),
            };
            var obtainedAt = _time.GetUtcNow();
            var reply = await MessagingHttp.SendAsync(_http.CreateClient(WeChatMessenger.HttpClientName), request, PlatformName, ct);
            var result = reply.TransportFailure is { } failure ? AccessTokenResult.Unavailable(failure) : Parse(reply, obtainedAt, accountId);
            if (result.Failure is { } refused)
            {
                Log.FetchFailed(_logger, accountId, refused.Kind, refused.ErrorCode);
            }

            return result;
        }
    }

    private AccessTokenResult Parse(MessagingHttp.Reply reply, DateTimeOffset obtainedAt, string accountId)
    {
        using var json = MessagingHttp.TryParse(reply.Body);
        if (!reply.IsSuccess || json?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return AccessTokenResult.Unavailable(reply.IsSuccess
                ? SendOutcome.RetryLater("WeChat token: answer is not JSON")
                : MessagingHttp.ByStatus(PlatformName + " token", reply.Status, MessagingHttp.RetryAfter(reply.Headers, obtainedAt), null, null));
        }

        var token = MessagingHttp.Text(root, "access_token");
        var errcode = MessagingHttp.Number(root, "errcode") ?? 0;
        if (errcode != 0 || string.IsNullOrEmpty(token))
        {
            var code = errcode.ToString(CultureInfo.InvariantCulture);
            var detail = $"WeChat token: errcode {code}: {MessagingHttp.Text(root, "errmsg")}";

            // -1 and 45009 (call quota) pass; bad AppID/secret (40013, 40125), IP not whitelisted (40164) need a person.
            return AccessTokenResult.Unavailable(errcode is -1 or 45009
                ? SendOutcome.RetryLater(detail, errorCode: code)
                : SendOutcome.NotPermitted(detail, code));
        }

        var lifetime = TimeSpan.FromSeconds(Math.Clamp(MessagingHttp.Number(root, "expires_in") ?? 300, 60, 7200));
        var renewAt = obtainedAt + (lifetime > RenewMargin * 2 ? lifetime - RenewMargin : lifetime / 2);
        _cache[accountId] = new CachedToken(token, renewAt);
        Log.Fetched(_logger, accountId, (int)lifetime.TotalSeconds);
        return AccessTokenResult.Of(token);
    }

    private static AccessTokenResult StaticToken(WeChatMessagingOptions options, string accountId, string? rejected) =>
        AccessTokenResult.Static(options.AccessTokens, accountId, rejected, PlatformName, $"{WeChatMessagingOptions.SectionName}:Apps:{accountId}");

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);

    private static partial class Log
    {
        [LoggerMessage(4211, LogLevel.Information, "WeChat access token for account {AccountId} fetched, valid for {Seconds} s")]
        public static partial void Fetched(ILogger logger, string accountId, int seconds);

        [LoggerMessage(4212, LogLevel.Warning, "WeChat access token for account {AccountId} not available: {Outcome} ({ErrorCode})")]
        public static partial void FetchFailed(ILogger logger, string accountId, SendOutcomeKind outcome, string? errorCode);

        [LoggerMessage(4213, LogLevel.Error, "WeChat keeps returning a token its API rejects for account {AccountId}; not forcing a refresh automatically")]
        public static partial void StillRejected(ILogger logger, string accountId);
    }
}
