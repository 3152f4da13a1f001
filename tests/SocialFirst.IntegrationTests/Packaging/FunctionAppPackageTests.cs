using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Packaging;

/// <summary>
/// Runs the real packaging script once, then checks the function-app layout the Functions host expects and starts the
/// packaged handler the way the host does (FUNCTIONS_CUSTOMHANDLER_PORT, readiness on GET /).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FunctionAppPackageTests : IClassFixture<FunctionAppPackageTests.PackageFixture>
{
    private readonly PackageFixture _package;

    public FunctionAppPackageTests(PackageFixture package) => _package = package;

    public sealed class PackageFixture : IAsyncLifetime
    {
        public string Root { get; } = Path.Combine(Path.GetTempPath(), "sf-package-" + Guid.NewGuid().ToString("N"), "functionapp");

        public string Zip => Root + ".zip";

        public async Task InitializeAsync()
        {
            var repo = AzuriteLocator.RepoRoot();
            var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Path.Combine(repo, "eng", "package.sh"));
            psi.ArgumentList.Add(Root);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"eng/package.sh failed ({p.ExitCode}):\n{await stdout}\n{await stderr}");
            }
        }

        public Task DisposeAsync()
        {
            Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
            return Task.CompletedTask;
        }
    }

    public static TheoryData<string> Functions => new()
    {
        "MetaWebhook", "XWebhook", "WeChatWebhook", "WeiboWebhook", "GenericWebhook", "Health", "CasesList", "CaseGet", "Triage", "Escalate", "PoisonWatch", "DeadLetterDrain", "Metrics", "SlaWatch", "AuthorErase", "CaseActions", "TrendWatch", "IncidentsList", "IncidentGet", "Influencers", "RetentionWatch", "DeferredTriageWatch", "CareRollUp",
    };

    [Fact]
    public void HostJson_PointsAtAnExecutableHandler()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(_package.Root, "host.json")));
        var executable = host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
        var path = Path.Combine(_package.Root, executable);

        Assert.True(File.Exists(path), $"{executable} is missing from the package");
        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), "handler is not executable");
        Assert.True(host.RootElement.GetProperty("customHandler").GetProperty("enableProxyingHttpRequest").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Package_HasFunctionFolderWithFunctionJson(string function)
    {
        Assert.True(File.Exists(Path.Combine(_package.Root, function, "function.json")), $"{function}/function.json missing");
    }

    [Fact]
    public void Package_ShipsNoLocalSettingsOrStrayFiles()
    {
        var rootFiles = Directory.GetFiles(_package.Root).Select(Path.GetFileName).Order().ToList();

        Assert.Equal(["handler", "host.json"], rootFiles);
        Assert.Empty(Directory.GetFiles(_package.Root, "local.settings.json", SearchOption.AllDirectories));
    }

    [Fact]
    public void Zip_HasTheSameLayout_WithTheExecutableBitKept()
    {
        using var zip = ZipFile.OpenRead(_package.Zip);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("host.json", names);
        Assert.Contains("Triage/function.json", names);
        var handler = zip.GetEntry("handler")!;
        var unixMode = (handler.ExternalAttributes >> 16) & 0x1FF;
        Assert.True((unixMode & 0x40) != 0, $"handler in the zip has mode {Convert.ToString(unixMode, 8)}");
    }

    [Fact]
    public async Task Handler_StartedLikeTheHost_AnswersReadinessAndInvocations()
    {
        var port = FreePorts.Next();
        var psi = new ProcessStartInfo(Path.Combine(_package.Root, "handler"))
        {
            WorkingDirectory = _package.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        // Storage that does not answer: the handler must still start, and report it.
        psi.Environment["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";
        psi.Environment["Storage__MaxRetries"] = "0";
        psi.Environment["ServiceBus__FullyQualifiedNamespace"] = "http://127.0.0.1:9";
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            Assert.True(await FreePorts.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30)), "handler did not listen on FUNCTIONS_CUSTOMHANDLER_PORT");

            using var ready = await http.GetAsync(new Uri("/", UriKind.Relative));
            using var health = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
            using var invocation = await http.PostAsync(
                new Uri("/Triage", UriKind.Relative),
                new StringContent("""{"Data":{"mention":"\"{ not a mention\""},"Metadata":{"DequeueCount":"1"}}""", System.Text.Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("custom-handler", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.InternalServerError, invocation.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
