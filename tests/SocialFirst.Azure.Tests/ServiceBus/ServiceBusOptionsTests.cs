using System.ComponentModel.DataAnnotations;
using SocialFirst.Azure.ServiceBus;

namespace SocialFirst.Azure.Tests.ServiceBus;

public sealed class ServiceBusOptionsTests
{
    public static TheoryData<string, string> Namespaces => new()
    {
        { "sb-x.servicebus.windows.net", "https://sb-x.servicebus.windows.net/" },
        { "sb-x.servicebus.windows.net/", "https://sb-x.servicebus.windows.net/" },
        { "http://127.0.0.1:5099", "http://127.0.0.1:5099/" },
        { "https://sb-x.servicebus.windows.net/", "https://sb-x.servicebus.windows.net/" },
    };

    [Theory]
    [MemberData(nameof(Namespaces))]
    public void NamespaceUri_HostOrUrl_GivesBaseAddress(string configured, string expected)
    {
        var options = new ServiceBusOptions { FullyQualifiedNamespace = configured };

        Assert.Equal(expected, options.NamespaceUri().AbsoluteUri);
        Assert.Equal(expected + "escalations", ServiceBusPipeline.EntityUri(options).AbsoluteUri);
    }

    [Theory]
    [InlineData("", null, null, "FullyQualifiedNamespace")]
    [InlineData("not a host!", null, null, "FullyQualifiedNamespace")]
    [InlineData("sb-x.servicebus.windows.net", "sender", null, "SasKey")]
    public void Validate_BadSettings_NamesTheSetting(string ns, string? keyName, string? key, string member)
    {
        var options = new ServiceBusOptions { FullyQualifiedNamespace = ns, SasKeyName = keyName, SasKey = key };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(member));
    }

    [Fact]
    public void Validate_HostName_IsValid()
    {
        var options = new ServiceBusOptions { FullyQualifiedNamespace = "sb-x.servicebus.windows.net" };

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
