using Azure.Core;
using Microsoft.Extensions.Logging.Abstractions;
using SocialFirst.Azure.Language;
using SocialFirst.Azure.Tests.Fakes;
using SocialFirst.Core.Classification;

namespace SocialFirst.Azure.Tests.Language;

internal static class LanguageTestSupport
{
    public static LanguageOptions Options(FakeLanguageService fake, int maxRetries = 2) => new()
    {
        Mode = LanguageMode.Azure,
        Endpoint = fake.BaseUri,
        ApiKey = fake.BearerToken is null ? FakeLanguageService.ApiKey : null,
        MaxRetries = maxRetries,
        RetryDelayMilliseconds = 10,
        NetworkTimeoutSeconds = 5,
    };

    public static AzureLanguageClassifier CreateSut(FakeLanguageService fake, IMentionClassifier? categoryProvider = null, TokenCredential? credential = null, int maxRetries = 2)
    {
        var options = Options(fake, maxRetries);
        var pipeline = LanguageRestClient.CreatePipeline(options, credential, fake.BearerToken is null ? null : TestCertificate.TrustingTransport());
        var client = new LanguageRestClient(options, pipeline, NullLogger<LanguageRestClient>.Instance);
        return new AzureLanguageClassifier(client, NullLogger<AzureLanguageClassifier>.Instance, categoryProvider);
    }

    public static ClassificationRequest Request(string text, string? id = null, string? hint = null) => new(id ?? "m-" + text.GetHashCode(StringComparison.Ordinal), text, hint);
}
