using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Ingestion;

namespace SocialFirst.Functions.Diagnostics;

/// <summary>
/// The opt-in slow-call log (<see cref="DiagnosticsOptions.SlowCallLogMs"/>): an in-process <see cref="ActivityListener"/>
/// on the ingestion spans (<see cref="IngestionTelemetry"/>) and on the HTTP client's spans under them, which logs every
/// webhook acknowledgement slower than the threshold with where its time went:
/// <list type="bullet">
/// <item>each step's duration, and for storage steps the HTTP tries, the time inside them and the time spent waiting
/// for a pooled connection (so retry delays and connection limits show as step time outside the HTTP calls);</item>
/// <item>the time between the request's arrival in ASP.NET Core and the endpoint starting;</item>
/// <item>the GC pause time and collections during the call, the thread-pool queue and thread count at its end, and
/// lock contentions during the call, so that app-side pauses can be told from slow storage answers.</item>
/// </list>
/// No payload and no ids beyond the delivery key hash. Storage connections that take at least the threshold to open
/// are logged too (event 6202). With the setting at 0 nothing listens and the spans cost nothing.
/// </summary>
public sealed partial class SlowAcknowledgementLog : IHostedService, IDisposable
{
    internal const string AspNetCoreSource = "Microsoft.AspNetCore";
    internal const string AspNetCoreRequestActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";
    internal const string HttpSource = "System.Net.Http";
    internal const string HttpRequestActivity = "System.Net.Http.HttpRequestOut";
    internal const string ConnectionsSource = "Experimental.System.Net.Http.Connections";
    internal const string WaitForConnectionActivity = "Experimental.System.Net.Http.Connections.WaitForConnection";
    internal const string ConnectionSetupActivity = "Experimental.System.Net.Http.Connections.ConnectionSetup";

    private const string StateProperty = "socialfirst.slowcall";

    private static readonly IngestionStep[] Steps = Enum.GetValues<IngestionStep>();

    private readonly DiagnosticsOptions _options;
    private readonly ILogger<SlowAcknowledgementLog> _logger;
    private ActivityListener? _listener;

    public SlowAcknowledgementLog(IOptions<DiagnosticsOptions> options, ILogger<SlowAcknowledgementLog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>True while the listener is attached (the setting is above 0 and the service has started).</summary>
    public bool IsEnabled => _listener is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.SlowCallLogMs <= 0 || _listener is not null)
        {
            return Task.CompletedTask;
        }

        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is IngestionTelemetry.Name or AspNetCoreSource or HttpSource or ConnectionsSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = OnStarted,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
        Log.Enabled(_logger, _options.SlowCallLogMs);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _listener = null;
    }

    private static void OnStarted(Activity activity)
    {
        if (IsAcknowledgement(activity))
        {
            activity.SetCustomProperty(StateProperty, new CallState());
        }
    }

    private void OnStopped(Activity activity)
    {
        try
        {
            switch (activity.OperationName)
            {
                case IngestionTelemetry.AcknowledgeActivityName when IsAcknowledgement(activity):
                    OnAcknowledgementStopped(activity);
                    break;
                case HttpRequestActivity:
                    if (FindStep(activity.Parent) is var (state, step))
                    {
                        state.AddHttp(step, activity.Duration.TotalMilliseconds);
                    }

                    break;
                case WaitForConnectionActivity:
                    if (FindStep(activity.Parent) is var (waitState, waitStep))
                    {
                        waitState.AddWait(waitStep, activity.Duration.TotalMilliseconds);
                    }

                    break;
                case ConnectionSetupActivity:
                    if (activity.Duration.TotalMilliseconds >= _options.SlowCallLogMs)
                    {
                        Log.SlowConnection(_logger, Math.Round(activity.Duration.TotalMilliseconds, 1), activity.GetTagItem("server.address") as string ?? "?", activity.GetTagItem("server.port")?.ToString() ?? "?", activity.Status == ActivityStatusCode.Error ? "failed" : "ok");
                    }

                    break;
                default:
                    if (activity.Source.Name == IngestionTelemetry.Name && StepOf(activity) is { } s && FindAcknowledgement(activity.Parent) is { } ack)
                    {
                        ack.AddStep(s, activity.Duration.TotalMilliseconds);
                    }

                    break;
            }
        }
#pragma warning disable CA1031 // A diagnostics listener must never break the request it observes.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ListenerFailed(_logger, ex);
        }
    }

    private void OnAcknowledgementStopped(Activity activity)
    {
        var totalMs = activity.Duration.TotalMilliseconds;
        if (totalMs < _options.SlowCallLogMs || activity.GetCustomProperty(StateProperty) is not CallState state)
        {
            return;
        }

        var end = CallState.Snapshot.Take();
        var beforeEndpointMs = activity.Parent is { OperationName: AspNetCoreRequestActivity } request
            ? Math.Max(0, (activity.StartTimeUtc - request.StartTimeUtc).TotalMilliseconds)
            : 0;
        var (steps, dominant, dominantMs) = state.Describe();
        if (beforeEndpointMs > dominantMs)
        {
            (dominant, dominantMs) = ("before_endpoint", beforeEndpointMs);
        }

        Log.SlowAcknowledgement(
            _logger,
            Math.Round(totalMs, 1),
            activity.GetTagItem(IngestionTelemetry.StatusTag) is int status ? status : 0,
            activity.GetTagItem(IngestionTelemetry.PlatformTag) as string ?? "?",
            activity.GetTagItem(IngestionTelemetry.KeyHashTag) as string ?? "-",
            dominant,
            Math.Round(dominantMs, 1),
            steps,
            Math.Round(beforeEndpointMs, 1),
            Math.Round((end.GcPause - state.Start.GcPause).TotalMilliseconds, 1),
            end.Gen0 - state.Start.Gen0,
            end.Gen1 - state.Start.Gen1,
            end.Gen2 - state.Start.Gen2,
            ThreadPool.PendingWorkItemCount,
            ThreadPool.ThreadCount,
            end.LockContentions - state.Start.LockContentions);
    }

    private static bool IsAcknowledgement(Activity activity) =>
        activity.Source.Name == IngestionTelemetry.Name && activity.OperationName == IngestionTelemetry.AcknowledgeActivityName;

    private static IngestionStep? StepOf(Activity activity)
    {
        foreach (var step in Steps)
        {
            if (activity.OperationName == IngestionTelemetry.ActivityName(step))
            {
                return step;
            }
        }

        return null;
    }

    private static CallState? FindAcknowledgement(Activity? activity)
    {
        for (var a = activity; a is not null; a = a.Parent)
        {
            if (IsAcknowledgement(a))
            {
                return a.GetCustomProperty(StateProperty) as CallState;
            }
        }

        return null;
    }

    /// <summary>The nearest ingestion step above an HTTP span, and its acknowledgement's state.</summary>
    private static (CallState State, IngestionStep Step)? FindStep(Activity? activity)
    {
        for (var a = activity; a is not null; a = a.Parent)
        {
            if (a.Source.Name == IngestionTelemetry.Name && StepOf(a) is { } step)
            {
                return FindAcknowledgement(a.Parent) is { } state ? (state, step) : null;
            }
        }

        return null;
    }

    /// <summary>What one acknowledgement has accumulated so far. Archive and ledger read finish concurrently, hence the lock.</summary>
    private sealed class CallState
    {
        private readonly Lock _lock = new();
        private readonly StepTimes[] _steps = new StepTimes[Steps.Length];

        public Snapshot Start { get; } = Snapshot.Take();

        public void AddStep(IngestionStep step, double ms)
        {
            lock (_lock)
            {
                _steps[(int)step].Ms += ms;
                _steps[(int)step].Seen = true;
            }
        }

        public void AddHttp(IngestionStep step, double ms)
        {
            lock (_lock)
            {
                _steps[(int)step].Tries++;
                _steps[(int)step].HttpMs += ms;
            }
        }

        public void AddWait(IngestionStep step, double ms)
        {
            lock (_lock)
            {
                _steps[(int)step].WaitMs += ms;
            }
        }

        /// <summary>"read_body 0.1, …, archive 812.4 (1 try, http 811.9, conn wait 0.0), …" and the step that took longest.</summary>
        public (string Steps, string Dominant, double DominantMs) Describe()
        {
            lock (_lock)
            {
                var sb = new StringBuilder();
                var dominant = "none";
                var dominantMs = 0.0;
                foreach (var step in Steps)
                {
                    var t = _steps[(int)step];
                    if (!t.Seen)
                    {
                        continue;
                    }

                    if (sb.Length > 0)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(CultureInfo.InvariantCulture, $"{IngestionTelemetry.StepName(step)} {t.Ms:0.0}");
                    if (t.Tries > 0)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $" ({t.Tries} {(t.Tries == 1 ? "try" : "tries")}, http {t.HttpMs:0.0}, conn wait {t.WaitMs:0.0})");
                    }

                    if (t.Ms > dominantMs)
                    {
                        (dominant, dominantMs) = (IngestionTelemetry.StepName(step), t.Ms);
                    }
                }

                return (sb.ToString(), dominant, dominantMs);
            }
        }

        private struct StepTimes
        {
            public bool Seen;
            public double Ms;
            public int Tries;
            public double HttpMs;
            public double WaitMs;
        }

        public readonly record struct Snapshot(TimeSpan GcPause, int Gen0, int Gen1, int Gen2, long LockContentions)
        {
            public static Snapshot Take() => new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), Monitor.LockContentionCount);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(6201, LogLevel.Warning,
            "Slow webhook acknowledgement: {TotalMs} ms, status {Status}, platform {Platform}, key {KeyHash}; held by {Dominant} {DominantMs} ms; " +
            "steps: {Steps}; before endpoint {BeforeEndpointMs} ms; GC paused {GcPauseMs} ms during the call (collections gen0 +{Gen0}, gen1 +{Gen1}, gen2 +{Gen2}); " +
            "thread pool {PendingWorkItems} queued, {Threads} threads; lock contentions +{LockContentions}")]
        public static partial void SlowAcknowledgement(ILogger logger, double totalMs, int status, string platform, string keyHash, string dominant, double dominantMs, string steps, double beforeEndpointMs, double gcPauseMs, int gen0, int gen1, int gen2, long pendingWorkItems, int threads, long lockContentions);

        [LoggerMessage(6202, LogLevel.Warning, "Slow storage connection setup: {Ms} ms to {Host}:{Port} ({Outcome})")]
        public static partial void SlowConnection(ILogger logger, double ms, string host, string port, string outcome);

        [LoggerMessage(6203, LogLevel.Information, "Slow-call log on: webhook acknowledgements of {Ms} ms or more are logged with their step timings")]
        public static partial void Enabled(ILogger logger, int ms);

        [LoggerMessage(6204, LogLevel.Warning, "The slow-call listener failed on one activity; the request is unaffected")]
        public static partial void ListenerFailed(ILogger logger, Exception exception);
    }
}
