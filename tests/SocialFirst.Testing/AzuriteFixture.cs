using Xunit;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SocialFirst.Testing;

/// <summary>
/// Starts a real Azurite (from the repo's pinned npm package) on free loopback ports, in memory and without telemetry,
/// and stops it when the tests are done. Use it as an xunit class or collection fixture.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // The well-known development account key published by Microsoft for the emulator; not a secret.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _output = new();
    private Process? _process;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public string ConnectionString => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;");

    public bool IsRunning => _process is { HasExited: false };

    public async Task InitializeAsync()
    {
        BlobPort = FreePorts.Next();
        QueuePort = FreePorts.Next();
        TablePort = FreePorts.Next();
        await StartAsync();
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <summary>Starts Azurite on the fixture's ports (again, after <see cref="Stop"/>); state is lost since it runs in memory.</summary>
    public async Task StartAsync()
    {
        var azurite = AzuriteLocator.Find();
        var workDir = Path.Combine(Path.GetTempPath(), "sf-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDir);
        var psi = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        foreach (var arg in new[]
        {
            "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            psi.ArgumentList.Add(arg);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start azurite");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            if (!await FreePorts.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30)))
            {
                Stop();
                throw new InvalidOperationException($"Azurite did not listen on {port} within 30 s. Output:\n{Output}");
            }
        }
    }

    /// <summary>Kills Azurite, for tests of what happens when storage is down.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
