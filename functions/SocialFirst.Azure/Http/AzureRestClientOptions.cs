using Azure.Core;
using Azure.Core.Pipeline;

namespace SocialFirst.Azure.Http;

/// <summary>
/// Pipeline settings for the REST adapters that have no SDK here (Service Bus, Azure AI Language). Retries come from
/// Azure.Core's <see cref="RetryPolicy"/>: it retries 408, 429, 500, 502, 503, 504 and network failures/timeouts, with
/// exponential back-off, and waits at least as long as a <c>Retry-After</c> (or <c>retry-after-ms</c>) header asks.
/// </summary>
public sealed class AzureRestClientOptions : ClientOptions
{
    /// <summary>Options with our defaults: exponential back-off from <paramref name="delay"/>, content never logged.</summary>
    /// <param name="maxRetries">Retries after the first try.</param>
    /// <param name="networkTimeout">Per-try timeout; a timed-out try counts as a transient failure and is retried.</param>
    /// <param name="delay">First back-off delay (doubled each retry, with jitter, capped at <paramref name="maxDelay"/>).</param>
    /// <param name="maxDelay">Cap of the computed back-off. A server's Retry-After is honoured even when it is longer.</param>
    /// <param name="transport">Tests only: a transport that trusts the fake server's certificate.</param>
    public static AzureRestClientOptions Create(
        int maxRetries,
        TimeSpan networkTimeout,
        TimeSpan? delay = null,
        TimeSpan? maxDelay = null,
        HttpPipelineTransport? transport = null)
    {
        var options = new AzureRestClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = maxRetries;
        options.Retry.NetworkTimeout = networkTimeout;
        options.Retry.Delay = delay ?? TimeSpan.FromMilliseconds(800);
        options.Retry.MaxDelay = maxDelay ?? TimeSpan.FromSeconds(30);
        options.Diagnostics.ApplicationId = "SocialFirst";
        options.Diagnostics.IsLoggingContentEnabled = false;
        options.Diagnostics.IsTelemetryEnabled = true;
        if (transport is not null)
        {
            options.Transport = transport;
        }

        return options;
    }
}
