using System.Diagnostics;
using System.Globalization;
using System.Text;
using Moq;
using SocialFirst.Azure.Language;
using SocialFirst.Azure.Tests.Fakes;
using SocialFirst.Core.Classification;
using static SocialFirst.Azure.Tests.Language.LanguageTestSupport;

namespace SocialFirst.Azure.Tests.Language;

public sealed class AzureLanguageClassifierTests
{
    [Fact]
    public async Task ClassifyAsync_Complaint_MapsAllFourAnalyses()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var sut = CreateSut(fake);

        var result = Assert.Single(await sut.ClassifyAsync([Request("The cap of my Contoso bottle is sharp", "m1")], CancellationToken.None));

        Assert.Equal("m1", result.Id);
        Assert.Equal("en", result.Language);
        Assert.Equal(Sentiment.Negative, result.Sentiment);
        Assert.Equal(0.9, result.Scores.Negative, 3);
        Assert.Equal(0.07, result.Scores.Neutral, 3);
        Assert.Equal(new OpinionPair("cap", "sharp", Sentiment.Negative), Assert.Single(result.Opinions));
        Assert.Contains("Contoso", result.KeyPhrases);
        var entity = Assert.Single(result.Entities);
        Assert.Equal(("Contoso", "Organization", 14, 7), (entity.Text, entity.Category, entity.Offset, entity.Length));
        Assert.Equal("azure", result.Engine);
        Assert.False(result.Degraded);
        Assert.Empty(result.Categories);
        Assert.Equal(Math.Round(0.99 * 0.9, 3), result.Certainty, 3);
        Assert.Contains(result.Reasons, r => r.Towards == "language:en");
    }

    [Fact]
    public async Task ClassifyAsync_Request_SendsKeyApiVersionAndDocumentedParameters()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var sut = CreateSut(fake);

        await sut.ClassifyAsync([Request("great service")], CancellationToken.None);

        Assert.All(fake.Requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("/language/:analyze-text", r.Path);
            Assert.Equal("?api-version=2024-11-01", r.Query);
            Assert.Equal(FakeLanguageService.ApiKey, r.Header("Ocp-Apim-Subscription-Key"));
            Assert.StartsWith("application/json", r.Header("Content-Type"), StringComparison.Ordinal);
        });
        Assert.Equal(
            ["EntityRecognition", "KeyPhraseExtraction", "LanguageDetection", "SentimentAnalysis"],
            fake.Calls.Select(c => c.Kind).Order(StringComparer.Ordinal));
        var sentiment = Assert.Single(fake.CallsOf("SentimentAnalysis"));
        Assert.True(sentiment.Parameters["opinionMining"]!.GetValue<bool>());
        Assert.Equal("Utf16CodeUnit", sentiment.Parameters["stringIndexType"]!.GetValue<string>());
        Assert.True(sentiment.Parameters["loggingOptOut"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ClassifyAsync_23Documents_BatchesByEachKindsLimit()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var sut = CreateSut(fake);
        var requests = Enumerable.Range(0, 23).Select(i => Request("great product number " + i.ToString(CultureInfo.InvariantCulture), "m" + i.ToString(CultureInfo.InvariantCulture))).ToList();

        var results = await sut.ClassifyAsync(requests, CancellationToken.None);

        Assert.Equal(requests.Select(r => r.Id), results.Select(r => r.Id));
        Assert.All(results, r => Assert.Equal(Sentiment.Positive, r.Sentiment));
        Assert.Single(fake.CallsOf("LanguageDetection"));
        Assert.Equal([10, 10, 3], fake.CallsOf("SentimentAnalysis").Select(c => c.Documents.Count).Order().Reverse());
        Assert.Equal(3, fake.CallsOf("KeyPhraseExtraction").Count);
        Assert.Equal(5, fake.CallsOf("EntityRecognition").Count);
        Assert.All(fake.CallsOf("EntityRecognition"), c => Assert.True(c.Documents.Count <= 5));
    }

    public static TheoryData<string, string, string> Languages => new()
    {
        { "我们的订单还没有到", "zh-Hans", "zh-hans" },
        { "我們的訂單還沒有到", "zh-Hant", "zh-hant" },
        { "bonjour, commande perdue", "fr", "fr" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ClassifyAsync_DetectedLanguage_IsMappedAndSentWithTheOtherKinds(string text, string expectedTag, string sentLanguage)
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var sut = CreateSut(fake);

        var result = Assert.Single(await sut.ClassifyAsync([Request(text)], CancellationToken.None));

        Assert.Equal(expectedTag, result.Language);
        Assert.Equal(sentLanguage, Assert.Single(Assert.Single(fake.CallsOf("SentimentAnalysis")).Documents).Language);
        Assert.Null(Assert.Single(Assert.Single(fake.CallsOf("LanguageDetection")).Documents).Language);
    }

    [Fact]
    public async Task ClassifyAsync_UnknownLanguage_IsUnknownAndNoLanguageIsSent()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var sut = CreateSut(fake);

        var result = Assert.Single(await sut.ClassifyAsync([Request("??? !!!")], CancellationToken.None));

        Assert.Equal("unknown", result.Language);
        Assert.Null(Assert.Single(Assert.Single(fake.CallsOf("SentimentAnalysis")).Documents).Language);
    }

    [Fact]
    public async Task ClassifyAsync_PerDocumentError_OnlyThatDocumentIsDegraded()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var sut = CreateSut(fake);

        var results = await sut.ClassifyAsync([Request("great", "ok"), Request("bad FAIL:SentimentAnalysis", "failed")], CancellationToken.None);

        Assert.False(results[0].Degraded);
        Assert.Equal(Sentiment.Positive, results[0].Sentiment);
        Assert.True(results[1].Degraded);
        Assert.Equal(Sentiment.Neutral, results[1].Sentiment);
        Assert.Equal(0, results[1].Certainty);
        Assert.Equal("en", results[1].Language);
        Assert.Contains(results[1].Reasons, r => r.Towards == "azure:degraded" && r.Cue.Contains("SentimentAnalysis InvalidArgument/UnsupportedLanguageCode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClassifyAsync_PerDocumentErrorWithCategoryProvider_FallsBackToTheProvidersSentiment()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var provider = Provider(new CategoryMatch(CareCategory.Safety, 0.9, ["sharp"]), Sentiment.Negative);
        var sut = CreateSut(fake, provider.Object);

        var result = Assert.Single(await sut.ClassifyAsync([Request("cap FAIL:SentimentAnalysis", "m1")], CancellationToken.None));

        Assert.True(result.Degraded);
        Assert.Equal(Sentiment.Negative, result.Sentiment);
        Assert.Equal(0.42, result.Certainty);
        Assert.Equal(CareCategory.Safety, Assert.Single(result.Categories).Category);
        Assert.Equal("azure", result.Engine);
    }

    [Fact]
    public async Task ClassifyAsync_CategoryProvider_CategoriesAndTheirReasonsAreMergedIn()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var provider = Provider(new CategoryMatch(CareCategory.Safety, 0.9, ["sharp"]), Sentiment.Neutral);
        var sut = CreateSut(fake, provider.Object);

        var result = Assert.Single(await sut.ClassifyAsync([Request("the cap is sharp", "m1")], CancellationToken.None));

        Assert.Equal(CareCategory.Safety, Assert.Single(result.Categories).Category);
        Assert.Contains(result.Reasons, r => r.Towards == "category:safety");
        Assert.True(ClassificationSignals.Has(result, ClassificationSignals.RepeatContact)); // urgency still sees "fourth time calling"
        Assert.DoesNotContain(result.Reasons, r => r.Towards == "sentiment" && r.Cue == "embedded");
        Assert.Equal(Sentiment.Negative, result.Sentiment);
        provider.Verify(p => p.ClassifyAsync(It.Is<IReadOnlyList<ClassificationRequest>>(r => r.Count == 1), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ClassifyAsync_Throttled429WithRetryAfter_WaitsAndSucceeds()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        fake.Script(ScriptedResponse.TooManyRequests(retryAfterSeconds: 1));
        var sut = CreateSut(fake);

        var watch = Stopwatch.StartNew();
        var result = Assert.Single(await sut.ClassifyAsync([Request("great")], CancellationToken.None));

        Assert.Equal(Sentiment.Positive, result.Sentiment);
        Assert.Equal(5, fake.Requests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed.TotalMilliseconds} ms; Retry-After asked for 1 s");
    }

    [Fact]
    public async Task ClassifyAsync_503_IsRetried()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        fake.Script(new ScriptedResponse(503, """{"error":{"code":"ServiceUnavailable","message":"busy"}}"""));
        var sut = CreateSut(fake);

        var result = Assert.Single(await sut.ClassifyAsync([Request("great")], CancellationToken.None));

        Assert.False(result.Degraded);
        Assert.Equal(5, fake.Requests.Count);
    }

    [Fact]
    public async Task ClassifyAsync_403QuotaExceeded_IsNotRetriedAndThrowsWithCode()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        fake.Script(new ScriptedResponse(
            403,
            """{"error":{"code":"403","message":"Out of call volume quota for TextAnalytics F0 pricing tier. Please retry after 15 days."}}""",
            Headers: new Dictionary<string, string> { ["Retry-After"] = "1296000", ["x-ms-error-code"] = "QuotaExceeded" }));
        var sut = CreateSut(fake, maxRetries: 3);

        var ex = await Assert.ThrowsAsync<LanguageServiceException>(() => sut.ClassifyAsync([Request("great")], CancellationToken.None));

        Assert.Single(fake.Requests);
        Assert.Equal(403, ex.Status);
        Assert.Equal("QuotaExceeded", ex.ErrorCode);
        Assert.Contains("LanguageDetection", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyAsync_WrongKey_Throws401WithoutTheKey()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var options = Options(fake);
        options.ApiKey = "wrong-secret-key-value";
        var client = new LanguageRestClient(options, LanguageRestClient.CreatePipeline(options), Microsoft.Extensions.Logging.Abstractions.NullLogger<LanguageRestClient>.Instance);
        var sut = new AzureLanguageClassifier(client, Microsoft.Extensions.Logging.Abstractions.NullLogger<AzureLanguageClassifier>.Instance);

        var ex = await Assert.ThrowsAsync<LanguageServiceException>(() => sut.ClassifyAsync([Request("great")], CancellationToken.None));

        Assert.Equal(401, ex.Status);
        Assert.DoesNotContain("wrong-secret-key-value", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyAsync_DocumentOver5120TextElements_IsTruncatedAtAnElementBoundaryAndFlagged()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var sut = CreateSut(fake);
        // 6,000 text elements, each an emoji of two UTF-16 units: a cut by char count would split a surrogate pair.
        var text = "bad " + string.Concat(Enumerable.Repeat("\U0001F600", 5996));

        var result = Assert.Single(await sut.ClassifyAsync([Request(text, "long")], CancellationToken.None));

        Assert.False(result.Degraded);
        Assert.Equal(Sentiment.Negative, result.Sentiment);
        Assert.Contains(result.Reasons, r => r.Cue == "truncated to 5120 of 6000 text elements");
        var sent = Assert.Single(Assert.Single(fake.CallsOf("SentimentAnalysis")).Documents).Text;
        Assert.Equal(5120, new StringInfo(sent).LengthInTextElements);
        Assert.False(char.IsHighSurrogate(sent[^1]));
        Assert.StartsWith(sent, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyAsync_EmptyText_IsNotSentAndIsDegraded()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var sut = CreateSut(fake);

        var results = await sut.ClassifyAsync([Request("   ", "blank"), Request("great", "ok")], CancellationToken.None);

        Assert.True(results[0].Degraded);
        Assert.Equal("unknown", results[0].Language);
        Assert.False(results[1].Degraded);
        Assert.All(fake.Calls, c => Assert.DoesNotContain(c.Documents, d => d.Text.Trim().Length == 0));
    }

    [Fact]
    public async Task ClassifyAsync_NoRequests_SendsNothing()
    {
        await using var fake = await FakeLanguageService.StartAsync();

        Assert.Empty(await CreateSut(fake).ClassifyAsync([], CancellationToken.None));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task ClassifyAsync_EntraId_SendsBearerTokenForTheCognitiveServicesScope()
    {
        var credential = new FakeTokenCredential("language-token");
        await using var fake = await FakeLanguageService.StartAsync(bearerToken: credential.Token);
        var sut = CreateSut(fake, credential: credential);

        var result = Assert.Single(await sut.ClassifyAsync([Request("great")], CancellationToken.None));

        Assert.Equal(Sentiment.Positive, result.Sentiment);
        Assert.All(fake.Requests, r => Assert.Null(r.Header("Ocp-Apim-Subscription-Key")));
        Assert.Equal(["https://cognitiveservices.azure.com/.default"], credential.Scopes.Distinct());
    }

    [Fact]
    public async Task RedactPiiAsync_Texts_ReturnsRedactedTextAndEntities()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var sut = CreateSut(fake);

        var results = await sut.RedactPiiAsync([Request("mail me at ana@example.com please", "p1"), Request("nothing here", "p2")], CancellationToken.None);

        Assert.Equal("mail me at *************** please", results[0].RedactedText);
        var entity = Assert.Single(results[0].Entities);
        Assert.Equal(("Email", 11, 15), (entity.Category, entity.Offset, entity.Length));
        Assert.Equal("nothing here", results[1].RedactedText);
        Assert.False(results[0].Degraded);
        Assert.Equal("PiiEntityRecognition", Assert.Single(fake.Calls).Kind);
    }

    [Fact]
    public async Task RedactPiiAsync_LongText_IsRedactedPieceByPieceWithNothingCutOff()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var sut = CreateSut(fake);
        var builder = new StringBuilder();
        while (builder.Length < 12_000)
        {
            builder.Append("word ");
        }

        var tailOffset = builder.Length;
        builder.Append("bob@example.org end");
        var text = builder.ToString();

        var result = Assert.Single(await sut.RedactPiiAsync([Request(text, "long")], CancellationToken.None));

        Assert.Equal(text.Length, result.RedactedText.Length);
        Assert.EndsWith("*************** end", result.RedactedText, StringComparison.Ordinal);
        Assert.Equal(tailOffset, Assert.Single(result.Entities).Offset);
        Assert.Equal(3, Assert.Single(fake.Calls).Documents.Count);
    }

    [Fact]
    public async Task RedactPiiAsync_PerDocumentError_FallsBackToTheRegexRedactor()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var sut = CreateSut(fake);

        var result = Assert.Single(await sut.RedactPiiAsync([Request("FAIL:PiiEntityRecognition write to ana@example.com", "p1")], CancellationToken.None));

        Assert.True(result.Degraded);
        Assert.Equal("FAIL:PiiEntityRecognition write to [email]", result.RedactedText);
        Assert.Equal("InvalidArgument/UnsupportedLanguageCode", result.Error);
    }

    [Fact]
    public async Task AzureLanguagePiiRedactor_Text_ReturnsRedactedText()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var redactor = new AzureLanguagePiiRedactor(CreateSut(fake));

        Assert.Equal("hi ***********", await redactor.RedactAsync("hi a@b.example", "en", CancellationToken.None));
    }

    private static Mock<IMentionClassifier> Provider(CategoryMatch category, Sentiment sentiment)
    {
        var provider = new Mock<IMentionClassifier>();
        provider
            .Setup(p => p.ClassifyAsync(It.IsAny<IReadOnlyList<ClassificationRequest>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<ClassificationRequest> requests, CancellationToken _) => requests.Select(r => new ClassificationResult
            {
                Id = r.Id,
                Language = "en",
                Sentiment = sentiment,
                Scores = sentiment == Sentiment.Negative ? new SentimentScores(0.05, 0.25, 0.7) : new SentimentScores(0.1, 0.8, 0.1),
                Categories = [category],
                Reasons =
                [
                    new ClassificationReason("rule:en.safety", "category:" + category.Category, 0.9),
                    new ClassificationReason("embedded", "sentiment", 0.5),
                    new ClassificationReason("rule:en.service.repeat-contact", ClassificationSignals.Towards(ClassificationSignals.RepeatContact), 1),
                ],
                Certainty = 0.42,
            }).ToList());
        return provider;
    }
}
