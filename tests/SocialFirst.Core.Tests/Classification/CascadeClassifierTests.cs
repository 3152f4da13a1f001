using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Classification.Cascade;

namespace SocialFirst.Core.Tests.Classification;

public sealed class CascadeClassifierTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 31, 22, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly Mock<IMentionClassifier> _embedded = new();
    private readonly Mock<IMentionClassifier> _azure = new();
    private readonly Dictionary<string, ClassificationResult> _embeddedResults = [];
    private readonly List<IReadOnlyList<ClassificationRequest>> _azureCalls = [];
    private IClassifierBudget _budget = new InMemoryClassifierBudget(100);

    public CascadeClassifierTests()
    {
        _embedded
            .Setup(c => c.ClassifyAsync(It.IsAny<IReadOnlyList<ClassificationRequest>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<ClassificationRequest> requests, CancellationToken _) => requests.Select(r => _embeddedResults[r.Id]).ToList());
        _azure
            .Setup(c => c.ClassifyAsync(It.IsAny<IReadOnlyList<ClassificationRequest>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<ClassificationRequest> requests, CancellationToken _) =>
            {
                _azureCalls.Add(requests);
                return requests.Select(r => Azure(r.Id)).ToList();
            });
    }

    [Fact]
    public async Task ClassifyAsync_SureAndCalm_AzureIsNotAsked()
    {
        var requests = new[] { Given("a", certainty: 0.9), Given("b", certainty: 0.75) };

        var results = await CreateSut().ClassifyAsync(requests, CancellationToken.None);

        Assert.Same(_embeddedResults["a"], results[0]);
        Assert.Same(_embeddedResults["b"], results[1]);
        _azure.Verify(c => c.ClassifyAsync(It.IsAny<IReadOnlyList<ClassificationRequest>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ClassifyAsync_Mixed_OnlyUnsureTextsGoToAzure()
    {
        var requests = new[] { Given("sure", certainty: 0.9), Given("unsure", certainty: 0.3), Given("sure2", certainty: 0.61), Given("unsure2", certainty: 0.59) };

        var results = await CreateSut().ClassifyAsync(requests, CancellationToken.None);

        Assert.Equal(["unsure", "unsure2"], Assert.Single(_azureCalls).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["embedded", "cascade", "embedded", "cascade"], results.Select(r => r.Engine));
        Assert.Equal(requests.Select(r => r.Id), results.Select(r => r.Id));
    }

    [Fact]
    public async Task ClassifyAsync_SureButPossiblyUrgent_GoesToAzure()
    {
        var requests = new[] { Given("safety", certainty: 0.95, category: new CategoryMatch(CareCategory.Safety, 0.9, ["fire"])) };

        var result = Assert.Single(await CreateSut().ClassifyAsync(requests, CancellationToken.None));

        Assert.Single(_azureCalls);
        Assert.Equal("cascade", result.Engine);
        Assert.Contains(result.Reasons, r => r.Towards == CascadeClassifier.Towards && r.Cue.StartsWith("second opinion: provisional urgency 0.86 > 0.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClassifyAsync_Unsure_MergesAzureAnalysisWithEmbeddedCategoriesAndReasons()
    {
        var requests = new[] { Given("m1", certainty: 0.4, category: new CategoryMatch(CareCategory.Billing, 0.6, ["refund"])) };

        var result = Assert.Single(await CreateSut().ClassifyAsync(requests, CancellationToken.None));

        var azure = Azure("m1");
        Assert.Equal("m1", result.Id);
        Assert.Equal("cascade", result.Engine);
        Assert.False(result.Degraded);
        Assert.Equal(("fr", Sentiment.Negative, azure.Scores), (result.Language, result.Sentiment, result.Scores));
        Assert.Equal(azure.KeyPhrases, result.KeyPhrases);
        Assert.Equal(azure.Entities, result.Entities);
        Assert.Equal(azure.Opinions, result.Opinions);
        Assert.Equal(CareCategory.Billing, Assert.Single(result.Categories).Category);
        Assert.Contains(result.Reasons, r => r.Cue == "embedded-cue");
        Assert.Contains(result.Reasons, r => r.Cue == "azure:sentiment negative");
        Assert.Contains(result.Reasons, r => r.Cue == "second opinion: certainty 0.4 < 0.6");
        Assert.Equal(0.88, result.Certainty);
    }

    [Fact]
    public async Task ClassifyAsync_AzureSaysUnknownLanguage_KeepsTheEmbeddedLanguage()
    {
        _azure
            .Setup(c => c.ClassifyAsync(It.IsAny<IReadOnlyList<ClassificationRequest>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<ClassificationRequest> requests, CancellationToken _) => requests.Select(r => Azure(r.Id) with { Language = "unknown" }).ToList());

        var result = Assert.Single(await CreateSut().ClassifyAsync([Given("m1", certainty: 0.4)], CancellationToken.None));

        Assert.Equal("sl", result.Language);
    }

    [Fact]
    public async Task ClassifyAsync_BudgetSpent_KeepsEmbeddedResultDegraded()
    {
        _budget = new InMemoryClassifierBudget(0);

        var result = Assert.Single(await CreateSut().ClassifyAsync([Given("m1", certainty: 0.3)], CancellationToken.None));

        Assert.Empty(_azureCalls);
        Assert.True(result.Degraded);
        Assert.Equal("embedded", result.Engine);
        Assert.Equal(_embeddedResults["m1"].Sentiment, result.Sentiment);
        Assert.Contains(result.Reasons, r => r.Cue == CascadeClassifier.BudgetSpent && r.Towards == CascadeClassifier.Towards);
    }

    [Fact]
    public async Task ClassifyAsync_BudgetForSomeOnly_MostUrgentGoFirst()
    {
        _budget = new InMemoryClassifierBudget(2);
        var requests = new[]
        {
            Given("calm", certainty: 0.2),
            Given("legal", certainty: 0.5, category: new CategoryMatch(CareCategory.Legal, 0.9, ["lawyer"])),
            Given("safety", certainty: 0.9, category: new CategoryMatch(CareCategory.Safety, 0.9, ["fire"])),
        };

        var results = await CreateSut().ClassifyAsync(requests, CancellationToken.None);

        Assert.Equal(["safety", "legal"], Assert.Single(_azureCalls).Select(r => r.Id));
        Assert.True(results[0].Degraded);
        Assert.Contains(results[0].Reasons, r => r.Cue == CascadeClassifier.BudgetSpent);
        Assert.Equal(["cascade", "cascade"], results.Skip(1).Select(r => r.Engine));
    }

    [Fact]
    public async Task ClassifyAsync_BudgetAcrossMonthBoundary_AzureIsAskedAgainInTheNewMonth()
    {
        _budget = new InMemoryClassifierBudget(1);
        var sut = CreateSut();
        await sut.ClassifyAsync([Given("jan1", certainty: 0.3)], CancellationToken.None);
        var spent = Assert.Single(await sut.ClassifyAsync([Given("jan2", certainty: 0.3)], CancellationToken.None));

        _clock.Advance(TimeSpan.FromHours(2)); // 1 February 00:00 UTC
        var february = Assert.Single(await sut.ClassifyAsync([Given("feb1", certainty: 0.3)], CancellationToken.None));

        Assert.True(spent.Degraded);
        Assert.Equal("cascade", february.Engine);
        Assert.Equal(["jan1", "feb1"], _azureCalls.Select(c => Assert.Single(c).Id));
    }

    [Fact]
    public async Task ClassifyAsync_AzureThrows_KeepsEmbeddedResultDegraded()
    {
        _azure
            .Setup(c => c.ClassifyAsync(It.IsAny<IReadOnlyList<ClassificationRequest>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection refused"));

        var results = await CreateSut().ClassifyAsync([Given("m1", certainty: 0.3), Given("m2", certainty: 0.9)], CancellationToken.None);

        Assert.True(results[0].Degraded);
        Assert.Equal("embedded", results[0].Engine);
        Assert.Contains(results[0].Reasons, r => r.Cue == CascadeClassifier.SecondaryUnavailable);
        Assert.Same(_embeddedResults["m2"], results[1]);
    }

    [Fact]
    public async Task ClassifyAsync_AzureTooSlow_TimesOutAndKeepsEmbeddedResult()
    {
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _azure
            .Setup(c => c.ClassifyAsync(It.IsAny<IReadOnlyList<ClassificationRequest>>(), It.IsAny<CancellationToken>()))
            .Returns(async (IReadOnlyList<ClassificationRequest> _, CancellationToken token) =>
            {
                called.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                return (IReadOnlyList<ClassificationResult>)[];
            });
        var sut = CreateSut(new CascadeSettings { SecondaryTimeout = TimeSpan.FromSeconds(5) });

        var pending = sut.ClassifyAsync([Given("m1", certainty: 0.3)], CancellationToken.None);
        await called.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        Assert.False(pending.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var result = Assert.Single(await pending.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System));

        Assert.True(result.Degraded);
        Assert.Contains(result.Reasons, r => r.Cue == CascadeClassifier.SecondaryUnavailable);
    }

    [Fact]
    public async Task ClassifyAsync_CallerCancels_CancellationPropagates()
    {
        using var cancellation = new CancellationTokenSource();
        _azure
            .Setup(c => c.ClassifyAsync(It.IsAny<IReadOnlyList<ClassificationRequest>>(), It.IsAny<CancellationToken>()))
            .Returns(async (IReadOnlyList<ClassificationRequest> _, CancellationToken token) =>
            {
                await cancellation.CancelAsync();
                token.ThrowIfCancellationRequested();
                return (IReadOnlyList<ClassificationResult>)[];
            });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateSut().ClassifyAsync([Given("m1", certainty: 0.3)], cancellation.Token));
    }

    [Fact]
    public async Task ClassifyAsync_AzureDegradedForADocument_KeepsEmbeddedResultWithAzuresReason()
    {
        _azure
            .Setup(c => c.ClassifyAsync(It.IsAny<IReadOnlyList<ClassificationRequest>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<ClassificationRequest> requests, CancellationToken _) => requests.Select(r => Azure(r.Id) with
            {
                Degraded = true,
                Reasons = [new ClassificationReason("azure error: SentimentAnalysis InvalidArgument/UnsupportedLanguageCode", "azure:degraded", 0)],
            }).ToList());

        var result = Assert.Single(await CreateSut().ClassifyAsync([Given("m1", certainty: 0.3)], CancellationToken.None));

        Assert.True(result.Degraded);
        Assert.Equal("embedded", result.Engine);
        Assert.Equal("sl", result.Language);
        Assert.Contains(result.Reasons, r => r.Cue == CascadeClassifier.SecondaryUnavailable);
        Assert.Contains(result.Reasons, r => r.Towards == "azure:degraded");
    }

    [Fact]
    public async Task ClassifyAsync_BlankText_IsNeverSentToAzure()
    {
        var result = Assert.Single(await CreateSut().ClassifyAsync([Given("blank", certainty: 0.1, text: "  ")], CancellationToken.None));

        Assert.Empty(_azureCalls);
        Assert.False(result.Degraded);
    }

    [Fact]
    public async Task ClassifyAsync_WrongNumberOfAzureResults_TreatedAsUnavailable()
    {
        _azure
            .Setup(c => c.ClassifyAsync(It.IsAny<IReadOnlyList<ClassificationRequest>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([]);

        var result = Assert.Single(await CreateSut().ClassifyAsync([Given("m1", certainty: 0.3)], CancellationToken.None));

        Assert.True(result.Degraded);
        Assert.Contains(result.Reasons, r => r.Cue == CascadeClassifier.SecondaryUnavailable);
    }

    private CascadeClassifier CreateSut(CascadeSettings? settings = null) =>
        new(_embedded.Object, _azure.Object, _budget, settings ?? new CascadeSettings(), _clock, NullLogger<CascadeClassifier>.Instance);

    private ClassificationRequest Given(string id, double certainty, CategoryMatch? category = null, string text = "some text")
    {
        _embeddedResults[id] = new ClassificationResult
        {
            Id = id,
            Language = "sl",
            Sentiment = Sentiment.Neutral,
            Scores = new SentimentScores(0.1, 0.8, 0.1),
            Categories = category is null ? [] : [category],
            KeyPhrases = ["embedded phrase"],
            Reasons = [new ClassificationReason("embedded-cue", "sentiment", 0.2)],
            Engine = "embedded",
            Certainty = certainty,
        };
        return new ClassificationRequest(id, text);
    }

    private static ClassificationResult Azure(string id) => new()
    {
        Id = id,
        Language = "fr",
        Sentiment = Sentiment.Negative,
        Scores = new SentimentScores(0.02, 0.1, 0.88),
        KeyPhrases = ["colis perdu"],
        Entities = [new DetectedEntity("Contoso", "Organization", 0, 7, 0.9)],
        Opinions = [new OpinionPair("colis", "perdu", Sentiment.Negative)],
        Reasons = [new ClassificationReason("azure:sentiment negative", "sentiment", 0.88)],
        Engine = "azure",
        Certainty = 0.88,
    };
}
