using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Tests.Watch.Application;

public class TrendWatchOptionsTests
{
    private static TrendWatchOptions Bind(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new TrendWatchOptions();
        config.GetSection(TrendWatchOptions.SectionName).Bind(options);
        return options;
    }

    /// <summary>What ValidateDataAnnotations runs at start: the attributes, then <see cref="IValidatableObject.Validate"/>.</summary>
    private static List<string> Errors(TrendWatchOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage + " " + string.Join(",", r.MemberNames)).ToList();
    }

    [Fact]
    public void Bind_PolicyAndBrandSections_SetThresholdsPerBrand()
    {
        var options = Bind(new()
        {
            ["Watch:Trends:Policy:MinCount"] = "8",
            ["Watch:Trends:Policy:WindowMinutes"] = "30",
            ["Watch:Trends:Brands:acme:TimeZoneId"] = "Europe/Ljubljana",
            ["Watch:Trends:SettleSeconds"] = "30",
        });

        Assert.Equal((8, 30), (options.PolicyFor("other").MinCount, options.PolicyFor("other").WindowMinutes));
        Assert.Equal("Europe/Ljubljana", options.PolicyFor("ACME").TimeZoneId);
        Assert.Equal(TrendPolicy.Default.MinCount, options.PolicyFor("acme").MinCount);
        Assert.Equal(30, options.SettleSeconds);
        Assert.Empty(Errors(options));
    }

    [Theory]
    [InlineData("Watch:Trends:Policy:WindowMinutes", "7", "Watch:Trends:Policy: WindowMinutes")]
    [InlineData("Watch:Trends:Brands:acme:TimeZoneId", "Mars/Olympus", "Watch:Trends:Brands:acme")]
    [InlineData("Watch:Trends:SettleSeconds", "-1", "SettleSeconds")]
    public void Validate_BadSetting_FailsNamingIt(string key, string value, string named)
    {
        var errors = Errors(Bind(new() { [key] = value }));

        Assert.Contains(errors, e => e.Contains(named, StringComparison.Ordinal));
    }
}
