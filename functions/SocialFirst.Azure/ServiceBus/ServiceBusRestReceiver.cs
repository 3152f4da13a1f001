using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using SocialFirst.Azure.Http;

namespace SocialFirst.Azure.ServiceBus;

/// <summary>A message locked from a dead-letter queue with its broker properties.</summary>
/// <param name="MessageId">The sender's message id (for escalations: case id + level).</param>
/// <param name="LockToken">Needed to complete or abandon the message; valid until the queue's lock duration ends.</param>
/// <param name="SequenceNumber">The broker's sequence number.</param>
/// <param name="DeliveryCount">How often it was delivered before.</param>
/// <param name="Body">The message body as sent.</param>
/// <param name="ContentType">The body's content type, when the sender set one.</param>
/// <param name="DeadLetterReason">Why Service Bus dead-lettered it (for example <c>MaxDeliveryCountExceeded</c>), when known.</param>
public sealed record ServiceBusReceivedMessage(
    string MessageId,
    string LockToken,
    long SequenceNumber,
    int DeliveryCount,
    BinaryData Body,
    string? ContentType,
    string? DeadLetterReason);

/// <summary>
/// Reads the escalation queue's dead-letter subqueue over REST, for the poison watch: "Peek-Lock Message
/// (Non-Destructive Read)" <c>POST {queue}/$deadletterqueue/messages/head?timeout=N</c> (201 with the body and a
/// <c>BrokerProperties</c> header; 204 when empty), "Delete Message" <c>DELETE {queue}/$deadletterqueue/messages/{messageId}/{lockToken}</c>
/// to complete, and "Unlock Message" (<c>PUT</c> on the same address) to abandon. Needs the Azure Service Bus Data
/// Receiver role.
/// </summary>
public sealed partial class ServiceBusRestReceiver
{
    private readonly HttpPipeline _pipeline;
    private readonly string _deadLetterBase;
    private readonly string _queue;
    private readonly ILogger<ServiceBusRestReceiver> _logger;

    public ServiceBusRestReceiver(ServiceBusOptions options, HttpPipeline pipeline, ILogger<ServiceBusRestReceiver> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(logger);
        _pipeline = pipeline;
        _queue = options.EscalationsQueue;
        _deadLetterBase = ServiceBusPipeline.EntityUri(options).AbsoluteUri + "/$deadletterqueue/messages/";
        _logger = logger;
    }

    /// <summary>
    /// Locks the next dead-lettered message, waiting up to <paramref name="wait"/> (whole seconds, at least 1) for one
    /// to arrive. Returns null when the dead-letter queue stays empty.
    /// </summary>
    public async Task<ServiceBusReceivedMessage?> PeekLockDeadLetterAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        using var http = _pipeline.CreateMessage();
        http.Request.Method = RequestMethod.Post;
        http.Request.Uri.Reset(new Uri(_deadLetterBase + "head?timeout=" + seconds.ToString(CultureInfo.InvariantCulture)));
        http.Request.Content = RequestContent.Create(Array.Empty<byte>());
        http.NetworkTimeout = TimeSpan.FromSeconds(seconds + 10);
        await _pipeline.SendAsync(http, cancellationToken);
        var response = http.Response;
        switch (response.Status)
        {
            case 204:
                return null;
            case 201:
            case 200:
                var message = Parse(response);
                Log.Locked(_logger, message.MessageId, _queue, message.DeliveryCount);
                return message;
            default:
                throw Failure("peek-lock on the dead-letter queue of '" + _queue + "'", response);
        }
    }

    /// <summary>Completes (deletes) a locked dead-lettered message.</summary>
    public async Task CompleteAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await SettleAsync(message, RequestMethod.Delete, "complete", cancellationToken);
        Log.Completed(_logger, message.MessageId, _queue);
    }

    /// <summary>Releases the lock so the message can be read again.</summary>
    public Task AbandonAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SettleAsync(message, RequestMethod.Put, "abandon", cancellationToken);
    }

    private async Task SettleAsync(ServiceBusReceivedMessage message, RequestMethod method, string operation, CancellationToken cancellationToken)
    {
        using var http = _pipeline.CreateMessage();
        http.Request.Method = method;
        http.Request.Uri.Reset(new Uri(_deadLetterBase + Uri.EscapeDataString(message.MessageId) + "/" + Uri.EscapeDataString(message.LockToken)));
        if (method == RequestMethod.Put)
        {
            http.Request.Content = RequestContent.Create(Array.Empty<byte>());
        }

        await _pipeline.SendAsync(http, cancellationToken);
        if (http.Response.Status is not (200 or 204))
        {
            throw Failure(operation + " of dead-lettered message " + message.MessageId, http.Response);
        }
    }

    private ServiceBusRestException Failure(string operation, Response response)
    {
        var (code, detail) = RestErrors.Read(response);
        Log.Failed(_logger, operation, response.Status, code);
        return new ServiceBusRestException(operation, response.Status, code, detail);
    }

    internal static ServiceBusReceivedMessage Parse(Response response)
    {
        var raw = response.Header("BrokerProperties")
            ?? throw new ServiceBusRestException("Service Bus answered a peek-lock without a BrokerProperties header.");
        using var properties = JsonDocument.Parse(raw);
        var root = properties.RootElement;
        var lockToken = Text(root, "LockToken") ?? throw new ServiceBusRestException("Service Bus answered a peek-lock without a LockToken.");
        return new ServiceBusReceivedMessage(
            Text(root, "MessageId") ?? string.Empty,
            lockToken,
            root.TryGetProperty("SequenceNumber", out var sequence) && sequence.TryGetInt64(out var s) ? s : 0,
            root.TryGetProperty("DeliveryCount", out var count) && count.TryGetInt32(out var c) ? c : 0,
            response.Content,
            response.Header("Content-Type"),
            Unquote(response.Header("DeadLetterReason")));
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Custom properties come back as headers holding JSON values (strings quoted).</summary>
    private static string? Unquote(string? value) =>
        value is { Length: >= 2 } && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static partial class Log
    {
        [LoggerMessage(8111, LogLevel.Information, "Locked dead-lettered message {MessageId} of queue {Queue} (delivery count {DeliveryCount})")]
        public static partial void Locked(ILogger logger, string messageId, string queue, int deliveryCount);

        [LoggerMessage(8112, LogLevel.Information, "Completed dead-lettered message {MessageId} of queue {Queue}")]
        public static partial void Completed(ILogger logger, string messageId, string queue);

        [LoggerMessage(8113, LogLevel.Warning, "Service Bus {Operation} failed: HTTP {Status}, error code {ErrorCode}")]
        public static partial void Failed(ILogger logger, string operation, int status, string? errorCode);
    }
}
