using System.Diagnostics;
using System.Text;

namespace SocialFirst.Infra.Tests.Infrastructure;

/// <summary>Output of one Bicep CLI run.</summary>
public sealed record BicepResult(int ExitCode, string StdOut, string StdErr)
{
    public string Output => StdOut + StdErr;

    /// <summary>
    /// Compiler warnings (BCPxxx) do not change the exit code, so a clean run is exit 0 with no diagnostic lines at all.
    /// Diagnostics look like <c>path(line,col) : Warning BCP081: ...</c>.
    /// </summary>
    public IReadOnlyList<string> Diagnostics => Output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(l => l.Contains(" : Warning ", StringComparison.Ordinal) || l.Contains(" : Error ", StringComparison.Ordinal))
        .ToList();
}

/// <summary>
/// Runs the Bicep CLI that NuGet restored from Azure.Bicep.CommandLine.linux-x64 (PackageDownload in the csproj) into the
/// global packages folder (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>). The package may ship the binary
/// without the execute bit for everyone, so it is made executable, or copied to a temp folder when the packages folder
/// is not writable.
/// </summary>
public static class BicepCli
{
    public const string PackageId = "azure.bicep.commandline.linux-x64";

    /// <summary>The version the csproj downloads (its BicepCliVersion property, passed as assembly metadata).</summary>
    public static readonly string Version = typeof(BicepCli).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), inherit: false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepCliVersion").Value
        ?? throw new InvalidOperationException("BicepCliVersion assembly metadata is missing");

    private static readonly Lock Gate = new();
    private static string? _path;

    public static string Path
    {
        get
        {
            lock (Gate)
            {
                return _path ??= Locate();
            }
        }
    }

    public static BicepResult Run(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Offline, quiet and independent of the developer's machine settings.
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["BICEP_TRACING_ENABLED"] = "false";

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Path}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within 120 s");
        }

        process.WaitForExit();
        return new BicepResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static string Locate()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            throw new PlatformNotSupportedException($"{PackageId} is a linux-x64 binary; run the infra tests on linux-x64.");
        }

        var packagesRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(packagesRoot))
        {
            packagesRoot = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        var binary = System.IO.Path.Combine(packagesRoot, PackageId, Version, "tools", "bicep");
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException(
                $"Bicep CLI not found at {binary}. Restore the test project (its PackageDownload fetches {PackageId} {Version}).", binary);
        }

        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((File.GetUnixFileMode(binary) & execute) == execute)
        {
            return binary;
        }

        try
        {
            File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | execute);
            return binary;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            var copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bicep-{Version}-{Environment.ProcessId}");
            File.Copy(binary, copy, overwrite: true);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(copy) | execute | UnixFileMode.UserRead);
            return copy;
        }
    }
}
