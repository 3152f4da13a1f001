using SocialFirst.Azure.Language;

namespace SocialFirst.Azure.Tests.Language;

public sealed class LanguageRestClientTests
{
    [Fact]
    public void Batches_CountLimit_SplitsInOrder()
    {
        var documents = Enumerable.Range(0, 23).Select(i => new AnalyzeDocument(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "text")).ToList();

        var batches = LanguageRestClient.Batches(documents, 10).ToList();

        Assert.Equal([10, 10, 3], batches.Select(b => b.Count));
        Assert.Equal(documents.Select(d => d.Id), batches.SelectMany(b => b).Select(d => d.Id));
    }

    [Fact]
    public void Batches_LargeTexts_StayUnderTheRequestSizeLimit()
    {
        // 1000 documents of 5,000 characters would be a 5 MB request; the service takes 1 MB.
        var documents = Enumerable.Range(0, 1000).Select(i => new AnalyzeDocument(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new string('x', 5000))).ToList();

        var batches = LanguageRestClient.Batches(documents, 1000).ToList();

        Assert.True(batches.Count >= 6);
        Assert.All(batches, b => Assert.True(b.Sum(d => d.Text.Length) <= LanguageRestClient.MaxRequestTextBytes));
        Assert.Equal(1000, batches.Sum(b => b.Count));
    }

    [Theory]
    [InlineData("LanguageDetection", 1000)]
    [InlineData("SentimentAnalysis", 10)]
    [InlineData("KeyPhraseExtraction", 10)]
    [InlineData("EntityRecognition", 5)]
    [InlineData("PiiEntityRecognition", 5)]
    public void MaxDocumentsPerRequest_Kind_MatchesTheDocumentedLimit(string kind, int limit) =>
        Assert.Equal(limit, LanguageRestClient.MaxDocumentsPerRequest[kind]);
}
