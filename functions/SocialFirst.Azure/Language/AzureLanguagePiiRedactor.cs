using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;

namespace SocialFirst.Azure.Language;

/// <summary>
/// <see cref="IPiiRedactor"/> on Azure AI Language PII detection (names, addresses, card numbers... that the regex
/// redactor cannot find). When Azure fails for a text it falls back to <see cref="RegexPiiRedactor"/>, never to the
/// unredacted text; a request-level failure throws. Not registered as the <see cref="IPiiRedactor"/> by default:
/// every redaction is a billed text record.
/// </summary>
public sealed class AzureLanguagePiiRedactor(AzureLanguageClassifier classifier) : IPiiRedactor
{
    public async Task<string> RedactAsync(string text, string? language, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text ?? string.Empty;
        }

        var results = await classifier.RedactPiiAsync([new ClassificationRequest("pii", text, language)], cancellationToken);
        return results[0].RedactedText;
    }
}
