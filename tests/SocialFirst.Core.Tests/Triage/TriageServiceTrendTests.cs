using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Tests.Triage;

/// <summary>Triage records a trend observation for each filed mention; recording never fails triage.</summary>
public class TriageServiceTrendTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryCaseStore _store = new();
    private readonly FakeTimeProvider _time = new(T0.AddMinutes(1));
    private readonly BrandOptions _brands = new();

    public TriageServiceTrendTests()
    {
        _brands.Items["acme"] = new BrandDefinition { DisplayName = "Acme" };
        _brands.Items["acme"].Accounts.Add("x:2244994945");
    }

    private TriageService CreateSut(ITrendObservationSink? trends) => new(
        new FakeClassifier(),
        new BrandResolver(new TestOptionsMonitor<BrandOptions>(_brands), NullLogger<BrandResolver>.Instance),
        _store,
        new Mock<IEscalationSink>().Object,
        new RegexPiiRedactor(),
        new StaticUrgencyPolicyProvider(UrgencyPolicy.Default),
        _time,
        new TestOptionsMonitor<TriageOptions>(new TriageOptions()),
        NullLogger<TriageService>.Instance,
        trends);

    [Fact]
    public async Task TriageAsync_NewMention_RecordsObservationWithCaseAndNoText()
    {
        var log = new InMemoryTrendObservationLog(_time);
        var mention = new MentionBuilder().From("u1").Saying("the angry fire alarm").At(T0).Build();

        var outcome = await CreateSut(log).TriageAsync(mention, CancellationToken.None);
        await CreateSut(log).TriageAsync(mention, CancellationToken.None); // a redelivery: a duplicate, not recorded again

        var recorded = Assert.Single(await log.ReadAsync("acme", T0, T0.AddHours(1), CancellationToken.None));
        var o = recorded.Observation;
        Assert.Equal(("acme", mention.DedupKey, outcome.CaseId, T0), (o.BrandId, o.MentionId, o.CaseId, o.At));
        Assert.Equal(Sentiment.Negative, o.Sentiment);
        Assert.Contains(CareCategory.Safety, o.Categories);
        Assert.Equal(_time.GetUtcNow(), recorded.RecordedAt);
    }

    [Fact]
    public async Task TriageAsync_SinkThrows_StillFilesAndMarksProcessed()
    {
        var sink = new Mock<ITrendObservationSink>();
        sink.Setup(s => s.RecordAsync(It.IsAny<TrendObservation>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("storage down"));
        var mention = new MentionBuilder().From("u1").Saying("where is my parcel?").At(T0).Build();

        var outcome = await CreateSut(sink.Object).TriageAsync(mention, CancellationToken.None);

        Assert.False(outcome.Duplicate);
        Assert.Single(_store.Cases);
        Assert.Equal(outcome.CaseId, await _store.FindProcessedAsync(mention.DedupKey, CancellationToken.None));
        sink.Verify(s => s.RecordAsync(It.IsAny<TrendObservation>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
