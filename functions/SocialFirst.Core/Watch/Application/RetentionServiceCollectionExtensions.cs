using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SocialFirst.Core.Watch.Application;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="RetentionService"/> with its limits (<c>Watch:Retention</c>, validated at start). Needs
    /// <see cref="IRawDeliveryRetention"/>, <see cref="ICaseTextRetention"/> and <c>IEscalationOutbox</c> from the adapters,
    /// and the brand options (AddSocialFirstTriage); uses <c>IIncidentStore</c> too when one is registered (AddTrendStorage).
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<RetentionService>();
        return services;
    }
}
