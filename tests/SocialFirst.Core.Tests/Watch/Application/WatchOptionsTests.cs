using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using SocialFirst.Core.Watch;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Sla;

namespace SocialFirst.Core.Tests.Watch.Application;

public class WatchOptionsTests
{
    private static WatchOptions Bind(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new WatchOptions();
        config.GetSection(WatchOptions.SectionName).Bind(options);
        return options;
    }

    [Fact]
    public void Build_NothingConfigured_IsTheDefaultPolicy()
    {
        var policy = new SlaPolicyOptions().Build();

        Assert.Equal(SlaPolicy.Default.Version, policy.Version);
        Assert.Equal(SlaPolicy.Default.Targets[UrgencyBand.High], policy.Targets[UrgencyBand.High]);
        Assert.Equal(SlaPolicy.Default.BusinessHours.Keys.Order(), policy.BusinessHours.Keys.Order());
        Assert.Empty(policy.Validate());
    }

    [Fact]
    public void Bind_BrandSection_OverridesFieldByField()
    {
        var options = Bind(new()
        {
            ["Watch:Sla:acme:TimeZoneId"] = "Europe/Ljubljana",
            ["Watch:Sla:acme:Targets:High:FirstResponseMinutes"] = "30",
            ["Watch:Sla:acme:Targets:Low:Clock"] = "Continuous",
            ["Watch:Sla:acme:BusinessHours:Saturday:0"] = "10:00-14:00",
            ["Watch:Sla:acme:BusinessHours:Sunday:0"] = "00:00-24:00",
            ["Watch:Sla:acme:Holidays:0"] = "2026-12-25",
            ["Watch:Sla:acme:MaxEscalationLevel"] = "2",
            ["Watch:Metrics:ReContactWindowDays"] = "3",
        });

        var policy = options.Sla["acme"].Build();

        Assert.Equal("Europe/Ljubljana", policy.TimeZoneId);
        Assert.Equal(TimeSpan.FromMinutes(30), policy.Targets[UrgencyBand.High].FirstResponse);
        Assert.Equal(TimeSpan.FromHours(8), policy.Targets[UrgencyBand.High].Resolution);
        Assert.Equal(SlaClock.Continuous, policy.Targets[UrgencyBand.Low].Clock);
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Saturday], policy.BusinessHours.Keys.Order());
        Assert.Equal(TimeSpan.FromDays(1), policy.BusinessHours[DayOfWeek.Sunday][0].End);
        Assert.Contains(new DateOnly(2026, 12, 25), policy.Holidays);
        Assert.Equal(2, policy.MaxEscalationLevel);
        Assert.Equal(3, options.Metrics.ReContactWindowDays);
    }

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "TimeZoneId", "Mars/Olympus", "TimeZoneId" },
        { "BusinessHours:Monday:0", "9-17", "BusinessHours:Monday" },
        { "BusinessHours:Funday:0", "09:00-17:00", "Funday" },
        { "Targets:Urgent:FirstResponseMinutes", "5", "Targets:Urgent" },
        { "Holidays:0", "25.12.2026", "Holidays" },
        { "WarnFraction", "1.5", "WarnFraction" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Validate_BadBrandPolicy_NamesTheSetting(string key, string value, string expected)
    {
        var options = Bind(new() { ["Watch:Sla:acme:" + key] = value });

        var errors = options.Validate(new ValidationContext(options)).ToList();

        var error = Assert.Single(errors);
        Assert.Contains("Watch:Sla:acme", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(expected, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OutOfRangeNumbers_AreReported()
    {
        var options = new WatchOptions { Metrics = new CareMetricsOptions { MaxCases = 0 }, SlaWatch = new SlaWatchOptions { StaleClaimMinutes = 0 } };

        var errors = options.Validate(new ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        Assert.Contains(errors, e => e!.Contains("Watch:Metrics:MaxCases", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("Watch:SlaWatch:StaleClaimMinutes", StringComparison.Ordinal));
    }

    [Fact]
    public void Provider_UnconfiguredBrand_GetsTheDefaultPolicy()
    {
        var options = new WatchOptions();
        options.Sla["acme"] = new SlaPolicyOptions { Version = "acme-2" };
        var provider = new ConfiguredSlaPolicyProvider(new StaticMonitor<WatchOptions>(options));

        Assert.Equal("acme-2", provider.For("ACME").Policy.Version);
        Assert.Equal(SlaPolicy.Default.Version, provider.For("globex").Policy.Version);
    }
}
