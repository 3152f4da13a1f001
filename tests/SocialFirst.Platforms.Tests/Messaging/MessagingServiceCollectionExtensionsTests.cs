using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Escalation.Templates;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Messaging;
using SocialFirst.Platforms.Meta.Messaging;
using SocialFirst.Platforms.WeChat.Messaging;
using SocialFirst.Platforms.Weibo.Messaging;
using SocialFirst.Platforms.X.Messaging;
using static SocialFirst.Platforms.Tests.Messaging.MessagingTestHost;

namespace SocialFirst.Platforms.Tests.Messaging;

public class MessagingServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSocialFirstMessaging_RegistersOneMessengerPerPlatform_SelectableByPlatform()
    {
        using var sp = Create([]);
        var selector = sp.GetRequiredService<PrivateMessengerSelector>();

        Assert.Equal(4, sp.GetServices<IPrivateMessenger>().Count());
        Assert.True(selector.TryGetMessenger(Platform.Facebook, out var facebook) && facebook is MetaMessenger);
        Assert.True(selector.TryGetMessenger(Platform.Instagram, out var instagram) && ReferenceEquals(instagram, facebook));
        Assert.True(selector.TryGetMessenger(Platform.X, out var x) && x is XMessenger);
        Assert.True(selector.TryGetMessenger(Platform.WeChat, out var wechat) && wechat is WeChatMessenger);
        Assert.True(selector.TryGetMessenger(Platform.Weibo, out var weibo) && weibo is WeiboMessenger);
        Assert.False(selector.TryGetMessenger(Platform.Generic, out _));
        Assert.True(selector.TryGetPublicReplier(Platform.X, out var replier));
        Assert.Same(x, replier);
        Assert.Equal(8, sp.GetRequiredService<ITemplateStore>().Catalog.Sets["*"].Templates.Select(t => t.Language).Distinct().Count());
    }

    [Fact]
    public void AddSocialFirstMessaging_CalledTwice_DoesNotDuplicate()
    {
        using var sp = new ServiceCollection()
            .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddLogging()
            .AddSocialFirstMessaging().AddSocialFirstMessaging().BuildServiceProvider();

        Assert.Equal(4, sp.GetServices<IPrivateMessenger>().Count());
        Assert.Single(sp.GetServices<IPublicReplier>());
    }

    [Fact]
    public void AddSocialFirstMessaging_Defaults_AreTheDocumentedOnes()
    {
        using var sp = Create([]);

        var meta = sp.GetRequiredService<IOptions<MetaMessagingOptions>>().Value;
        var x = sp.GetRequiredService<IOptions<XMessagingOptions>>().Value;
        var wechat = sp.GetRequiredService<IOptions<WeChatMessagingOptions>>().Value;
        var weibo = sp.GetRequiredService<IOptions<WeiboMessagingOptions>>().Value;

        Assert.Equal(("https://graph.facebook.com", "v21.0", 15), (meta.GraphBaseUrl, meta.ApiVersion, meta.TimeoutSeconds));
        Assert.Equal("https://api.x.com", x.ApiBaseUrl);
        Assert.Equal("https://api.weixin.qq.com", wechat.ApiBaseUrl);
        Assert.Equal(("https://m.api.weibo.com/2/messages/reply.json", "https://c.api.weibo.com/2/messages/reply/biz.json", true), (weibo.ReplyUrl, weibo.MentionReplyUrl, weibo.SaveSenderBox));
    }

    [Theory]
    [InlineData("Messaging:Meta:GraphBaseUrl", "graph.facebook.com", "Messaging:Meta:GraphBaseUrl")]
    [InlineData("Messaging:Meta:ApiVersion", "21", "ApiVersion")]
    [InlineData("Messaging:Meta:PageTokens:123", "", "Messaging:Meta:PageTokens:123 is empty")]
    [InlineData("Messaging:X:ApiBaseUrl", "https://api.x.com/?a=b", "Messaging:X:ApiBaseUrl")]
    [InlineData("Messaging:X:TimeoutSeconds", "0", "TimeoutSeconds")]
    [InlineData("Messaging:WeChat:ApiBaseUrl", "ftp://x", "Messaging:WeChat:ApiBaseUrl")]
    [InlineData("Messaging:Weibo:ReplyUrl", "", "Messaging:Weibo:ReplyUrl is required")]
    public void AddSocialFirstMessaging_InvalidSetting_FailsNamingIt(string key, string value, string expected)
    {
        using var sp = Create(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = sp.GetRequiredService<IOptions<MetaMessagingOptions>>().Value;
            _ = sp.GetRequiredService<IOptions<XMessagingOptions>>().Value;
            _ = sp.GetRequiredService<IOptions<WeChatMessagingOptions>>().Value;
            _ = sp.GetRequiredService<IOptions<WeiboMessagingOptions>>().Value;
        });

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSocialFirstMessaging_BadTemplateDirectory_FailsAtStart()
    {
        using var sp = Create(new() { ["Escalation:Templates:Directory"] = "/nonexistent/sf-templates" });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<TemplateOptions>>().Value);

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }
}
