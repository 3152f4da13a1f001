using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.ServiceBus;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Escalation.Messaging;

namespace SocialFirst.Azure.Escalation;

public static class EscalationStorageServiceCollectionExtensions
{
    /// <summary>
    /// The escalation step's storage: <see cref="TableEscalationOutbox"/> (<see cref="IEscalationOutbox"/>),
    /// <see cref="TableEscalationPoisonStore"/> (<see cref="IEscalationPoisonStore"/>) and the
    /// <see cref="WebhookAlertSink"/> (an <see cref="IAlertSink"/>, configured by <c>Escalation:Brands:&lt;id&gt;:*Webhook</c>),
    /// and <see cref="TablePlatformTokenStore"/> as the shared <see cref="IPlatformTokenStore"/> (rotating OAuth tokens). Needs <c>StorageClients</c> (AddSocialFirstStorage).
    /// </summary>
    public static IServiceCollection AddEscalationStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IEscalationOutbox, TableEscalationOutbox>();
        services.TryAddSingleton<IEscalationPoisonStore, TableEscalationPoisonStore>();
        services.Replace(ServiceDescriptor.Singleton<IPlatformTokenStore, TablePlatformTokenStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, WebhookAlertSink>(sp =>
            new WebhookAlertSink(sp.GetRequiredService<IOptionsMonitor<EscalationOptions>>(), sp.GetRequiredService<ILogger<WebhookAlertSink>>())));
        return services;
    }

    /// <summary>Standalone: dead letters come from the storage queue <c>{EscalationsQueue}-deadletter</c>.</summary>
    public static IServiceCollection AddStorageQueueDeadLetterSource(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Singleton<IDeadLetterSource, StorageQueueDeadLetterSource>());
        return services;
    }

    /// <summary>Azure: dead letters come from Service Bus <c>{queue}/$deadletterqueue</c> (needs AddServiceBusEscalations).</summary>
    public static IServiceCollection AddServiceBusDeadLetterSource(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Singleton<IDeadLetterSource>(sp => new ServiceBusDeadLetterSource(
            sp.GetRequiredService<ServiceBusRestReceiver>(),
            sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value)));
        return services;
    }
}
