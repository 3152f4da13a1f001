using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Platforms.Messaging;

namespace SocialFirst.Platforms.X.Messaging;

/// <summary>Supplies the OAuth 2.0 user-context token of a brand X account.</summary>
public interface IXUserTokenProvider
{
    ValueTask<AccessTokenResult> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>X answered 401 to <paramref name="rejectedToken"/>: a different, fresh token, or a failure.</summary>
    ValueTask<AccessTokenResult> RenewAsync(string accountId, string rejectedToken, CancellationToken cancellationToken);
}

/// <summary>
/// X user tokens renewed with the OAuth 2.0 refresh grant (<c>POST /2/oauth2/token</c>, form
/// <c>grant_type=refresh_token</c>; Basic client authentication for a confidential client, else <c>client_id</c>).
/// Access tokens last about two hours and each refresh token works once, so the state is shared by every instance in
/// an <see cref="IPlatformTokenStore"/>: an instance takes a short lease on the account's row (ETag) before spending
/// the refresh token and writes the new pair back; the others wait for it and read the result. Accounts without
/// <see cref="XMessagingOptions.RefreshTokens"/> use the static <see cref="XMessagingOptions.UserAccessTokens"/>.
/// Each instance also remembers the last valid access token per account, so a send costs no store read until the
/// token nears expiry, X rejects it, or the operator configures a new refresh token. Tokens are never logged.
/// </summary>
public sealed partial class XUserTokenProvider : IXUserTokenProvider
{
    public const string StorePlatform = "x";

    /// <summary>Renew this long before the access token expires.</summary>
    public static readonly TimeSpan RenewMargin = TimeSpan.FromMinutes(5);

    /// <summary>How long one instance may hold the right to refresh (the token call has its own, shorter timeout).</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private const int MaxRounds = 200;
    private const string PlatformName = "X";

    private readonly IHttpClientFactory _http;
    private readonly IOptionsMonitor<XMessagingOptions> _options;
    private readonly IPlatformTokenStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<XUserTokenProvider> _logger;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, CachedToken> _cache = new(StringComparer.Ordinal);

    public XUserTokenProvider(IHttpClientFactory http, IOptionsMonitor<XMessagingOptions> options, IPlatformTokenStore store, TimeProvider time, ILogger<XUserTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_http, _options, _store, _time, _logger) = (http, options, store, time, logger);
    }

    public ValueTask<AccessTokenResult> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken) =>
        GetAsync(accountId, rejected: null, cancellationToken);

    public ValueTask<AccessTokenResult> RenewAsync(string accountId, string rejectedToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rejectedToken);
        return GetAsync(accountId, rejectedToken, cancellationToken);
    }

    /// <summary>A short, one-way fingerprint of a configured refresh token (never the token itself).</summary>
    public static string Fingerprint(string refreshToken) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)))[..16];

    private async ValueTask<AccessTokenResult> GetAsync(string accountId, string? rejected, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var options = _options.CurrentValue;
        if (!options.RefreshTokens.TryGetValue(accountId, out var configured) || string.IsNullOrEmpty(configured))
        {
            return StaticToken(options, accountId, rejected);
        }

        var bootstrap = Fingerprint(configured);
        if (_cache.TryGetValue(accountId, out var cached))
        {
            if (cached.IsUsable(bootstrap, rejected, _time.GetUtcNow()))
            {
                return AccessTokenResult.Of(cached.AccessToken);
            }

            _cache.TryRemove(new KeyValuePair<string, CachedToken>(accountId, cached));
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var now = _time.GetUtcNow();
            var stored = await _store.GetAsync(StorePlatform, accountId, cancellationToken);
            var state = stored?.State;
            var reauthorised = state is null || !string.Equals(state.BootstrapHash, bootstrap, StringComparison.Ordinal);
            if (!reauthorised
                && state!.AccessToken is { Length: > 0 } access
                && !string.Equals(access, rejected, StringComparison.Ordinal)
                && now < state.AccessTokenExpiresAt - RenewMargin)
            {
                _cache[accountId] = new CachedToken(access, state.AccessTokenExpiresAt, bootstrap);
                return AccessTokenResult.Of(access);
            }

            if (state?.LeaseUntil is { } until && until > now && !string.Equals(state.LeaseOwner, _instance, StringComparison.Ordinal))
            {
                // Another instance is spending the refresh token right now: wait for its result.
                await Task.Delay(PollInterval, _time, cancellationToken);
                continue;
            }

            var refreshToken = reauthorised ? configured : state!.RefreshToken;
            if (string.IsNullOrEmpty(refreshToken))
            {
                return AccessTokenResult.Unavailable(SendOutcome.NotPermitted(ReauthoriseDetail(accountId, "no refresh token is stored")));
            }

            var leased = (state ?? new PlatformTokenState(null, null, DateTimeOffset.MinValue, null)) with { LeaseUntil = now + LeaseDuration, LeaseOwner = _instance };
            var leaseVersion = await _store.TryWriteAsync(StorePlatform, accountId, leased, stored?.Version, cancellationToken);
            if (leaseVersion is null)
            {
                continue;
            }

            return await RefreshAsync(options, accountId, refreshToken, bootstrap, leased, leaseVersion, cancellationToken);
        }

        Log.GaveUpWaiting(_logger, accountId);
        return AccessTokenResult.Unavailable(SendOutcome.RetryLater("X token: another instance is still refreshing"));
    }

    private async Task<AccessTokenResult> RefreshAsync(
        XMessagingOptions options, string accountId, string refreshToken, string bootstrap, PlatformTokenState leased, string leaseVersion, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{options.ApiBaseUrl.TrimEnd('/')}/2/oauth2/token");
        if (string.IsNullOrEmpty(options.ClientSecret))
        {
            form["client_id"] = options.ClientId ?? string.Empty;
        }
        else
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        request.Content = new FormUrlEncodedContent(form);
        var startedAt = _time.GetUtcNow();
        var reply = await MessagingHttp.SendAsync(_http.CreateClient(XMessenger.HttpClientName), request, PlatformName, cancellationToken);
        using var json = MessagingHttp.TryParse(reply.Body);
        var root = json?.RootElement;
        var access = root is { ValueKind: JsonValueKind.Object } r1 ? MessagingHttp.Text(r1, "access_token") : null;
        if (reply.TransportFailure is null && reply.IsSuccess && !string.IsNullOrEmpty(access) && root is { } r)
        {
            var lifetime = TimeSpan.FromSeconds(Math.Clamp(MessagingHttp.Number(r, "expires_in") ?? 7200, 60, 86_400));

            // X rotates the refresh token; keep the old one only if the answer carries none.
            var fresh = new PlatformTokenState(access, MessagingHttp.Text(r, "refresh_token") ?? refreshToken, startedAt + lifetime, bootstrap);
            if (await _store.TryWriteAsync(StorePlatform, accountId, fresh, leaseVersion, cancellationToken) is null)
            {
                // Our lease ran out and someone else wrote: the pair we hold may be the only valid one, but we cannot
                // store it safely. Use the access token now; the next renewal may need re-authorisation.
                Log.LostWrite(_logger, accountId);
            }

            _cache[accountId] = new CachedToken(access, fresh.AccessTokenExpiresAt, bootstrap);
            Log.Renewed(_logger, accountId, (int)lifetime.TotalSeconds);
            return AccessTokenResult.Of(access);
        }

        // Not renewed: release the lease so another attempt can start at once.
        await _store.TryWriteAsync(StorePlatform, accountId, leased with { LeaseUntil = null, LeaseOwner = null }, leaseVersion, cancellationToken);
        var error = root is { ValueKind: JsonValueKind.Object } e ? MessagingHttp.Text(e, "error") : null;
        var status = ((int)reply.Status).ToString(CultureInfo.InvariantCulture);
        SendOutcome failure = reply.TransportFailure
            ?? ((int)reply.Status is 400 or 401 && error is "invalid_grant" or "invalid_request" or "unauthorized_client" or "invalid_client"
                ? SendOutcome.NotPermitted(ReauthoriseDetail(accountId, $"the token endpoint answered {status} {error}"), error)
                : MessagingHttp.ByStatus("X token", reply.Status, MessagingHttp.RetryAfter(reply.Headers, startedAt), error, null));
        Log.RenewFailed(_logger, accountId, failure.Kind, failure.ErrorCode);
        return AccessTokenResult.Unavailable(failure);
    }

    private static string ReauthoriseDetail(string accountId, string why) =>
        $"X token: {why}; authorise the account again and put its new refresh token in {XMessagingOptions.SectionName}:RefreshTokens:{accountId}";

    private static AccessTokenResult StaticToken(XMessagingOptions options, string accountId, string? rejected) =>
        AccessTokenResult.Static(options.UserAccessTokens, accountId, rejected, PlatformName, $"{XMessagingOptions.SectionName}:RefreshTokens:{accountId}");

    /// <summary>An access token this instance saw valid, for the refresh token configured as <paramref name="Bootstrap"/>.</summary>
    private sealed record CachedToken(string AccessToken, DateTimeOffset ExpiresAt, string Bootstrap)
    {
        public bool IsUsable(string bootstrap, string? rejected, DateTimeOffset now) =>
            string.Equals(Bootstrap, bootstrap, StringComparison.Ordinal)
            && !string.Equals(AccessToken, rejected, StringComparison.Ordinal)
            && now < ExpiresAt - RenewMargin;
    }

    private static partial class Log
    {
        [LoggerMessage(4221, LogLevel.Information, "X user token for account {AccountId} renewed, valid for {Seconds} s")]
        public static partial void Renewed(ILogger logger, string accountId, int seconds);

        [LoggerMessage(4222, LogLevel.Warning, "X user token for account {AccountId} not renewed: {Outcome} ({ErrorCode})")]
        public static partial void RenewFailed(ILogger logger, string accountId, SendOutcomeKind outcome, string? errorCode);

        [LoggerMessage(4223, LogLevel.Error, "X user token for account {AccountId} renewed but could not be stored (lease lost); the next renewal may need re-authorisation")]
        public static partial void LostWrite(ILogger logger, string accountId);

        [LoggerMessage(4224, LogLevel.Warning, "Gave up waiting for another instance to renew the X user token of account {AccountId}")]
        public static partial void GaveUpWaiting(ILogger logger, string accountId);
    }
}
