namespace SocialFirst.Functions.Composition;

/// <summary>
/// App Service leaves a Key Vault reference's literal text (<c>@Microsoft.KeyVault(SecretUri=...)</c>) in the setting
/// when it cannot resolve it. Used as an HMAC key or API key that text would be a guessable secret, so such settings
/// are blanked (a blank secret makes its platform or API refuse everything) and their names are logged at start.
/// </summary>
public static partial class UnresolvedSecrets
{
    public const string Prefix = "@Microsoft.KeyVault(";

    public static IReadOnlyList<string> Blank(ConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var keys = configuration.AsEnumerable()
            .Where(kv => kv.Value?.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) == true)
            .Select(kv => kv.Key)
            .ToList();
        if (keys.Count > 0)
        {
            configuration.AddInMemoryCollection(keys.Select(k => new KeyValuePair<string, string?>(k, string.Empty)));
        }

        return keys;
    }

    /// <summary>Logs, once at start, which settings were blanked (names only, never values).</summary>
    public sealed partial class Reporter(IReadOnlyList<string> keys, ILogger<Reporter> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var key in keys)
            {
                Log.Unresolved(logger, key);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(6101, LogLevel.Error, "Setting {Key} is an unresolved Key Vault reference; it is treated as empty. Check the secret and the app's Key Vault access.")]
        public static partial void Unresolved(ILogger logger, string key);
    }
}
