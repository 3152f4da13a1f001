using System.Diagnostics;

namespace SocialFirst.Testing;

/// <summary>Finds the repo's pinned Azurite (eng/azurite), installing it with npm the first time if needed.</summary>
public static class AzuriteLocator
{
    private static readonly Lock Gate = new();

    public static string Find()
    {
        var root = RepoRoot();
        var dir = Path.Combine(root, "eng", "azurite");
        var bin = Path.Combine(dir, "node_modules", ".bin", "azurite");
        lock (Gate)
        {
            if (!File.Exists(bin))
            {
                Install(dir);
            }
        }

        return File.Exists(bin) ? bin : throw new FileNotFoundException($"Azurite not found at {bin}; run 'npm ci --prefix eng/azurite'.");
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SocialFirstFunctions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root (SocialFirstFunctions.sln) not found above " + AppContext.BaseDirectory);
    }

    private static void Install(string dir)
    {
        var psi = new ProcessStartInfo("npm") { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "ci", "--no-audit", "--no-fund" })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("npm could not be started");
        var stderr = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("npm ci for Azurite failed: " + stderr.Result);
        }
    }
}
