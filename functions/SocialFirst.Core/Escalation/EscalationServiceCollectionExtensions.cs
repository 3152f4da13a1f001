using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SocialFirst.Core.Escalation;

public static class EscalationServiceCollectionExtensions
{
    /// <summary>
    /// The escalation step: <see cref="EscalationService"/>, <see cref="DeadLetterDrainService"/>, the options section
    /// <c>Escalation</c> (validated at start) and the <see cref="LoggingAlertSink"/>. The ports come from elsewhere:
    /// <c>ICaseStore</c>, <see cref="IEscalationOutbox"/>, <see cref="IEscalationPoisonStore"/>,
    /// <see cref="IDeadLetterSource"/> (SocialFirst.Azure), the messengers and templates (AddSocialFirstMessaging) and
    /// the brands (AddSocialFirstTriage).
    /// </summary>
    public static IServiceCollection AddSocialFirstEscalation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<EscalationOptions>()
            .BindConfiguration(EscalationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, LoggingAlertSink>());
        services.TryAddSingleton<EscalationService>();
        services.TryAddSingleton<DeadLetterDrainService>();
        return services;
    }
}
