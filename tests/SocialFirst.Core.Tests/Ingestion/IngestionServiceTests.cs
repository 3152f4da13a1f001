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

    private IngestionService CreateSut(IIngestLedger? ledger = null) => new(
        [_adapter],
        _archive,
        _queue,
        ledger ?? _ledger,
        _time,
        Mock.Of<IOptionsMonitor<IngestionOptions>>(o => o.CurrentValue == new IngestionOptions { MaxBodyBytes = 2048, AcknowledgeWithinSeconds = 2.5 }),
        NullLogger<IngestionService>.Instance);

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
