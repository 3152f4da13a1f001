using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SocialFirst.Core.Watch.Application;

public static class DeferredTriageServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="DeferredTriageService"/> with its limits (<c>Watch:DeferredTriage</c>, validated at start). Needs
    /// <c>ICaseStore</c>, <c>IEscalationSink</c> and the urgency policies and brands (AddSocialFirstTriage).
    /// </summary>
    public static IServiceCollection AddDeferredTriageWatch(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DeferredTriageOptions>()
            .BindConfiguration(DeferredTriageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<DeferredTriageService>();
        return services;
    }
}
