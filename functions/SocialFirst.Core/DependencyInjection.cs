using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Ingestion;

namespace SocialFirst.Core;

public static class DependencyInjection
{
    /// <summary>The ingestion and escalation use cases and the clock. Ports are registered by the adapter layers.</summary>
    public static IServiceCollection AddSocialFirstCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IngestionOptions>()
            .BindConfiguration(IngestionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The host's IMeterFactory when there is one (ASP.NET Core registers it), so meters are scoped to the container.
        services.TryAddSingleton(sp => new IngestionTelemetry(sp.GetService<IMeterFactory>()));
        services.AddSingleton<IngestionService>();
        services.AddSingleton<EscalationService>();
        return services;
    }
}
