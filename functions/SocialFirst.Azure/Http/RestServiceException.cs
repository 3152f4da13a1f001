namespace SocialFirst.Azure.Http;

/// <summary>
/// A REST call to an Azure service failed for good (a non-retriable status, or retries exhausted). The message names
/// the service, the operation, the HTTP status and the service's error code; it never carries keys, tokens,
/// signatures or customer text.
/// </summary>
public class RestServiceException : Exception
{
    public RestServiceException()
    {
    }

    public RestServiceException(string message)
        : base(message)
    {
    }

    public RestServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RestServiceException(string service, string operation, int status, string? errorCode, string? detail)
        : base(Describe(service, operation, status, errorCode, detail))
    {
        Service = service;
        Operation = operation;
        Status = status;
        ErrorCode = errorCode;
    }

    public string Service { get; } = string.Empty;

    public string Operation { get; } = string.Empty;

    /// <summary>HTTP status of the last try.</summary>
    public int Status { get; }

    /// <summary>The service's error code (for example <c>QuotaExceeded</c>, <c>401</c>), when it sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>True for statuses that a later attempt may get past (408, 429, 5xx): the retries here were exhausted.</summary>
    public bool IsTransient => Status is 408 or 429 or >= 500;

    private static string Describe(string service, string operation, int status, string? errorCode, string? detail)
    {
        var code = string.IsNullOrWhiteSpace(errorCode) ? string.Empty : $" (error code {errorCode})";
        var what = status switch
        {
            401 => "unauthorised: check the identity or key",
            403 => "forbidden: missing role assignment, quota exceeded or entity limit reached",
            404 => "not found: check the endpoint and the entity name",
            410 => "gone: the entity does not exist",
            429 => "throttled and retries exhausted",
            >= 500 => "service error and retries exhausted",
            _ => "request rejected",
        };
        var tail = string.IsNullOrWhiteSpace(detail) ? string.Empty : " " + SecretScrubber.Scrub(detail);
        return $"{service} {operation} failed with HTTP {status}{code}: {what}.{tail}";
    }
}
