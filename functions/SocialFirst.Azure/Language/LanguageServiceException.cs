using SocialFirst.Azure.Http;

namespace SocialFirst.Azure.Language;

/// <summary>An analyze-text request failed as a whole (per-document errors never throw).</summary>
public sealed class LanguageServiceException : RestServiceException
{
    public LanguageServiceException()
    {
    }

    public LanguageServiceException(string message)
        : base(message)
    {
    }

    public LanguageServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LanguageServiceException(string operation, int status, string? errorCode, string? detail)
        : base("Azure AI Language", operation, status, errorCode, detail)
    {
    }
}
