using Microsoft.Extensions.Logging.Abstractions;
using SocialFirst.Core.Tests.Triage;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Core.Tests.Triage.Policies;

public sealed class FileUrgencyPolicyProviderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sf-policies-" + Guid.NewGuid().ToString("N"));
    private readonly UrgencyPolicyOptions _options = new();

    public FileUrgencyPolicyProviderTests()
    {
        Directory.CreateDirectory(_dir);
        _options.PolicyDirectory = _dir;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private FileUrgencyPolicyProvider CreateSut() =>
        new(new TestOptionsMonitor<UrgencyPolicyOptions>(_options), UrgencyPolicy.Default, NullLogger<FileUrgencyPolicyProvider>.Instance);

    private void Write(string brand, string json) => File.WriteAllText(Path.Combine(_dir, brand + ".json"), json);

    [Fact]
    public void GetPolicy_NoFiles_BuiltInDefault()
    {
        var sut = CreateSut();

        Assert.Same(UrgencyPolicy.Default, sut.GetPolicy("acme"));
        Assert.True(sut.LastReport.AllValid);
    }

    [Fact]
    public void GetPolicy_BrandFileAndDefaultFile_EachBrandGetsItsOwnOrTheDefault()
    {
        Write("acme", """{ "version": "acme-1", "brand": "acme", "threshold": 0.5 }""");
        Write("default", """{ "version": "house-1", "threshold": 0.7 }""");

        var sut = CreateSut();

        Assert.Equal("acme-1", sut.GetPolicy("acme").Version);
        Assert.Equal("acme-1", sut.GetPolicy("ACME").Version);
        Assert.Equal("house-1", sut.GetPolicy("globex").Version);
        Assert.Equal(0.7, sut.GetPolicy("globex").Threshold);
    }

    [Fact]
    public void TryReload_InvalidUpdate_KeepsPreviousVersionAndReportsWhy()
    {
        Write("acme", """{ "version": "acme-1", "threshold": 0.5 }""");
        var sut = CreateSut();
        Write("acme", """{ "version": "acme-2", "threshold": 5 }""");

        var report = sut.TryReload();

        Assert.False(report.AllValid);
        Assert.Equal("acme.json: $.threshold: 5 is outside 0..1", Assert.Single(report.Rejected["acme"]));
        Assert.Equal("acme-1", sut.GetPolicy("acme").Version);
    }

    [Fact]
    public void TryReload_ValidUpdate_ReplacesPolicy()
    {
        Write("acme", """{ "version": "acme-1" }""");
        var sut = CreateSut();
        Write("acme", """{ "version": "acme-2", "threshold": 0.4 }""");

        var report = sut.TryReload();

        Assert.True(report.AllValid);
        Assert.Equal("acme-2", report.Loaded["acme"]);
        Assert.Equal(0.4, sut.GetPolicy("acme").Threshold);
    }

    [Fact]
    public void Constructor_InvalidFirstDocument_FallsBackToDefault()
    {
        Write("acme", """{ "threshold": 0.5 }""");

        var sut = CreateSut();

        Assert.Same(UrgencyPolicy.Default, sut.GetPolicy("acme"));
        Assert.Contains("acme.json: $.version: required", sut.LastReport.Rejected["acme"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void TryReload_BrandInDocumentDiffersFromFileName_Refused()
    {
        Write("acme", """{ "version": "g-1", "brand": "globex" }""");

        var report = CreateSut().TryReload();

        Assert.Contains("does not match", Assert.Single(report.Rejected["acme"]), StringComparison.Ordinal);
    }

    [Fact]
    public void TryReload_FileRemoved_BrandFallsBackToDefault()
    {
        Write("acme", """{ "version": "acme-1" }""");
        var sut = CreateSut();
        File.Delete(Path.Combine(_dir, "acme.json"));

        sut.TryReload();

        Assert.Same(UrgencyPolicy.Default, sut.GetPolicy("acme"));
    }

    [Fact]
    public void GetPolicy_ConfiguredDocument_WinsOverFile()
    {
        Write("acme", """{ "version": "file-1" }""");
        _options.Policies["acme"] = """{ "version": "config-1" }""";

        var sut = CreateSut();

        Assert.Equal("config-1", sut.GetPolicy("acme").Version);
    }

    [Fact]
    public void TryReload_InvalidFileName_Reported()
    {
        Write("Not A Brand", """{ "version": "x" }""");

        var report = CreateSut().TryReload();

        Assert.Contains("file name must be a brand id", Assert.Single(report.Rejected).Value[0], StringComparison.Ordinal);
    }
}
