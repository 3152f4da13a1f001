using System.ComponentModel.DataAnnotations;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Core.Watch.Influence;

namespace SocialFirst.Core.Tests.Watch.Application;

public class InfluenceOptionsTests
{
    private static List<ValidationResult> Validate(InfluenceOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Defaults_AreValid_AndTheDefaultPolicy()
    {
        var options = new InfluenceOptions();

        Assert.Empty(Validate(options));
        Assert.Equal(InfluencePolicy.Default.LookbackDays, options.ToPolicy().LookbackDays);
        Assert.Equal(InfluencePolicy.Default.ReachSaturationFollowers, options.ToPolicy().ReachSaturationFollowers);
        Assert.Equal(InfluencePolicy.Default.CriticFrom, options.ToPolicy().CriticFrom);
    }

    [Fact]
    public void ToPolicy_CarriesTheSettings()
    {
        var policy = new InfluenceOptions { LookbackDays = 30, HalfLifeDays = 7, ReachSaturationFollowers = 10_000, MinActivitiesForRole = 3, AdvocateFrom = 0.5, CriticFrom = -0.5 }.ToPolicy();

        Assert.Equal((30, 7.0, 10_000L, 3, 0.5, -0.5), (policy.LookbackDays, policy.HalfLifeDays, policy.ReachSaturationFollowers, policy.MinActivitiesForRole, policy.AdvocateFrom, policy.CriticFrom));
    }

    [Fact]
    public void Validate_ThresholdsThatMeet_AreRefused()
    {
        var results = Validate(new InfluenceOptions { AdvocateFrom = 0, CriticFrom = 0 });

        Assert.Contains(results, r => r.ErrorMessage!.Contains("AdvocateFrom", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OutOfRange_IsRefused()
    {
        Assert.NotEmpty(Validate(new InfluenceOptions { LookbackDays = 1 }));
        Assert.NotEmpty(Validate(new InfluenceOptions { Parallelism = 0 }));
    }
}
