using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Watch.Sla;

namespace SocialFirst.Core.Watch.Application;

/// <summary>Which SLA policy applies to a brand.</summary>
public interface ISlaPolicyProvider
{
    SlaEvaluator For(string brandId);
}

/// <summary>
/// Policies from <c>Watch:Sla:{brand}</c> (<see cref="WatchOptions"/>), the default policy for brands without one.
/// Evaluators are built once per brand and configuration version.
/// </summary>
public sealed class ConfiguredSlaPolicyProvider : ISlaPolicyProvider
{
    private static readonly SlaEvaluator DefaultEvaluator = new(SlaPolicy.Default);
    private readonly IOptionsMonitor<WatchOptions> _options;
    private readonly ConcurrentDictionary<string, SlaEvaluator> _cache = new(StringComparer.OrdinalIgnoreCase);

    public ConfiguredSlaPolicyProvider(IOptionsMonitor<WatchOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _options.OnChange((_, _) => _cache.Clear());
    }

    public SlaEvaluator For(string brandId)
    {
        ArgumentNullException.ThrowIfNull(brandId);
        return _cache.GetOrAdd(brandId, id =>
            _options.CurrentValue.Sla.TryGetValue(id, out var configured) ? new SlaEvaluator(configured.Build()) : DefaultEvaluator);
    }
}
