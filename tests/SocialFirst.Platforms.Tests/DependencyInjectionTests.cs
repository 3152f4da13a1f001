using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Ingestion;
using SocialFirst.Platforms.Generic;
using SocialFirst.Platforms.Meta;
using SocialFirst.Platforms.WeChat;

namespace SocialFirst.Platforms.Tests;

public class DependencyInjectionTests
{
    private static ServiceProvider CreateSut(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSocialFirstPlatforms()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddSocialFirstPlatforms_RegistersOneAdapterPerPlatform()
    {
        using var provider = CreateSut([]);

        var names = provider.GetServices<IWebhookAdapter>().Select(a => a.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["generic", "meta", "wechat", "weibo", "x"], names);
        Assert.Same(provider.GetServices<IWebhookAdapter>().First(), provider.GetServices<IWebhookAdapter>().First());
    }

    [Fact]
    public void AddSocialFirstPlatforms_CalledTwice_DoesNotDuplicateAdapters()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSocialFirstPlatforms().AddSocialFirstPlatforms().BuildServiceProvider();

        Assert.Equal(5, provider.GetServices<IWebhookAdapter>().Count());
    }

    [Fact]
    public void AddSocialFirstPlatforms_BindsTheSections()
    {
        using var provider = CreateSut(new()
        {
            ["Platforms:Meta:AppSecret"] = "a",
            ["Platforms:Meta:InstagramAppSecret"] = "i",
            ["Platforms:Meta:VerifyToken"] = "v",
            ["Platforms:Generic:Secret"] = "g",
            ["Platforms:Generic:ReplayWindowSeconds"] = "120",
        });

        var meta = provider.GetRequiredService<IOptionsMonitor<MetaWebhookOptions>>().CurrentValue;
        var generic = provider.GetRequiredService<IOptions<GenericWebhookOptions>>().Value;

        Assert.Equal(("a", "i", "v"), (meta.AppSecret, meta.InstagramAppSecret, meta.VerifyToken));
        Assert.Equal(("g", 120), (generic.Secret, generic.ReplayWindowSeconds));
        Assert.Equal(300, new GenericWebhookOptions().ReplayWindowSeconds);
    }

    [Fact]
    public void AddSocialFirstPlatforms_NothingConfigured_EveryAdapterRefuses()
    {
        using var provider = CreateSut([]);
        var request = new WebhookRequest("POST", new Dictionary<string, string>(), new Dictionary<string, string>(), "{}"u8.ToArray());

        foreach (var adapter in provider.GetServices<IWebhookAdapter>())
        {
            Assert.False(adapter.Verify(request).IsValid, adapter.Name);
        }
    }

    [Theory]
    [InlineData("Platforms:Generic:ReplayWindowSeconds", "0", "ReplayWindowSeconds")]
    [InlineData("Platforms:WeChat:EncodingAesKey", "too-short", "EncodingAesKey")]
    public void AddSocialFirstPlatforms_InvalidSetting_FailsNamingTheSetting(string key, string value, string named)
    {
        using var provider = CreateSut(new() { [key] = value, ["Platforms:WeChat:AppId"] = "wx1", ["Platforms:WeChat:Token"] = "t" });

        var ex = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = provider.GetRequiredService<IOptions<GenericWebhookOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<WeChatWebhookOptions>>().Value;
        });

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSocialFirstPlatforms_WeChatKeyWithoutAppId_Fails()
    {
        using var provider = CreateSut(new() { ["Platforms:WeChat:Token"] = "t", ["Platforms:WeChat:EncodingAesKey"] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WeChatWebhookOptions>>().Value);

        Assert.Contains("AppId", ex.Message, StringComparison.Ordinal);
    }
}
