using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Ingestion;
using SocialFirst.Functions.Diagnostics;

namespace SocialFirst.Functions.Tests.Diagnostics;

public class SlowAcknowledgementLogTests
{
    // Each test uses its own platform name: the listener is process-wide and other tests may acknowledge at the same time.
    private readonly string _platform = "test" + Guid.NewGuid().ToString("N")[..8];
    private readonly RecordingLogger _logger = new();

    private SlowAcknowledgementLog CreateSut(int slowCallLogMs) =>
        new(Options.Create(new DiagnosticsOptions { SlowCallLogMs = slowCallLogMs }), _logger);

    [Fact]
    public async Task StartAsync_Default_ListensToNothingAndLogsNothing()
    {
        using var sut = CreateSut(new DiagnosticsOptions().SlowCallLogMs);
        await sut.StartAsync(CancellationToken.None);

        using var telemetry = new IngestionTelemetry();
        Acknowledge(telemetry, totalMs: 900, (IngestionStep.Archive, 800));

        Assert.False(sut.IsEnabled);
        Assert.Empty(_logger.For(_platform));
    }

    [Fact]
    public async Task StartAsync_ThresholdSet_LogsASlowAcknowledgementWithEachStepAndTheStepThatHeldIt()
    {
        using var sut = CreateSut(250);
        await sut.StartAsync(CancellationToken.None);

        using var telemetry = new IngestionTelemetry();
        Acknowledge(telemetry, totalMs: 900, (IngestionStep.ReadBody, 1), (IngestionStep.Verify, 1), (IngestionStep.Archive, 800), (IngestionStep.LedgerRead, 30), (IngestionStep.Enqueue, 40), (IngestionStep.LedgerWrite, 20));

        Assert.True(sut.IsEnabled);
        var entry = Assert.Single(_logger.For(_platform));
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(6201, entry.EventId);
        Assert.Contains("900 ms, status 200", entry.Message, StringComparison.Ordinal);
        Assert.Contains("held by archive 800 ms", entry.Message, StringComparison.Ordinal);
        Assert.Contains("read_body 1.0, verify 1.0, archive 800.0, ledger_read 30.0, enqueue 40.0, ledger_write 20.0", entry.Message, StringComparison.Ordinal);
        Assert.Contains("GC paused", entry.Message, StringComparison.Ordinal);
        Assert.Contains("thread pool", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ThresholdSet_FastAcknowledgementIsNotLogged()
    {
        using var sut = CreateSut(250);
        await sut.StartAsync(CancellationToken.None);

        using var telemetry = new IngestionTelemetry();
        Acknowledge(telemetry, totalMs: 120, (IngestionStep.Archive, 100));

        Assert.Empty(_logger.For(_platform));
    }

    [Fact]
    public async Task StopAsync_AfterStart_DetachesTheListener()
    {
        using var sut = CreateSut(250);
        await sut.StartAsync(CancellationToken.None);
        await sut.StopAsync(CancellationToken.None);

        using var telemetry = new IngestionTelemetry();
        Acknowledge(telemetry, totalMs: 900, (IngestionStep.Archive, 800));

        Assert.False(sut.IsEnabled);
        Assert.Empty(_logger.For(_platform));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("0", false)]
    [InlineData("250", true)]
    public void App_DiagnosticsSlowCallLogMs_TurnsTheLogOn(string? setting, bool enabled)
    {
        using var factory = new Factory(setting);

        Assert.Equal(enabled, factory.Services.GetRequiredService<SlowAcknowledgementLog>().IsEnabled);
    }

    [Fact]
    public void App_NegativeSlowCallLogMs_FailsAtStartNamingTheSetting()
    {
        using var factory = new Factory("-1");

        var ex = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("SlowCallLogMs", ex.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Runs an acknowledgement whose spans have the given durations (end times set explicitly, so no waiting).</summary>
    private void Acknowledge(IngestionTelemetry telemetry, double totalMs, params (IngestionStep Step, double Ms)[] steps)
    {
        using var ack = telemetry.StartAcknowledgement(_platform);
        var ackActivity = Activity.Current;
        foreach (var (step, ms) in steps)
        {
            using (telemetry.StartStep(step))
            {
                Activity.Current?.SetEndTime(Activity.Current.StartTimeUtc.AddMilliseconds(ms));
            }
        }

        ack.SetStatus(200);
        ackActivity?.SetEndTime(ackActivity.StartTimeUtc.AddMilliseconds(totalMs));
    }

    private sealed class Factory(string? slowCallLogMs) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:ConnectionString", "UseDevelopmentStorage=true");
            builder.UseSetting("Storage:MaxRetries", "0");
            builder.UseSetting("Standalone:DisableTriggers", "true");
            if (slowCallLogMs is not null)
            {
                builder.UseSetting("Diagnostics:SlowCallLogMs", slowCallLogMs);
            }
        }
    }

    private sealed class RecordingLogger : ILogger<SlowAcknowledgementLog>
    {
        private readonly List<(LogLevel Level, int EventId, string Message)> _entries = [];

        public IReadOnlyList<(LogLevel Level, int EventId, string Message)> For(string platform)
        {
            lock (_entries)
            {
                return _entries.Where(e => e.Message.Contains("platform " + platform, StringComparison.Ordinal)).ToList();
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((logLevel, eventId.Id, formatter(state, exception)));
            }
        }
    }
}
