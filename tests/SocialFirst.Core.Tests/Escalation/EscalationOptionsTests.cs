using System.ComponentModel.DataAnnotations;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Escalation;

public sealed class EscalationOptionsTests
{
    private static List<ValidationResult> Validate(EscalationOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Defaults_DryRunAndNothingEnabled_Valid()
    {
        var options = new EscalationOptions();

        Assert.True(options.DryRun);
        Assert.Equal(120, options.ClaimLeaseSeconds);
        Assert.All(Enum.GetValues<Platform>(), p => Assert.False(options.Sends(p)));
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Sends_OnlyWhenNotDryRunAndPlatformEnabled()
    {
        var options = new EscalationOptions();
        options.Platforms["facebook"] = new EscalationPlatformOptions { Enabled = true };

        Assert.False(options.Sends(Platform.Facebook));
        options.DryRun = false;
        Assert.True(options.Sends(Platform.Facebook));
        Assert.False(options.Sends(Platform.Instagram));
    }

    [Fact]
    public void Sends_MetaAlias_EnablesFacebookAndInstagramOnly()
    {
        // The deployment (infra ESCALATION_ENABLED_PLATFORMS) and the webhook call Facebook and Instagram "Meta".
        var options = new EscalationOptions { DryRun = false };
        options.Platforms["Meta"] = new EscalationPlatformOptions { Enabled = true };

        Assert.Empty(Validate(options));
        Assert.True(options.Sends(Platform.Facebook));
        Assert.True(options.Sends(Platform.Instagram));
        Assert.False(options.Sends(Platform.X));
    }

    [Theory]
    [InlineData("Facebok", null, "Escalation:Platforms:Facebok")]
    [InlineData("Generic", null, "Escalation:Platforms:Generic")]
    [InlineData(null, "ftp://hooks.example/x", "Escalation:Brands:acme:SafetyAlertWebhook")]
    [InlineData(null, "not a url", "Escalation:Brands:acme:SafetyAlertWebhook")]
    public void Validate_BadSetting_NamesIt(string? platform, string? webhook, string expected)
    {
        var options = new EscalationOptions();
        if (platform is not null)
        {
            options.Platforms[platform] = new EscalationPlatformOptions { Enabled = true };
        }

        if (webhook is not null)
        {
            options.Brands["acme"] = new EscalationBrandOptions { SafetyAlertWebhook = webhook };
        }

        var error = Assert.Single(Validate(options));
        Assert.Contains(expected, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LeaseOutOfRange_Fails()
    {
        Assert.NotEmpty(Validate(new EscalationOptions { ClaimLeaseSeconds = 0 }));
    }
}
