using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Escalation.Templates;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Tests.Triage;

namespace SocialFirst.Core.Tests.Escalation;

public sealed class DeadLetterDrainServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryCaseStore _cases = new();
    private readonly InMemoryOutbox _outbox = new();
    private readonly InMemoryPoisonStore _poison = new();
    private readonly RecordingAlertSink _alerts = new();
    private readonly Queue<DeadLetteredMessage> _queue = new();
    private readonly Mock<IDeadLetterSource> _source = new();

    public DeadLetterDrainServiceTests()
    {
        _source.SetupGet(s => s.Name).Returns("escalations/$deadletterqueue");
        _source.Setup(s => s.ReceiveAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => _queue.Count > 0 ? _queue.Dequeue() : null);
    }

    private DeadLetterDrainService CreateSut(ICaseStore? cases = null)
    {
        var brands = new TestOptionsMonitor<BrandOptions>(new BrandOptions());
        var options = Options.Create(new EscalationOptions());
        var escalation = new EscalationService(
            cases ?? _cases,
            _outbox,
            _poison,
            new PrivateMessengerSelector([], []),
            new FileTemplateStore(Options.Create(new TemplateOptions()), NullLogger<FileTemplateStore>.Instance),
            new BrandResolver(brands, NullLogger<BrandResolver>.Instance),
            brands,
            [_alerts],
            options,
            _time,
            NullLogger<EscalationService>.Instance);
        return new DeadLetterDrainService(_source.Object, escalation, _poison, options, _time, NullLogger<DeadLetterDrainService>.Instance);
    }

    private Case Seed(string id) =>
        _cases.Seed(Case.Open(id, "acme", Platform.Facebook, "a1", null, Now, "k-" + id, Now, "triage")
            .TransitionTo(CaseStatus.Triaged, "triage", "t", Now)
            .TransitionTo(CaseStatus.Escalated, "triage", "e", Now));

    private static DeadLetteredMessage Dead(string caseId, string? body = null) => new(
        caseId + "-L1",
        body ?? JsonSerializer.Serialize(new { caseId, brandId = "acme", level = 1, platform = "Facebook", reason = "urgent", raisedAt = Now }),
        "MaxDeliveryCountExceeded",
        10,
        caseId);

    [Fact]
    public async Task DrainAsync_DeadLetters_RecordedIntoCasesAsNeedsHumanAndCompleted()
    {
        Seed("CASE000001");
        Seed("CASE000002");
        _queue.Enqueue(Dead("CASE000001"));
        _queue.Enqueue(Dead("CASE000002"));

        var result = await CreateSut().DrainAsync(CancellationToken.None);

        Assert.Equal(new DrainResult(2, 0, 0), result);
        Assert.All(_cases.Cases, c => Assert.Equal(CaseStatus.NeedsHuman, c.Status));
        Assert.All(_cases.Cases, c => Assert.StartsWith("escalation dead-lettered: MaxDeliveryCountExceeded", c.History[^1].Reason, StringComparison.Ordinal));
        Assert.Equal(2, _alerts.Alerts.Count);
        _source.Verify(s => s.CompleteAsync(It.IsAny<DeadLetteredMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        _source.Verify(s => s.AbandonAsync(It.IsAny<DeadLetteredMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DrainAsync_UnreadableBody_PoisonedAndCompleted()
    {
        _queue.Enqueue(Dead("CASE000009", "{not json"));

        var result = await CreateSut().DrainAsync(CancellationToken.None);

        Assert.Equal(new DrainResult(0, 1, 0), result);
        Assert.Equal("CASE000009-L1", Assert.Single(_poison.All).Key);
        _source.Verify(s => s.CompleteAsync(It.IsAny<DeadLetteredMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DrainAsync_RecordingFails_AbandonsAndStops()
    {
        Seed("CASE000001");
        _queue.Enqueue(Dead("CASE000001"));
        _queue.Enqueue(Dead("CASE000002"));
        var broken = new Mock<ICaseStore>();
        broken.Setup(s => s.GetCaseAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("storage down"));

        var result = await CreateSut(broken.Object).DrainAsync(CancellationToken.None);

        Assert.Equal(new DrainResult(0, 0, 1), result);
        _source.Verify(s => s.AbandonAsync(It.Is<DeadLetteredMessage>(m => m.MessageId == "CASE000001-L1"), It.IsAny<CancellationToken>()), Times.Once);
        _source.Verify(s => s.CompleteAsync(It.IsAny<DeadLetteredMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Single(_queue);
    }
}
