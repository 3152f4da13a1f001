using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Tests.Hosting;

public class HostingModeTests
{
    [Fact]
    public void Detect_HostPortSet_IsCustomHandler()
    {
        var mode = HostingMode.Detect([], name => name == "FUNCTIONS_CUSTOMHANDLER_PORT" ? "5091" : null);

        Assert.False(mode.IsStandalone);
        Assert.Equal(5091, mode.CustomHandlerPort);
    }

    [Fact]
    public void Detect_LegacyHttpWorkerPort_IsCustomHandler()
    {
        var mode = HostingMode.Detect([], name => name == "FUNCTIONS_HTTPWORKER_PORT" ? "7001" : null);

        Assert.Equal(7001, mode.CustomHandlerPort);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-port")]
    public void Detect_NoUsablePort_IsStandalone(string? port)
    {
        var mode = HostingMode.Detect([], _ => port);

        Assert.True(mode.IsStandalone);
        Assert.Null(mode.CustomHandlerPort);
    }

    [Fact]
    public void Detect_StandaloneFlag_WinsOverPort()
    {
        Assert.True(HostingMode.Detect(["--standalone"], _ => "5091").IsStandalone);
    }
}
