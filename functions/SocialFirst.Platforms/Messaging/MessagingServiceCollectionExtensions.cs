using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Escalation.Templates;
using SocialFirst.Platforms.Meta.Messaging;
using SocialFirst.Platforms.WeChat.Messaging;
using SocialFirst.Platforms.Weibo.Messaging;
using SocialFirst.Platforms.X.Messaging;

namespace SocialFirst.Platforms.Messaging;

/// <summary>Registers the private-message senders, their options and the message templates.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates at start <c>Messaging:Meta|X|WeChat|Weibo</c> and <c>Escalation:Templates</c>; registers the
    /// four senders as <see cref="IPrivateMessenger"/> singletons (X also as <see cref="IPublicReplier"/>), a
    /// <see cref="PrivateMessengerSelector"/> to pick one by platform, the <see cref="ITemplateStore"/>, one named
    /// <see cref="HttpClient"/> per platform, and <see cref="IWeChatAccessTokenProvider"/> (stable tokens from AppID/AppSecret, else static ones), <see cref="IXUserTokenProvider"/> (refresh grant, else
    /// static tokens) and an in-memory <see cref="IPlatformTokenStore"/> unless they are registered already (the app
    /// registers the Table store). Sends nothing by itself: the escalation step decides.
    /// </summary>
    public static IServiceCollection AddSocialFirstMessaging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptionsWithValidateOnStart<MetaMessagingOptions>().BindConfiguration(MetaMessagingOptions.SectionName);
        services.AddOptionsWithValidateOnStart<XMessagingOptions>().BindConfiguration(XMessagingOptions.SectionName);
        services.AddOptionsWithValidateOnStart<WeChatMessagingOptions>().BindConfiguration(WeChatMessagingOptions.SectionName);
        services.AddOptionsWithValidateOnStart<WeiboMessagingOptions>().BindConfiguration(WeiboMessagingOptions.SectionName);
        services.AddOptionsWithValidateOnStart<TemplateOptions>().BindConfiguration(TemplateOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetaMessagingOptions>, MetaMessagingOptionsAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetaMessagingOptions>, MetaMessagingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<XMessagingOptions>, XMessagingOptionsAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<XMessagingOptions>, XMessagingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatMessagingOptions>, WeChatMessagingOptionsAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatMessagingOptions>, WeChatMessagingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeiboMessagingOptions>, WeiboMessagingOptionsAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeiboMessagingOptions>, WeiboMessagingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TemplateOptions>, TemplateOptionsValidator>());

        services.AddHttpClient(MetaMessenger.HttpClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<MetaMessagingOptions>>().Value.TimeoutSeconds));
        services.AddHttpClient(XMessenger.HttpClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<XMessagingOptions>>().Value.TimeoutSeconds));
        services.AddHttpClient(WeiboMessenger.HttpClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WeiboMessagingOptions>>().Value.TimeoutSeconds));
        // WeChat puts the access token in the query string: no request-URL logging for this client.
        services.AddHttpClient(WeChatMessenger.HttpClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WeChatMessagingOptions>>().Value.TimeoutSeconds))
            .RemoveAllLoggers();

        services.TryAddSingleton<IWeChatAccessTokenProvider, WeChatStableTokenProvider>();
        services.TryAddSingleton<IPlatformTokenStore, InMemoryPlatformTokenStore>();
        services.TryAddSingleton<IXUserTokenProvider, XUserTokenProvider>();
        services.TryAddSingleton<MetaMessenger>();
        services.TryAddSingleton<XMessenger>();
        services.TryAddSingleton<WeChatMessenger>();
        services.TryAddSingleton<WeiboMessenger>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPrivateMessenger, MetaMessenger>(sp => sp.GetRequiredService<MetaMessenger>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPrivateMessenger, XMessenger>(sp => sp.GetRequiredService<XMessenger>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPrivateMessenger, WeChatMessenger>(sp => sp.GetRequiredService<WeChatMessenger>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPrivateMessenger, WeiboMessenger>(sp => sp.GetRequiredService<WeiboMessenger>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPublicReplier, XMessenger>(sp => sp.GetRequiredService<XMessenger>()));
        services.TryAddSingleton<PrivateMessengerSelector>();

        services.TryAddSingleton<ITemplateStore, FileTemplateStore>();
        return services;
    }
}
