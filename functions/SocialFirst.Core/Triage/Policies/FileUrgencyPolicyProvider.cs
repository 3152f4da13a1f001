using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Brands;

namespace SocialFirst.Core.Triage.Policies;

/// <summary>
/// Brands' urgency policies from <see cref="UrgencyPolicyOptions.PolicyDirectory"/> (<c>{brandId}.json</c>) and from
/// configuration (<c>Triage:Policies:{brandId}</c>), validated by <see cref="UrgencyPolicyDocument"/>. A brand without a
/// policy gets <c>default</c>'s (<c>default.json</c>), and without that the registered <see cref="UrgencyPolicy"/>
/// (<see cref="UrgencyPolicy.Default"/> unless replaced). Loaded at start; <see cref="TryReload"/> loads again, and a
/// document that is now invalid is refused with its messages while the brand's previous valid version stays in force.
/// </summary>
public sealed partial class FileUrgencyPolicyProvider : IUrgencyPolicyProvider
{
    private readonly IOptionsMonitor<UrgencyPolicyOptions> _options;
    private readonly UrgencyPolicy _fallback;
    private readonly ILogger<FileUrgencyPolicyProvider> _logger;
    private readonly Lock _reloadGate = new();
    private IReadOnlyDictionary<string, UrgencyPolicy> _policies = new Dictionary<string, UrgencyPolicy>();

    public FileUrgencyPolicyProvider(IOptionsMonitor<UrgencyPolicyOptions> options, UrgencyPolicy fallback, ILogger<FileUrgencyPolicyProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fallback);
        _options = options;
        _fallback = fallback;
        _logger = logger;
        LastReport = TryReload();
    }

    /// <summary>The outcome of the latest load.</summary>
    public PolicyReloadReport LastReport { get; private set; }

    public UrgencyPolicy GetPolicy(string brandId)
    {
        var policies = Volatile.Read(ref _policies);
        return brandId is not null && policies.TryGetValue(brandId, out var own) ? own
            : policies.TryGetValue(BrandOptions.DefaultBrandId, out var shared) ? shared
            : _fallback;
    }

    /// <summary>
    /// Reads every source again. Valid documents replace the brand's policy; an invalid one is refused (reported, logged)
    /// and the brand keeps the version it had. A brand whose document is gone falls back to the default policy.
    /// </summary>
    public PolicyReloadReport TryReload()
    {
        lock (_reloadGate)
        {
            var previous = Volatile.Read(ref _policies);
            var next = new Dictionary<string, UrgencyPolicy>(StringComparer.OrdinalIgnoreCase);
            var loaded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var rejected = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (brand, source) in ReadSources(rejected))
            {
                var errors = Check(brand, source.Json);
                if (errors.Policy is { } policy)
                {
                    next[brand] = policy;
                    loaded[brand] = policy.Version;
                    if (!previous.TryGetValue(brand, out var old) || old.Version != policy.Version)
                    {
                        Log.Loaded(_logger, brand, policy.Version, source.Origin);
                    }

                    continue;
                }

                rejected[brand] = errors.Errors.Select(e => source.Origin + ": " + e).ToList();
            }

            foreach (var (brand, errors) in rejected)
            {
                var kept = previous.TryGetValue(brand, out var old) ? old : null;
                if (kept is not null)
                {
                    next[brand] = kept;
                }

                Log.Rejected(_logger, brand, errors.Count, errors[0], kept?.Version ?? "(default)");
            }

            Volatile.Write(ref _policies, next);
            LastReport = new PolicyReloadReport(loaded, rejected);
            return LastReport;
        }
    }

    private static PolicyParseResult Check(string brand, string json)
    {
        var result = UrgencyPolicyDocument.Parse(json);
        if (result.IsValid && result.Brand is { } named && !string.Equals(named, brand, StringComparison.OrdinalIgnoreCase))
        {
            return new PolicyParseResult(null, named, [$"$.brand: '{named}' does not match the brand it is configured for ('{brand}')"]);
        }

        return result;
    }

    /// <summary>Brand id → document text and where it came from; configuration wins over a file.</summary>
    private Dictionary<string, (string Json, string Origin)> ReadSources(Dictionary<string, IReadOnlyList<string>> rejected)
    {
        var options = _options.CurrentValue;
        var sources = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        var directory = Path.GetFullPath(options.PolicyDirectory);
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                var brand = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
                var origin = Path.GetFileName(file);
                if (!BrandId().IsMatch(brand))
                {
                    rejected[brand] = [$"{origin}: the file name must be a brand id (lower-case letters, digits, hyphens) or 'default'"];
                    continue;
                }

                try
                {
                    sources[brand] = (File.ReadAllText(file), origin);
                }
                catch (IOException ex)
                {
                    rejected[brand] = [$"{origin}: could not be read ({ex.Message})"];
                }
                catch (UnauthorizedAccessException ex)
                {
                    rejected[brand] = [$"{origin}: could not be read ({ex.Message})"];
                }
            }
        }
        else
        {
            Log.NoDirectory(_logger, directory);
        }

        foreach (var (brand, json) in options.Policies)
        {
            var id = brand.ToLowerInvariant();
            rejected.Remove(id);
            sources[id] = (json ?? string.Empty, $"{UrgencyPolicyOptions.SectionName}:Policies:{id}");
        }

        return sources;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BrandId();

    private static partial class Log
    {
        [LoggerMessage(7301, LogLevel.Information, "Urgency policy {Version} in force for brand {Brand} (from {Origin})")]
        public static partial void Loaded(ILogger logger, string brand, string version, string origin);

        [LoggerMessage(7302, LogLevel.Warning, "Urgency policy for brand {Brand} refused ({Count} problems, first: {FirstError}); {Kept} stays in force")]
        public static partial void Rejected(ILogger logger, string brand, int count, string firstError, string kept);

        [LoggerMessage(7303, LogLevel.Information, "Policy directory {Directory} does not exist; only configured and default policies apply")]
        public static partial void NoDirectory(ILogger logger, string directory);
    }
}
