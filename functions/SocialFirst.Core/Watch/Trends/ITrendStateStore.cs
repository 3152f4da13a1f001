using System.Collections.Concurrent;
using System.Text.Json;

namespace SocialFirst.Core.Watch.Trends;

/// <summary>Where trend state lives between timer runs (a blob per brand in Azure; memory in tests and standalone mode).</summary>
public interface ITrendStateStore
{
    /// <summary>The brand's state, or null when none was saved yet.</summary>
    Task<BrandTrendState?> LoadAsync(string brandId, CancellationToken cancellationToken);

    Task SaveAsync(BrandTrendState state, CancellationToken cancellationToken);
}

/// <summary>Keeps each brand's state as JSON in memory, so callers never share a live object (as with real storage).</summary>
public sealed class InMemoryTrendStateStore : ITrendStateStore
{
    private readonly ConcurrentDictionary<string, string> _json = new(StringComparer.Ordinal);

    public Task<BrandTrendState?> LoadAsync(string brandId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brandId);
        return Task.FromResult(_json.TryGetValue(brandId, out var json) ? JsonSerializer.Deserialize<BrandTrendState>(json) : null);
    }

    public Task SaveAsync(BrandTrendState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(state.BrandId);
        _json[state.BrandId] = JsonSerializer.Serialize(state);
        return Task.CompletedTask;
    }
}
