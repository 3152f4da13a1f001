using System.Collections.Concurrent;
using System.Globalization;

namespace SocialFirst.Core.Escalation.Messaging;

/// <summary>
/// The OAuth state of one sending account whose tokens rotate (X OAuth 2.0: a two-hour access token and a single-use
/// refresh token). <see cref="LeaseUntil"/>/<see cref="LeaseOwner"/> mark an instance that is refreshing right now, so
/// two instances never spend the same refresh token. <see cref="BootstrapHash"/> identifies the configured refresh
/// token this state grew from: a different configured token means an operator re-authorised the account.
/// </summary>
public sealed record PlatformTokenState(
    string? AccessToken,
    string? RefreshToken,
    DateTimeOffset AccessTokenExpiresAt,
    string? BootstrapHash,
    DateTimeOffset? LeaseUntil = null,
    string? LeaseOwner = null);

/// <summary>A stored state and its version (an ETag): writes name the version they replace.</summary>
public sealed record StoredPlatformToken(PlatformTokenState State, string Version);

/// <summary>Durable, shared OAuth state per platform and account, with optimistic concurrency.</summary>
public interface IPlatformTokenStore
{
    Task<StoredPlatformToken?> GetAsync(string platform, string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="state"/>: creates it when <paramref name="expectedVersion"/> is null, else replaces that
    /// version. Returns the new version, or null when someone else wrote first.
    /// </summary>
    Task<string?> TryWriteAsync(string platform, string accountId, PlatformTokenState state, string? expectedVersion, CancellationToken cancellationToken);
}

/// <summary>In-process store (tests, single-instance tools).</summary>
public sealed class InMemoryPlatformTokenStore : IPlatformTokenStore
{
    private readonly ConcurrentDictionary<(string, string), StoredPlatformToken> _items = new();
    private readonly Lock _gate = new();
    private long _version;

    public Task<StoredPlatformToken?> GetAsync(string platform, string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue((platform, accountId), out var stored) ? stored : null);

    public Task<string?> TryWriteAsync(string platform, string accountId, PlatformTokenState state, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            var exists = _items.TryGetValue((platform, accountId), out var current);
            if ((expectedVersion is null && exists) || (expectedVersion is not null && current?.Version != expectedVersion))
            {
                return Task.FromResult<string?>(null);
            }

            var version = (++_version).ToString(CultureInfo.InvariantCulture);
            _items[(platform, accountId)] = new StoredPlatformToken(state, version);
            return Task.FromResult<string?>(version);
        }
    }
}
