using System.ComponentModel.DataAnnotations;

namespace SocialFirst.Functions.Standalone;

/// <summary>
/// How the standalone runner imitates the Functions host's triggers. Defaults follow host.json and the host's own
/// defaults (queues: maxDequeueCount 5, visibilityTimeout 0, batchSize 16; Service Bus: MaxDeliveryCount 10).
/// </summary>
public sealed class StandaloneOptions
{
    public const string SectionName = "Standalone";

    /// <summary>Deliveries of a queue message before it moves to <c>&lt;queue&gt;-poison</c>.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Deliveries of a Service Bus stand-in message before it moves to <c>&lt;queue&gt;-deadletter</c>.</summary>
    [Range(1, 100)]
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>How long a failed message stays invisible before it is retried (host default: 0).</summary>
    [Range(0, 3600)]
    public double RetryDelaySeconds { get; set; }

    /// <summary>How long a message being processed stays invisible to other consumers.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 300;

    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Longest wait between polls of an empty queue (the host backs off up to a minute; locally we want speed).</summary>
    [Range(10, 60_000)]
    public int MaxPollingIntervalMilliseconds { get; set; } = 1_000;

    /// <summary>Turns the trigger runners off (the HTTP routes still work), e.g. for contract tests.</summary>
    public bool DisableTriggers { get; set; }
}
