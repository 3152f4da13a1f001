using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Ingestion;

public class IngestionServiceTests
{
    private readonly FakeAdapter _adapter = new();
    private readonly RecordingArchive _archive = new();
    private readonly RecordingQueue _queue = new();
    private readonly InMemoryLedger _ledger = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    private IngestionService CreateSut(IIngestLedger? ledger = null, IngestionTelemetry? telemetry = null) => new(
        [_adapter],
        _archive,
        _queue,
        ledger ?? _ledger,
        _time,
        Mock.Of<IOptionsMonitor<IngestionOptions>>(o => o.CurrentValue == new IngestionOptions { MaxBodyBytes = 2048, AcknowledgeWithinSeconds = 2.5 }),
        NullLogger<IngestionService>.Instance,
        telemetry);

    private static WebhookRequest Post(string body, string signature = "good") => new(
        "POST",
        new Dictionary<string, string>(),
        new Dictionary<string, string> { ["X-Sig"] = signature },
        Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task HandleAsync_ValidDelivery_ArchivesThenQueuesThenAcknowledges()
    {
        var response = await CreateSut().HandleAsync("fake", Post("m1,m2"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("success", response.Body);
        var (delivery, disposition) = Assert.Single(_archive.Saved);
        Assert.Equal(RawDeliveryDisposition.Accepted, disposition);
        Assert.Equal("m1,m2", Encoding.UTF8.GetString(delivery.Body.Span));
        Assert.Equal(["m1", "m2"], _queue.Queued.Select(m => m.EventId));
        Assert.All(_queue.Queued, m => Assert.Equal(RawDeliveryReference.For(delivery), m.RawDeliveryRef));
    }

    [Fact]
    public async Task HandleAsync_Redelivery_IsAcknowledgedButNotQueuedAgain()
    {
        var sut = CreateSut();

        await sut.HandleAsync("fake", Post("m1"), CancellationToken.None);
        var second = await sut.HandleAsync("fake", Post("m1,m3"), CancellationToken.None);

        Assert.Equal(200, second.StatusCode);
        Assert.Equal(["m1", "m3"], _queue.Queued.Select(m => m.EventId));
        Assert.Equal(2, _archive.Saved.Count);
    }

    [Fact]
    public async Task HandleAsync_SameEventTwiceInOneDelivery_QueuedOnce()
    {
        await CreateSut().HandleAsync("fake", Post("m1,m1"), CancellationToken.None);

        Assert.Single(_queue.Queued);
    }

    [Fact]
    public async Task HandleAsync_BadSignature_Is401AndStoresNothing()
    {
        var response = await CreateSut().HandleAsync("fake", Post("m1", signature: "forged"), CancellationToken.None);

        Assert.Equal(401, response.StatusCode);
        Assert.Empty(_archive.Saved);
        Assert.Empty(_queue.Queued);
        Assert.DoesNotContain("m1", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_Malformed_Is400WithReasonAndKeptAsRejected()
    {
        var response = await CreateSut().HandleAsync("fake", Post("!broken"), CancellationToken.None);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("cannot read", response.Body, StringComparison.Ordinal);
        Assert.Equal(RawDeliveryDisposition.Rejected, Assert.Single(_archive.Saved).Disposition);
        Assert.Empty(_queue.Queued);
    }

    [Fact]
    public async Task HandleAsync_OverSizeLimit_Is413()
    {
        var response = await CreateSut().HandleAsync("fake", Post(new string('m', 3000)), CancellationToken.None);

        Assert.Equal(413, response.StatusCode);
        Assert.Empty(_archive.Saved);
    }

    [Fact]
    public async Task HandleAsync_ArchiveDown_Is503AndNothingQueued()
    {
        _archive.Fail = true;

        var response = await CreateSut().HandleAsync("fake", Post("m1"), CancellationToken.None);

        Assert.Equal(503, response.StatusCode);
        Assert.Empty(_queue.Queued);
    }

    [Fact]
    public async Task HandleAsync_StorageHangs_Is503BeforeThePlatformGivesUp()
    {
        _archive.Hang = true;
        var sut = CreateSut();

        var pending = sut.HandleAsync("fake", Post("m1"), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(503, response.StatusCode);
        Assert.Empty(_queue.Queued);
    }

    [Fact]
    public async Task HandleAsync_QueueDown_Is503AndLedgerNotMarked_SoTheRetryQueuesIt()
    {
        _queue.Fail = true;
        var sut = CreateSut();

        var first = await sut.HandleAsync("fake", Post("m1"), CancellationToken.None);
        _queue.Fail = false;
        var retry = await sut.HandleAsync("fake", Post("m1"), CancellationToken.None);

        Assert.Equal(503, first.StatusCode);
        Assert.Equal(200, retry.StatusCode);
        Assert.Single(_queue.Queued);
    }

    [Fact]
    public async Task HandleAsync_LedgerDown_StillQueues()
    {
        var ledger = new Mock<IIngestLedger>();
        ledger.Setup(l => l.FindQueuedAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("down"));
        ledger.Setup(l => l.MarkQueuedAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("down"));

        var response = await CreateSut(ledger.Object).HandleAsync("fake", Post("m1"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Single(_queue.Queued);
    }

    [Fact]
    public async Task HandleAsync_Handshake_AnsweredByTheAdapter()
    {
        var request = new WebhookRequest("GET", new Dictionary<string, string> { ["challenge"] = "42" }, new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty);

        var response = await CreateSut().HandleAsync("fake", request, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("42", response.Body);
    }

    [Fact]
    public async Task HandleAsync_PlainGet_Is400()
    {
        var request = new WebhookRequest("GET", new Dictionary<string, string>(), new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty);

        Assert.Equal(400, (await CreateSut().HandleAsync("fake", request, CancellationToken.None)).StatusCode);
    }

    [Fact]
    public async Task HandleAsync_UnknownPlatform_Is404()
    {
        Assert.Equal(404, (await CreateSut().HandleAsync("myspace", Post("m1"), CancellationToken.None)).StatusCode);
    }

    [Fact]
    public async Task ReplayAsync_ArchivedDelivery_QueuesOnlyWhatWasNotQueued_WithoutCheckingTheSignature()
    {
        var sut = CreateSut();
        await sut.HandleAsync("fake", Post("m1"), CancellationToken.None);
        var archived = new RawDelivery("d2", "fake", _time.GetUtcNow(), new Dictionary<string, string>(), new Dictionary<string, string> { ["X-Sig"] = "expired" }, Encoding.UTF8.GetBytes("m1,m2"));

        var outcome = await sut.ReplayAsync(archived, CancellationToken.None);

        Assert.Equal(2, outcome.Mentions);
        Assert.Equal(1, outcome.Queued);
        Assert.Equal(["m1", "m2"], _queue.Queued.Select(m => m.EventId));
        Assert.Single(_archive.Saved);
    }

    private static readonly string[] AcknowledgementSteps = ["verify", "parse", "archive", "ledger_read", "enqueue", "ledger_write"];

    [Fact]
    public async Task HandleAsync_ValidDelivery_EmitsOneSpanPerStepUnderTheAcknowledgement()
    {
        using var spans = new SpanCollector();
        using var telemetry = new IngestionTelemetry();
        var sut = CreateSut(telemetry: telemetry);

        Activity acknowledgement;
        using (var ack = telemetry.StartAcknowledgement("fake"))
        {
            acknowledgement = Activity.Current!;
            var response = await sut.HandleAsync("fake", Post("m1,m2"), CancellationToken.None);
            ack.SetStatus(response.StatusCode);
        }

        var trace = spans.Of(acknowledgement.TraceId);
        var steps = trace.Where(a => a != acknowledgement).ToList();
        Assert.Equal(AcknowledgementSteps.Select(s => "ingestion." + s).Order(), steps.Select(a => a.OperationName).Order());
        Assert.All(steps, a => Assert.Equal(acknowledgement.SpanId, a.ParentSpanId));
        Assert.All(steps, a => Assert.Equal(ActivityStatusCode.Unset, a.Status));
        Assert.Equal(IngestionTelemetry.AcknowledgeActivityName, acknowledgement.OperationName);
        Assert.Equal(200, acknowledgement.GetTagItem(IngestionTelemetry.StatusTag));
        var keyHash = Assert.IsType<string>(acknowledgement.GetTagItem(IngestionTelemetry.KeyHashTag));
        Assert.Matches("^[0-9a-f]{16}$", keyHash);
    }

    [Fact]
    public async Task HandleAsync_ValidDelivery_RecordsADurationPerStepAndForTheAcknowledgement()
    {
        using var meters = new TestMeterFactory();
        using var measurements = new MeasurementCollector(meters);
        using var telemetry = new IngestionTelemetry(meters);
        var sut = CreateSut(telemetry: telemetry);

        using (var ack = telemetry.StartAcknowledgement("fake"))
        {
            ack.SetStatus((await sut.HandleAsync("fake", Post("m1"), CancellationToken.None)).StatusCode);
        }

        var steps = measurements.Of(IngestionTelemetry.StepDurationInstrument);
        Assert.Equal(AcknowledgementSteps.Order(), steps.Select(m => (string)m.Tags[IngestionTelemetry.StepTag]!).Order());
        Assert.All(steps, m => Assert.InRange(m.Value, 0, 10));
        Assert.All(steps, m => Assert.False(m.Tags.ContainsKey(IngestionTelemetry.ErrorTag)));
        var whole = Assert.Single(measurements.Of(IngestionTelemetry.AcknowledgeDurationInstrument));
        Assert.Equal("fake", whole.Tags[IngestionTelemetry.PlatformTag]);
        Assert.Equal(200, whole.Tags[IngestionTelemetry.StatusTag]);
        Assert.True(whole.Value >= steps.Max(m => m.Value));
    }

    [Fact]
    public async Task HandleAsync_ArchiveDown_MarksTheArchiveStepFailed()
    {
        _archive.Fail = true;
        using var spans = new SpanCollector();
        using var meters = new TestMeterFactory();
        using var measurements = new MeasurementCollector(meters);
        using var telemetry = new IngestionTelemetry(meters);

        Activity acknowledgement;
        using (telemetry.StartAcknowledgement("fake"))
        {
            acknowledgement = Activity.Current!;
            await CreateSut(telemetry: telemetry).HandleAsync("fake", Post("m1"), CancellationToken.None);
        }

        var archive = Assert.Single(spans.Of(acknowledgement.TraceId), a => a.OperationName == "ingestion.archive");
        Assert.Equal(ActivityStatusCode.Error, archive.Status);
        var measured = Assert.Single(measurements.Of(IngestionTelemetry.StepDurationInstrument), m => (string)m.Tags[IngestionTelemetry.StepTag]! == "archive");
        Assert.Equal(typeof(IOException).FullName, measured.Tags[IngestionTelemetry.ErrorTag]);
        Assert.DoesNotContain(spans.Of(acknowledgement.TraceId), a => a.OperationName == "ingestion.enqueue");
    }

    /// <summary>Collects the ingestion spans that stop while it lives; tests pick theirs by trace id (tests run in parallel).</summary>
    private sealed class SpanCollector : IDisposable
    {
        private readonly List<Activity> _stopped = [];
        private readonly ActivityListener _listener;

        public SpanCollector()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == IngestionTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    lock (_stopped)
                    {
                        _stopped.Add(a);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public List<Activity> Of(ActivityTraceId trace)
        {
            lock (_stopped)
            {
                return _stopped.Where(a => a.TraceId == trace).ToList();
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Meters scoped to one test, so a MeterListener sees only this test's measurements.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }

    private sealed class MeasurementCollector : IDisposable
    {
        private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measured = [];
        private readonly MeterListener _listener = new();

        public MeasurementCollector(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                lock (_measured)
                {
                    _measured.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
                }
            });
            _listener.Start();
        }

        public List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Of(string instrument)
        {
            lock (_measured)
            {
                return _measured.Where(m => m.Instrument == instrument).ToList();
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Body "a,b" → mentions a and b; "!..." is malformed; header X-Sig must be "good"; GET ?challenge=x echoes x.</summary>
    private sealed class FakeAdapter : IWebhookAdapter
    {
        public string Name => "fake";

        public WebhookResponse? TryHandshake(WebhookRequest request) =>
            request.IsGet && request.QueryValue("challenge") is { } c ? WebhookResponse.Ok(c) : null;

        public SignatureCheck Verify(WebhookRequest request) =>
            request.Header("x-sig") == "good" ? SignatureCheck.Valid : SignatureCheck.Invalid("bad signature");

        public ParsedDelivery Parse(WebhookRequest request, string rawDeliveryRef)
        {
            var text = Encoding.UTF8.GetString(request.Body.Span);
            if (text.StartsWith('!'))
            {
                throw new MalformedPayloadException("cannot read the body");
            }

            return new ParsedDelivery
            {
                Mentions = text.Split(',').Select(id => new Mention
                {
                    Platform = Platform.Generic,
                    BrandAccountId = "brand",
                    Kind = MentionKind.Comment,
                    EventId = id,
                    ObjectId = id,
                    Author = new MentionAuthor("a1"),
                    Text = "text " + id,
                    CreatedAt = DateTimeOffset.UnixEpoch,
                }).ToList(),
                AcknowledgementBody = "success",
            };
        }
    }

    private sealed class RecordingArchive : IRawDeliveryArchive
    {
        public List<(RawDelivery Delivery, RawDeliveryDisposition Disposition)> Saved { get; } = [];

        public bool Fail { get; set; }

        public bool Hang { get; set; }

        public async Task<string> SaveAsync(RawDelivery delivery, RawDeliveryDisposition disposition, CancellationToken cancellationToken)
        {
            if (Hang)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }

            if (Fail)
            {
                throw new IOException("storage down");
            }

            Saved.Add((delivery, disposition));
            return RawDeliveryReference.For(delivery);
        }

        public IAsyncEnumerable<RawDelivery> ListAsync(string? platform, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Saved.Select(s => s.Delivery).ToAsyncEnumerable();
    }

    private sealed class RecordingQueue : IMentionQueue
    {
        public List<Mention> Queued { get; } = [];

        public bool Fail { get; set; }

        public Task EnqueueAsync(IReadOnlyList<Mention> mentions, CancellationToken cancellationToken)
        {
            if (Fail)
            {
                throw new IOException("queue down");
            }

            Queued.AddRange(mentions);
            return Task.CompletedTask;
        }
    }

    private sealed class InMemoryLedger : IIngestLedger
    {
        private readonly HashSet<string> _keys = [];

        public Task<IReadOnlySet<string>> FindQueuedAsync(IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<string>>(dedupKeys.Where(_keys.Contains).ToHashSet());

        public Task MarkQueuedAsync(IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken)
        {
            _keys.UnionWith(dedupKeys);
            return Task.CompletedTask;
        }
    }
}
