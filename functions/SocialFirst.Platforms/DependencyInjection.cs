using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms.Generic;
using SocialFirst.Platforms.Meta;
using SocialFirst.Platforms.WeChat;
using SocialFirst.Platforms.Weibo;
using SocialFirst.Platforms.X;

namespace SocialFirst.Platforms;

/// <summary>Registers the platform webhook adapters and their options.</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Binds <c>Platforms:Meta|X|WeChat|Weibo|Generic</c>, validates them at start, and registers every adapter as an
    /// <see cref="IWebhookAdapter"/> singleton (resolve <c>IEnumerable&lt;IWebhookAdapter&gt;</c> and pick by
    /// <see cref="IWebhookAdapter.Name"/>). Empty secrets are allowed: that platform then refuses everything.
    /// </summary>
    public static IServiceCollection AddSocialFirstPlatforms(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);

        services.AddOptionsWithValidateOnStart<MetaWebhookOptions>().BindConfiguration(MetaWebhookOptions.SectionName);
        services.AddOptionsWithValidateOnStart<XWebhookOptions>().BindConfiguration(XWebhookOptions.SectionName);
        services.AddOptionsWithValidateOnStart<WeChatWebhookOptions>().BindConfiguration(WeChatWebhookOptions.SectionName);
        services.AddOptionsWithValidateOnStart<WeiboWebhookOptions>().BindConfiguration(WeiboWebhookOptions.SectionName);
        services.AddOptionsWithValidateOnStart<GenericWebhookOptions>().BindConfiguration(GenericWebhookOptions.SectionName);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GenericWebhookOptions>, GenericWebhookOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatWebhookOptions>, WeChatWebhookOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatWebhookOptions>, WeChatSafeModeValidator>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookAdapter, MetaWebhookAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookAdapter, XWebhookAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookAdapter, WeChatWebhookAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookAdapter, WeiboWebhookAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookAdapter, GenericWebhookAdapter>());
        return services;
    }
}
