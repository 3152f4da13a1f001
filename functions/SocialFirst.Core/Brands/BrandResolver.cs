using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Brands;

/// <summary>Resolves brands from <see cref="BrandOptions"/>; follows configuration reloads.</summary>
public sealed partial class BrandResolver : IBrandResolver
{
    private readonly IOptionsMonitor<BrandOptions> _options;
    private readonly ILogger<BrandResolver> _logger;
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.OrdinalIgnoreCase);
    private Snapshot? _snapshot;

    public BrandResolver(IOptionsMonitor<BrandOptions> options, ILogger<BrandResolver> logger)
    {
        _options = options;
        _logger = logger;
    }

    public string Resolve(Platform platform, string brandAccountId)
    {
        ArgumentNullException.ThrowIfNull(brandAccountId);
        var key = BrandAccount.For(platform, brandAccountId.Trim());
        if (Current().ByAccount.TryGetValue(key, out var brandId))
        {
            return brandId;
        }

        if (_warned.TryAdd(key, true))
        {
            Log.UnmappedAccount(_logger, key, BrandOptions.DefaultBrandId);
        }

        return BrandOptions.DefaultBrandId;
    }

    public BrandSettings Get(string brandId)
    {
        ArgumentNullException.ThrowIfNull(brandId);
        return Current().ById.TryGetValue(brandId, out var settings) ? settings : new BrandSettings(brandId, brandId, false);
    }

    private Snapshot Current()
    {
        var options = _options.CurrentValue;
        var snapshot = _snapshot;
        if (snapshot is null || !ReferenceEquals(snapshot.Source, options))
        {
            snapshot = Snapshot.Build(options);
            _snapshot = snapshot;
        }

        return snapshot;
    }

    private sealed record Snapshot(BrandOptions Source, Dictionary<string, string> ByAccount, Dictionary<string, BrandSettings> ById)
    {
        public static Snapshot Build(BrandOptions options)
        {
            var byAccount = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var byId = new Dictionary<string, BrandSettings>(StringComparer.OrdinalIgnoreCase);
            foreach (var (rawId, brand) in options.Items)
            {
                var id = rawId.ToLowerInvariant();
                byId[id] = new BrandSettings(id, string.IsNullOrWhiteSpace(brand.DisplayName) ? id : brand.DisplayName, brand.RedactPii);
                foreach (var account in brand.Accounts)
                {
                    if (BrandAccount.TryParse(account, out var parsed))
                    {
                        byAccount.TryAdd(parsed.Key, id);
                    }
                }
            }

            return new Snapshot(options, byAccount, byId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7201, LogLevel.Warning, "No brand lists the account {Account}; its mentions go to brand {Brand}")]
        public static partial void UnmappedAccount(ILogger logger, string account, string brand);
    }
}
