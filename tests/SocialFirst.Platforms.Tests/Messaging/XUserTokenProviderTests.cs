using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.X.Messaging;
using static SocialFirst.Platforms.Tests.Messaging.MessagingTestHost;

namespace SocialFirst.Platforms.Tests.Messaging;

/// <summary>X user tokens renewed with the refresh grant against a local fake X, rotated and shared through the store.</summary>
public class XUserTokenProviderTests
{
    private const string Brand = "2244994945";
    private const string ClientId = "client-abc";
    private const string ClientSecret = "client-SECRET-value";
    private const string Bootstrap = "RT-bootstrap";

    private static ServiceProvider CreateSut(FakePlatformApi api, IPlatformTokenStore? store = null, CapturingLoggerProvider? logs = null, string? secret = ClientSecret, string bootstrap = Bootstrap)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:X:ApiBaseUrl"] = api.BaseUrl,
            ["Messaging:X:ClientId"] = ClientId,
            ["Messaging:X:RefreshTokens:" + Brand] = bootstrap,
        };
        if (secret is not null)
        {
            settings["Messaging:X:ClientSecret"] = secret;
        }

        return Create(settings, logs, s => s.AddSingleton(store ?? new InMemoryPlatformTokenStore()));
    }

    /// <summary>A fake token endpoint that rotates: each refresh token works once and yields AT-n / RT-n.</summary>
    private sealed class RotatingTokenEndpoint
    {
        private readonly HashSet<string> _valid = [Bootstrap];
        private readonly Lock _gate = new();
        private int _issued;

        public int Refreshes => _issued;

        public FakeResponse Answer(RecordedRequest r)
        {
            if (r.Path != "/2/oauth2/token")
            {
                return r.Authorization == $"Bearer AT-{_issued}"
                    ? FakeResponse.Json(201, """{"data":{"dm_event_id":"1"}}""")
                    : FakeResponse.Json(401, """{"title":"Unauthorized","detail":"Unauthorized","status":401}""");
            }

            var form = QueryHelpers.ParseQuery(r.Body);
            lock (_gate)
            {
                if (form["grant_type"] != "refresh_token" || !_valid.Remove(form["refresh_token"].ToString()))
                {
                    return FakeResponse.Json(400, """{"error":"invalid_request","error_description":"Value passed for the token was invalid."}""");
                }

                var n = ++_issued;
                _valid.Add($"RT-{n}");
                return FakeResponse.Json(200, $$"""{"token_type":"bearer","expires_in":7200,"access_token":"AT-{{n}}","scope":"dm.write offline.access","refresh_token":"RT-{{n}}"}""") with { Delay = TimeSpan.FromMilliseconds(50) };
            }
        }
    }

    private static Task<SendOutcome> DmAsync(ServiceProvider sp) => sp.GetRequiredService<XMessenger>().SendAsync(
        Target(Platform.X, MentionKind.Mention, Brand, replyTo: "1790000000000000001", author: "987654321"), "Hello", "c1:a", CancellationToken.None);

    [Fact]
    public async Task SendAsync_RefreshTokenConfigured_RenewsWithBasicAuthAndSendsWithTheNewToken()
    {
        var endpoint = new RotatingTokenEndpoint();
        await using var api = await FakePlatformApi.StartAsync(endpoint.Answer);
        using var sp = CreateSut(api);

        var outcome = await DmAsync(sp);

        Assert.Equal(SendOutcomeKind.Sent, outcome.Kind);
        var requests = api.Requests.ToList();
        Assert.Equal(["/2/oauth2/token", "/2/dm_conversations/with/987654321/messages"], requests.Select(r => r.Path));
        var expectedBasic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"))).ToString();
        Assert.Equal(expectedBasic, requests[0].Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", requests[0].ContentType, StringComparison.Ordinal);
        Assert.Equal("Bearer AT-1", requests[1].Authorization);
    }

    [Fact]
    public async Task GetAccessTokenAsync_PublicClient_SendsClientIdInTheForm()
    {
        var endpoint = new RotatingTokenEndpoint();
        await using var api = await FakePlatformApi.StartAsync(endpoint.Answer);
        using var sp = CreateSut(api, secret: null);

        var token = await sp.GetRequiredService<IXUserTokenProvider>().GetAccessTokenAsync(Brand, CancellationToken.None);

        Assert.Equal("AT-1", token.Token);
        var form = QueryHelpers.ParseQuery(api.Single.Body);
        Assert.Equal(ClientId, form["client_id"].ToString());
        Assert.Null(api.Single.Authorization);
    }

    [Fact]
    public async Task GetAccessTokenAsync_BeforeAndAfterExpiry_ReusesThenRotates()
    {
        var endpoint = new RotatingTokenEndpoint();
        await using var api = await FakePlatformApi.StartAsync(endpoint.Answer);
        var store = new InMemoryPlatformTokenStore();
        using var sp = CreateSut(api, store);
        var sut = sp.GetRequiredService<IXUserTokenProvider>();
        var time = (FakeTimeProvider)sp.GetRequiredService<TimeProvider>();

        var first = await sut.GetAccessTokenAsync(Brand, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        var cached = await sut.GetAccessTokenAsync(Brand, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(56));
        var rotated = await sut.GetAccessTokenAsync(Brand, CancellationToken.None);

        Assert.Equal(("AT-1", "AT-1", "AT-2"), (first.Token, cached.Token, rotated.Token));
        var stored = await store.GetAsync(XUserTokenProvider.StorePlatform, Brand, CancellationToken.None);
        Assert.Equal(("RT-2", (string?)null), (stored!.State.RefreshToken, stored.State.LeaseOwner));
    }

    [Fact]
    public async Task GetAccessTokenAsync_TokenStillValid_ServedWithoutReadingTheStore()
    {
        var endpoint = new RotatingTokenEndpoint();
        await using var api = await FakePlatformApi.StartAsync(endpoint.Answer);
        var store = new CountingTokenStore();
        using var sp = CreateSut(api, store);
        var sut = sp.GetRequiredService<IXUserTokenProvider>();
        var time = (FakeTimeProvider)sp.GetRequiredService<TimeProvider>();

        await sut.GetAccessTokenAsync(Brand, CancellationToken.None);
        var readsAfterRenewal = store.Reads;
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal("AT-1", (await sut.GetAccessTokenAsync(Brand, CancellationToken.None)).Token);
        }

        var readsWhileValid = store.Reads - readsAfterRenewal;
        time.Advance(TimeSpan.FromMinutes(16)); // 116 min: inside the renewal margin of a 120 min token
        var renewed = await sut.GetAccessTokenAsync(Brand, CancellationToken.None);

        Assert.Equal((0, "AT-2", 2), (readsWhileValid, renewed.Token, endpoint.Refreshes));
    }

    [Fact]
    public async Task GetAccessTokenAsync_OperatorReauthorisesAfterCaching_IgnoresTheCachedToken()
    {
        var endpoint = new RotatingTokenEndpoint();
        await using var api = await FakePlatformApi.StartAsync(endpoint.Answer);
        var store = new InMemoryPlatformTokenStore();
        using var before = CreateSut(api, store);
        var sut = before.GetRequiredService<IXUserTokenProvider>();
        Assert.Equal("AT-1", (await sut.GetAccessTokenAsync(Brand, CancellationToken.None)).Token);

        // Same instance, new configured refresh token (as after a Key Vault update and configuration reload).
        before.GetRequiredService<IOptionsMonitor<XMessagingOptions>>().CurrentValue.RefreshTokens[Brand] = "RT-1";

        var after = await sut.GetAccessTokenAsync(Brand, CancellationToken.None);

        Assert.Equal(("AT-2", 2), (after.Token, endpoint.Refreshes));
    }

    /// <summary>The in-memory store, counting reads.</summary>
    private sealed class CountingTokenStore : IPlatformTokenStore
    {
        private readonly InMemoryPlatformTokenStore _inner = new();
        private int _reads;

        public int Reads => _reads;

        public Task<StoredPlatformToken?> GetAsync(string platform, string accountId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return _inner.GetAsync(platform, accountId, cancellationToken);
        }

        public Task<string?> TryWriteAsync(string platform, string accountId, PlatformTokenState state, string? expectedVersion, CancellationToken cancellationToken) =>
            _inner.TryWriteAsync(platform, accountId, state, expectedVersion, cancellationToken);
    }

    [Fact]
    public async Task GetAccessTokenAsync_FourInstancesShareOneStore_SpendEachRefreshTokenOnce()
    {
        var endpoint = new RotatingTokenEndpoint();
        await using var api = await FakePlatformApi.StartAsync(endpoint.Answer);
        var store = new InMemoryPlatformTokenStore();
        var options = new XMessagingOptions { ApiBaseUrl = api.BaseUrl, ClientId = ClientId, ClientSecret = ClientSecret };
        options.RefreshTokens[Brand] = Bootstrap;
        using var http = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var instances = Enumerable.Range(0, 4).Select(_ => new XUserTokenProvider(
            http.GetRequiredService<IHttpClientFactory>(), new StaticMonitor(options), store, TimeProvider.System, NullLogger<XUserTokenProvider>.Instance)).ToList();

        var results = await Task.WhenAll(instances.Select(i => i.GetAccessTokenAsync(Brand, CancellationToken.None).AsTask()));

        // Single-use refresh tokens: a second spend of the bootstrap token would have failed with 400.
        Assert.All(results, r => Assert.Equal("AT-1", r.Token));
        Assert.Equal(1, endpoint.Refreshes);
    }

    [Fact]
    public async Task SendAsync_AccessTokenRevoked_RenewsOnceAndRetries()
    {
        var endpoint = new RotatingTokenEndpoint();
        await using var api = await FakePlatformApi.StartAsync(endpoint.Answer);
        var store = new InMemoryPlatformTokenStore();
        using var sp = CreateSut(api, store);
        using var otherInstance = CreateSut(api, store);
        await DmAsync(sp);

        // Another instance rotated the pair (AT-1 no longer accepted); our cached and stored token still look valid.
        await otherInstance.GetRequiredService<IXUserTokenProvider>().RenewAsync(Brand, "AT-1", CancellationToken.None);
        var stale = await store.GetAsync(XUserTokenProvider.StorePlatform, Brand, CancellationToken.None);
        await store.TryWriteAsync(XUserTokenProvider.StorePlatform, Brand, stale!.State with { AccessToken = "AT-1" }, stale.Version, CancellationToken.None);

        var outcome = await DmAsync(sp);

        Assert.Equal(SendOutcomeKind.Sent, outcome.Kind);
        var dms = api.Requests.Where(r => r.Path.StartsWith("/2/dm_conversations", StringComparison.Ordinal)).Select(r => r.Authorization).ToList();
        Assert.Equal(["Bearer AT-1", "Bearer AT-1", "Bearer AT-3"], dms);
    }

    [Fact]
    public async Task GetAccessTokenAsync_RefreshTokenRefused_NotPermittedNamingTheSettingAndLeaseReleased()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(400, """{"error":"invalid_request","error_description":"Value passed for the token was invalid."}"""));
        var store = new InMemoryPlatformTokenStore();
        using var sp = CreateSut(api, store);

        var result = await sp.GetRequiredService<IXUserTokenProvider>().GetAccessTokenAsync(Brand, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.NotPermitted, result.Failure?.Kind);
        Assert.Contains($"Messaging:X:RefreshTokens:{Brand}", result.Failure!.Detail, StringComparison.Ordinal);
        var stored = await store.GetAsync(XUserTokenProvider.StorePlatform, Brand, CancellationToken.None);
        Assert.Null(stored!.State.LeaseUntil);
    }

    [Fact]
    public async Task GetAccessTokenAsync_TokenEndpointDown_RetryLater()
    {
        await using var api = await FakePlatformApi.StartAsync(_ => FakeResponse.Json(503, "busy"));
        using var sp = CreateSut(api);

        var result = await sp.GetRequiredService<IXUserTokenProvider>().GetAccessTokenAsync(Brand, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.RetryLater, result.Failure?.Kind);
    }

    [Fact]
    public async Task GetAccessTokenAsync_OperatorPutsNewRefreshToken_StartsFromIt()
    {
        var endpoint = new RotatingTokenEndpoint();
        await using var api = await FakePlatformApi.StartAsync(endpoint.Answer);
        var store = new InMemoryPlatformTokenStore();
        using (var before = CreateSut(api, store))
        {
            await before.GetRequiredService<IXUserTokenProvider>().GetAccessTokenAsync(Brand, CancellationToken.None);
        }

        // Re-authorised: the fake accepts RT-1 (the rotated one); pretend the operator pasted it as the new bootstrap.
        using var after = CreateSut(api, store, bootstrap: "RT-1");
        var token = await after.GetRequiredService<IXUserTokenProvider>().GetAccessTokenAsync(Brand, CancellationToken.None);

        Assert.Equal("AT-2", token.Token);
        var stored = await store.GetAsync(XUserTokenProvider.StorePlatform, Brand, CancellationToken.None);
        Assert.Equal(XUserTokenProvider.Fingerprint("RT-1"), stored!.State.BootstrapHash);
    }

    [Fact]
    public async Task SendAsync_Tokens_NeverReachTheLogs()
    {
        var logs = new CapturingLoggerProvider();
        var endpoint = new RotatingTokenEndpoint();
        await using var api = await FakePlatformApi.StartAsync(endpoint.Answer);
        using var sp = CreateSut(api, logs: logs);

        await DmAsync(sp);

        Assert.Contains(logs.Messages, m => m.Contains("|4221|", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("AT-1", StringComparison.Ordinal) || m.Contains("RT-", StringComparison.Ordinal) || m.Contains(ClientSecret, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_RefreshTokensWithoutClientId_FailValidationNamingTheSetting()
    {
        using var sp = Create(new() { ["Messaging:X:RefreshTokens:" + Brand] = Bootstrap });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<XMessagingOptions>>().Value);

        Assert.Contains("Messaging:X:ClientId", ex.Message, StringComparison.Ordinal);
    }

    private sealed class StaticMonitor(XMessagingOptions value) : IOptionsMonitor<XMessagingOptions>
    {
        public XMessagingOptions CurrentValue => value;

        public XMessagingOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<XMessagingOptions, string?> listener) => null;
    }
}
