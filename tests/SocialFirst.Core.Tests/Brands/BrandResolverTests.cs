using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging.Abstractions;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Tests.Triage;

namespace SocialFirst.Core.Tests.Brands;

public class BrandResolverTests
{
    private static BrandOptions Options(params (string Id, bool Redact, string[] Accounts)[] brands)
    {
        var o = new BrandOptions();
        foreach (var (id, redact, accounts) in brands)
        {
            var b = new BrandDefinition { DisplayName = id.ToUpperInvariant(), RedactPii = redact };
            foreach (var a in accounts)
            {
                b.Accounts.Add(a);
            }

            o.Items[id] = b;
        }

        return o;
    }

    private static BrandResolver CreateSut(BrandOptions options) => new(new TestOptionsMonitor<BrandOptions>(options), NullLogger<BrandResolver>.Instance);

    public static TheoryData<Platform, string, string> Accounts => new()
    {
        { Platform.Facebook, "1234567890", "acme" },
        { Platform.X, "2244994945", "acme" },
        { Platform.WeChat, "gh_abc", "acme" },
        { Platform.Weibo, "1902538057", "globex" },
        { Platform.Generic, "acme", "globex" },
        { Platform.Instagram, "1234567890", BrandOptions.DefaultBrandId },
        { Platform.X, "1", BrandOptions.DefaultBrandId },
    };

    [Theory]
    [MemberData(nameof(Accounts))]
    public void Resolve_Account_MapsToOwningBrandOrDefault(Platform platform, string account, string expected)
    {
        var sut = CreateSut(Options(
            ("acme", false, ["facebook:1234567890", "x:2244994945", "wechat:gh_abc"]),
            ("globex", true, ["weibo:1902538057", "generic:acme"])));

        Assert.Equal(expected, sut.Resolve(platform, account));
    }

    [Fact]
    public void Get_KnownAndUnknownBrand_ReturnsSettingsOrDefaults()
    {
        var sut = CreateSut(Options(("globex", true, ["weibo:1"])));

        Assert.Equal(new BrandSettings("globex", "GLOBEX", true), sut.Get("globex"));
        Assert.Equal(new BrandSettings("default", "default", false), sut.Get("default"));
    }

    [Fact]
    public void Resolve_NoBrandsConfigured_EverythingIsDefault() =>
        Assert.Equal("default", CreateSut(new BrandOptions()).Resolve(Platform.Facebook, "42"));

    [Fact]
    public void Validate_BadAccountsAndIds_NameTheSetting()
    {
        var options = Options(("Acme Corp", false, ["facebook"]), ("b", false, ["myspace:1", "x:9"]), ("c", false, ["x:9"]));

        var errors = options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Contains(errors, e => e!.Contains("Brands:Acme Corp: a brand id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("'facebook' is not 'platform:accountId'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("'myspace:1'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("'x:9' is already listed for brand 'b'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_GoodOptions_NoErrors()
    {
        var options = Options(("acme", true, ["facebook:1", "instagram:1", "generic:acme-global"]));

        Assert.Empty(options.Validate(new ValidationContext(options)));
    }
}
