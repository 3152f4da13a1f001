using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration.Memory;
using SocialFirst.Azure.Escalation;
using SocialFirst.Azure.Language;
using SocialFirst.Azure.ServiceBus;
using SocialFirst.Azure.Storage;
using SocialFirst.Classification;
using SocialFirst.Core;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Functions.Api;
using SocialFirst.Functions.DeadLetterDrain;
using SocialFirst.Functions.Diagnostics;
using SocialFirst.Functions.Escalate;
using SocialFirst.Functions.Health;
using SocialFirst.Functions.Hosting;
using SocialFirst.Functions.PoisonWatch;
using SocialFirst.Functions.Standalone;
using SocialFirst.Functions.Triage;
using SocialFirst.Functions.Webhooks;
using SocialFirst.Platforms;
using SocialFirst.Platforms.Messaging;
using SocialFirst.Azure.Cases;
using SocialFirst.Functions.Metrics;
using SocialFirst.Functions.AuthorErase;

namespace SocialFirst.Functions.Composition;

/// <summary>Wires the layers together: one call per layer, so Program.cs stays composition only.</summary>
public static class FunctionAppComposition
{
    /// <summary>App settings that function.json refers to (%Name%), with the values we deploy by default.</summary>
    public static IReadOnlyDictionary<string, string?> DefaultSettings { get; } = new Dictionary<string, string?>
    {
        ["MentionsQueue"] = "mentions",
        ["EscalationsQueue"] = "escalations",
    };

    public static WebApplicationBuilder AddSocialFirstFunctionApp(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var mode = HostingMode.Detect(args, Environment.GetEnvironmentVariable);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultSettings });
        if (mode.CustomHandlerPort is { } port)
        {
            // The host calls http://127.0.0.1:{port}; nothing else should reach the handler directly.
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }

        var unresolved = UnresolvedSecrets.Blank(builder.Configuration);
        var services = builder.Services;
        services.AddHostedService(sp => new UnresolvedSecrets.Reporter(unresolved, sp.GetRequiredService<ILogger<UnresolvedSecrets.Reporter>>()));
        services.AddSingleton(mode);
        services.AddSingleton(sp => FunctionCatalog.Load(AppContext.BaseDirectory, sp.GetRequiredService<IConfiguration>()));
        services.AddSocialFirstCore()
            .AddSocialFirstPlatforms()
            .AddEmbeddedClassifier()
            .AddAzureLanguage()
            .AddSocialFirstTriage()
            .AddSocialFirstStorage()
            .AddTableCaseStore()
            .AddSocialFirstMessaging()
            .AddSocialFirstEscalation()
            .AddEscalationStorage()
            .AddTableClassifierBudget();
        // PII redaction (brands with RedactPii): Azure AI Language's PII detection when it is configured, else the embedded patterns.
        services.AddSingleton<IPiiRedactor>(sp =>
            sp.GetRequiredService<IOptions<LanguageOptions>>().Value.Mode == LanguageMode.Embedded
                ? new RegexPiiRedactor()
                : sp.GetRequiredService<AzureLanguagePiiRedactor>());

        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName);
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<IFunctionHandler, TriageFunction>();
        services.AddSingleton<IFunctionHandler, EscalateFunction>();
        services.AddSingleton<IFunctionHandler, PoisonWatchFunction>();
        services.AddSingleton<IFunctionHandler, DeadLetterDrainFunction>();
        services.AddCaseActions();
        services.AddWatchFunctions();
        services.AddHostedService<StorageStartup>();
        services.AddSlowCallLog();

        if (mode.IsStandalone)
        {
            services.AddStorageQueueEscalations();
            services.AddStorageQueueDeadLetterSource();
            services.AddOptions<StandaloneOptions>().BindConfiguration(StandaloneOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
            services.AddHostedService<QueueTriggerRunner>();
            services.AddHostedService<TimerTriggerRunner>();
        }
        else
        {
            services.AddServiceBusEscalations();
            services.AddServiceBusDeadLetterSource();
        }

        return builder;
    }

    public static WebApplication MapSocialFirstFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The host's readiness probe: any answer on GET / means the handler is up.
        app.MapGet("/", () => Results.Text("SocialFirst custom handler"));
        app.MapHealth();
        app.MapWebhooks();
        app.MapCaseApi();
        app.MapCaseActions();
        app.MapMetricsApi();
        app.MapIncidentApi();
        app.MapInfluencerApi();
        app.MapAuthorErase();
        app.MapFunctionInvocations();
        return app;
    }
}
