using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SocialFirst.Core.Escalation.Messaging;

namespace SocialFirst.Platforms.Messaging;

/// <summary>
/// The HTTP plumbing shared by the platform senders: one attempt per call (no client-side retries: none of these APIs
/// takes an idempotency key, so a retried POST could send twice; Service Bus redelivery after RetryLater is the retry),
/// bounded response reading, and mapping of transport failures. Never puts a URL (WeChat carries its token in the query)
/// or a request body into a detail.
/// </summary>
internal static class MessagingHttp
{
    /// <summary>Longest response body read; platform answers are small JSON documents.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>The response of one call, or the outcome when there was none.</summary>
    public readonly record struct Reply(HttpStatusCode Status, string Body, HttpResponseHeaders? Headers, SendOutcome? TransportFailure)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;
    }

    /// <summary>Sends <paramref name="request"/>; network errors and timeouts become a RetryLater <see cref="Reply.TransportFailure"/>.</summary>
    public static async Task<Reply> SendAsync(HttpClient client, HttpRequestMessage request, string platform, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var body = await ReadBodyAsync(response.Content, cancellationToken);
            return new Reply(response.StatusCode, body, response.Headers, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Reply(0, string.Empty, null, SendOutcome.RetryLater($"{platform}: no answer within the timeout"));
        }
        catch (HttpRequestException ex)
        {
            // The message names the host at most (never the path or query); keep only the error kind to be sure.
            return new Reply(0, string.Empty, null, SendOutcome.RetryLater($"{platform}: network error ({ex.HttpRequestError})"));
        }
    }

    /// <summary>Retry-After (seconds or HTTP date) as a delay from <paramref name="now"/>; null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders? headers, DateTimeOffset now)
    {
        var retryAfter = headers?.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter?.Date is { } date ? Max0(date - now) : null;
    }

    /// <summary>A Unix-seconds reset header (X's <c>x-rate-limit-reset</c>) as a delay from <paramref name="now"/>.</summary>
    public static TimeSpan? UnixResetHeader(HttpResponseHeaders? headers, string name, DateTimeOffset now)
    {
        if (headers is null || !headers.TryGetValues(name, out var values))
        {
            return null;
        }

        return long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds is > 0 and < 253_402_300_800
            ? Max0(DateTimeOffset.FromUnixTimeSeconds(seconds) - now)
            : null;
    }

    /// <summary>Parses a JSON body; null when it is not JSON.</summary>
    public static JsonDocument? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string or number property as text.</summary>
    public static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>An integer property (number or numeric string).</summary>
    public static long? Number(JsonElement element, string name)
    {
        var text = Text(element, name);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The generic mapping for a status the platform-specific code did not explain.</summary>
    public static SendOutcome ByStatus(string platform, HttpStatusCode status, TimeSpan? retryAfter, string? code, string? message)
    {
        var detail = $"{platform}: HTTP {(int)status}" + (code is null ? string.Empty : $" code {code}") + (string.IsNullOrEmpty(message) ? string.Empty : $": {message}");
        return (int)status switch
        {
            429 or 408 or >= 500 => SendOutcome.RetryLater(detail, retryAfter, code),
            401 or 403 => SendOutcome.NotPermitted(detail, code),
            _ => SendOutcome.Failed(detail, code ?? ((int)status).ToString(CultureInfo.InvariantCulture)),
        };
    }

    private static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static TimeSpan Max0(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
