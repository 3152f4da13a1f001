using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SocialFirst.Core.Ingestion;

/// <summary>The steps of a webhook acknowledgement, in order. Archive and ledger read run at the same time.</summary>
public enum IngestionStep
{
    /// <summary>Reading the request body as bytes (the endpoint).</summary>
    ReadBody,

    /// <summary>The platform's handshake check and signature verification over the raw bytes.</summary>
    Verify,

    /// <summary>Parsing the payload into mentions.</summary>
    Parse,

    /// <summary>Writing the raw delivery to the archive (blob).</summary>
    Archive,

    /// <summary>Looking the mentions up in the ingest ledger (table), concurrently with the archive.</summary>
    LedgerRead,

    /// <summary>Putting the fresh mentions on the mentions queue.</summary>
    Enqueue,

    /// <summary>Recording the queued mentions in the ingest ledger (table).</summary>
    LedgerWrite,
}

/// <summary>
/// Traces and metrics of the acknowledgement path, BCL only (System.Diagnostics), so that any listener can read them:
/// an OpenTelemetry exporter, <c>dotnet-counters</c>/<c>dotnet-trace</c>, or the app's opt-in slow-call log.
/// One activity <see cref="AcknowledgeActivityName"/> per webhook call (started by the endpoint) with one child activity
/// per <see cref="IngestionStep"/>, and two histograms: the duration of each step (tagged with the step) and of the
/// whole acknowledgement (tagged with platform and status). Nothing here carries payload or platform ids; the only
/// identifier is <see cref="KeyHashTag"/>, a prefix of the ledger's hash of the first mention's de-duplication key.
/// </summary>
public sealed class IngestionTelemetry : IDisposable
{
    /// <summary>The name of both the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "SocialFirst.Ingestion";

    public const string AcknowledgeActivityName = "ingestion.acknowledge";
    public const string StepActivityPrefix = "ingestion.";
    public const string StepDurationInstrument = "socialfirst.ingestion.step.duration";
    public const string AcknowledgeDurationInstrument = "socialfirst.ingestion.acknowledge.duration";
    public const string StepTag = "socialfirst.ingestion.step";
    public const string PlatformTag = "socialfirst.platform";
    public const string StatusTag = "http.response.status_code";
    public const string ErrorTag = "error.type";
    public const string KeyHashTag = "socialfirst.ingestion.key_hash";

    private static readonly ActivitySource Source = new(Name);

    // Storage round trips are milliseconds; the tail of interest reaches the 2.5 s deadline and beyond.
    private static readonly InstrumentAdvice<double> DurationAdvice = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private static readonly string[] StepNames = Enum.GetValues<IngestionStep>().Select(SnakeCase).ToArray();

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _stepDuration;
    private readonly Histogram<double> _acknowledgeDuration;

    /// <summary>Creates the meter from <paramref name="meterFactory"/> (the host's, so it is disposed with it), or a plain one without.</summary>
    public IngestionTelemetry(IMeterFactory? meterFactory = null)
    {
        if (meterFactory is not null)
        {
            _meter = meterFactory.Create(Name);
        }
        else
        {
            _meter = new Meter(Name);
            _ownsMeter = true;
        }

        _stepDuration = _meter.CreateHistogram(StepDurationInstrument, "s", "Duration of one step of a webhook acknowledgement", advice: DurationAdvice);
        _acknowledgeDuration = _meter.CreateHistogram(AcknowledgeDurationInstrument, "s", "Duration of a webhook acknowledgement, body read to answer", advice: DurationAdvice);
    }

    /// <summary>The activity name of a step, e.g. <c>ingestion.ledger_read</c>.</summary>
    public static string ActivityName(IngestionStep step) => StepActivityPrefix + StepNames[(int)step];

    /// <summary>The step's tag value, e.g. <c>ledger_read</c>.</summary>
    public static string StepName(IngestionStep step) => StepNames[(int)step];

    /// <summary>Starts the span and timer of one webhook call; dispose it after setting the status.</summary>
    public Acknowledgement StartAcknowledgement(string platform) => new(this, platform);

    /// <summary>Starts the span and timer of one step; dispose it when the step ends (call <see cref="Step.Fail"/> first if it failed).</summary>
    public Step StartStep(IngestionStep step) => new(this, step);

    /// <summary>
    /// Tags the current acknowledgement (if it is being recorded) with a short hash of the delivery's first
    /// de-duplication key: the first 16 hex digits of the ingest ledger's row key, never the key itself.
    /// </summary>
    public static void TagDeliveryKey(string dedupKey)
    {
        for (var a = Activity.Current; a is not null; a = a.Parent)
        {
            if (a.Source == Source && a.OperationName == AcknowledgeActivityName)
            {
                if (a.IsAllDataRequested)
                {
                    var hash = SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey));
                    a.SetTag(KeyHashTag, Convert.ToHexStringLower(hash.AsSpan(0, 8)));
                }

                return;
            }
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string SnakeCase(IngestionStep step)
    {
        var name = step.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }

    /// <summary>One step: a child span (when anyone listens) and a duration measurement (always).</summary>
    public sealed class Step : IDisposable
    {
        private readonly IngestionTelemetry _owner;
        private readonly IngestionStep _step;
        private readonly Activity? _activity;
        private readonly long _started = Stopwatch.GetTimestamp();
        private string? _error;
        private bool _done;

        internal Step(IngestionTelemetry owner, IngestionStep step)
        {
            _owner = owner;
            _step = step;
            _activity = Source.StartActivity(ActivityName(step), ActivityKind.Internal);
            _activity?.SetTag(StepTag, StepName(step));
        }

        /// <summary>Marks the step failed (span status Error, <c>error.type</c> on span and measurement).</summary>
        public void Fail(Exception exception)
        {
            ArgumentNullException.ThrowIfNull(exception);
            _error = exception is OperationCanceledException ? "timeout" : exception.GetType().FullName;
            _activity?.SetStatus(ActivityStatusCode.Error, _error);
            _activity?.SetTag(ErrorTag, _error);
        }

        public void Dispose()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            var step = new KeyValuePair<string, object?>(StepTag, StepName(_step));
            if (_error is null)
            {
                _owner._stepDuration.Record(seconds, step);
            }
            else
            {
                _owner._stepDuration.Record(seconds, step, new KeyValuePair<string, object?>(ErrorTag, _error));
            }

            _activity?.Dispose();
        }
    }

    /// <summary>One webhook call: the parent span of the steps, and the acknowledgement duration measurement.</summary>
    public sealed class Acknowledgement : IDisposable
    {
        private readonly IngestionTelemetry _owner;
        private readonly string _platform;
        private readonly Activity? _activity;
        private readonly long _started = Stopwatch.GetTimestamp();
        private int _status;
        private bool _done;

        internal Acknowledgement(IngestionTelemetry owner, string platform)
        {
            _owner = owner;
            _platform = platform;
            _activity = Source.StartActivity(AcknowledgeActivityName, ActivityKind.Internal);
            _activity?.SetTag(PlatformTag, platform);
        }

        /// <summary>The answer's status code (5xx marks the span as failed).</summary>
        public void SetStatus(int statusCode)
        {
            _status = statusCode;
            if (_activity is null)
            {
                return;
            }

            _activity.SetTag(StatusTag, statusCode);
            if (statusCode >= 500)
            {
                _activity.SetStatus(ActivityStatusCode.Error, statusCode.ToString(CultureInfo.InvariantCulture));
            }
        }

        public void Dispose()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            _owner._acknowledgeDuration.Record(
                Stopwatch.GetElapsedTime(_started).TotalSeconds,
                new KeyValuePair<string, object?>(PlatformTag, _platform),
                new KeyValuePair<string, object?>(StatusTag, _status));
            _activity?.Dispose();
        }
    }
}
