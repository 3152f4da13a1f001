using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Support;

/// <summary>
/// The real app, standalone, against a real Azurite. Every factory gets its own table prefix and queue names,
/// so test classes never see each other's data.
/// </summary>
public sealed class SocialFirstAppFactory : WebApplicationFactory<Program>
{
    public const string MetaAppSecret = "meta-app-secret-for-tests";
    public const string MetaVerifyToken = "meta-verify-token";
    public const string GenericSecret = "generic-secret-for-tests";

    private readonly Dictionary<string, string?> _settings;

    public SocialFirstAppFactory(AzuriteFixture azurite, bool triggers, IDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        Prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        _settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = Prefix,
            ["Storage:RawDeliveriesContainer"] = Prefix + "-raw",
            ["Storage:NetworkTimeoutSeconds"] = "2",
            ["Storage:MaxRetries"] = "0",
            ["MentionsQueue"] = Prefix + "-mentions",
            ["EscalationsQueue"] = Prefix + "-escalations",
            ["Standalone:DisableTriggers"] = triggers ? "false" : "true",
            ["Standalone:MaxDequeueCount"] = "3",
            ["Standalone:MaxDeliveryCount"] = "3",
            ["Standalone:MaxPollingIntervalMilliseconds"] = "100",
            ["Platforms:Meta:AppSecret"] = MetaAppSecret,
            ["Platforms:Meta:VerifyToken"] = MetaVerifyToken,
            ["Platforms:Generic:Secret"] = GenericSecret,
            ["Ingestion:MaxBodyBytes"] = "65536",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[k] = v;
        }
    }

    public string Prefix { get; }

    public string MentionsQueue => _settings["MentionsQueue"]!;

    public string EscalationsQueue => _settings["EscalationsQueue"]!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
