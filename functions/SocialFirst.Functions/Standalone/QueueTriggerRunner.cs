using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.Storage;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Standalone;

/// <summary>
/// Drives queue- and Service Bus-triggered functions from Azurite queues with the host's semantics: at-least-once
/// delivery under a visibility lease, a failed invocation makes the message visible again, and after the configured
/// number of deliveries it moves to a poison (queue trigger) or dead-letter (Service Bus stand-in) queue. Nothing is dropped.
/// </summary>
public sealed partial class QueueTriggerRunner : BackgroundService
{
    private readonly FunctionCatalog _catalog;
    private readonly Dictionary<string, IFunctionHandler> _handlers;
    private readonly StorageClients _storage;
    private readonly StandaloneOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueTriggerRunner> _logger;

    public QueueTriggerRunner(
        FunctionCatalog catalog,
        IEnumerable<IFunctionHandler> handlers,
        StorageClients storage,
        IOptions<StandaloneOptions> options,
        TimeProvider time,
        ILogger<QueueTriggerRunner> logger)
    {
        _catalog = catalog;
        _handlers = handlers.ToDictionary(h => h.Name, StringComparer.OrdinalIgnoreCase);
        _storage = storage;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The queue a Service Bus stand-in moves messages to after MaxDeliveryCount (Azure: $deadletterqueue).</summary>
    public static string DeadLetterQueueName(string queue) => queue + "-deadletter";

    public static string PoisonQueueName(string queue) => queue + "-poison";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.DisableTriggers)
        {
            return Task.CompletedTask;
        }

        var pumps = _catalog.Functions
            .Where(f => f.Kind is TriggerKind.Queue or TriggerKind.ServiceBus && _handlers.ContainsKey(f.Name))
            .Select(f => PumpAsync(f, _handlers[f.Name], stoppingToken))
            .ToList();
        return Task.WhenAll(pumps);
    }

    private async Task PumpAsync(FunctionDefinition function, IFunctionHandler handler, CancellationToken ct)
    {
        var queueName = function.Trigger.QueueName ?? throw new InvalidOperationException($"{function.Name}: trigger has no queueName");
        var queue = _storage.Queue(queueName);
        var failureQueue = _storage.Queue(function.Kind == TriggerKind.ServiceBus ? DeadLetterQueueName(queueName) : PoisonQueueName(queueName));
        await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        await failureQueue.CreateIfNotExistsAsync(cancellationToken: ct);
        Log.Listening(_logger, function.Name, queueName);

        var idle = TimeSpan.FromMilliseconds(50);
        while (!ct.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(_options.BatchSize, TimeSpan.FromSeconds(_options.LeaseSeconds), ct)).Value;
            }
            catch (RequestFailedException ex)
            {
                Log.ReceiveFailed(_logger, function.Name, ex.Status);
                batch = [];
            }
            catch (Exception ex) when (ex is HttpRequestException or AggregateException or TimeoutException)
            {
                Log.ReceiveFailed(_logger, function.Name, 0);
                batch = [];
            }

            if (batch.Length == 0)
            {
                await Task.Delay(idle, _time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                idle = TimeSpan.FromMilliseconds(Math.Min(idle.TotalMilliseconds * 2, _options.MaxPollingIntervalMilliseconds));
                continue;
            }

            idle = TimeSpan.FromMilliseconds(50);
            await Task.WhenAll(batch.Select(m => ProcessAsync(function, handler, queue, failureQueue, m, ct)));
        }
    }

    private async Task ProcessAsync(FunctionDefinition function, IFunctionHandler handler, QueueClient queue, QueueClient failureQueue, QueueMessage message, CancellationToken ct)
    {
        var bindingName = function.Trigger.Name;
        var now = _time.GetUtcNow();
        byte[] payload;
        int maxDeliveries;
        if (function.Kind == TriggerKind.ServiceBus)
        {
            var (messageId, body) = Unwrap(message);
            payload = HostPayloads.ServiceBus(bindingName, body, messageId, message.DequeueCount, message.InsertedOn, now, function.Name);
            maxDeliveries = _options.MaxDeliveryCount;
        }
        else
        {
            payload = HostPayloads.Queue(bindingName, message, now, function.Name);
            maxDeliveries = _options.MaxDequeueCount;
        }

        var result = await InvocationEndpoints.InvokeCoreAsync(handler, InvocationRequest.Parse(payload.AsMemory()), _logger, ct);
        try
        {
            if (result is not null)
            {
                foreach (var line in result.Logs)
                {
                    Log.FunctionLog(_logger, function.Name, line);
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            }
            else if (message.DequeueCount >= maxDeliveries)
            {
                // Copy first, then delete: a crash in between leaves a duplicate, never a loss.
                await failureQueue.SendMessageAsync(message.Body, cancellationToken: ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                Log.MovedToFailureQueue(_logger, function.Name, message.MessageId, message.DequeueCount, failureQueue.Name);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(_options.RetryDelaySeconds), cancellationToken: ct);
                Log.WillRetry(_logger, function.Name, message.MessageId, message.DequeueCount, maxDeliveries);
            }
        }
        catch (RequestFailedException ex)
        {
            // Lease lost or storage hiccup: the message becomes visible again when its lease ends and is redelivered.
            Log.SettleFailed(_logger, function.Name, message.MessageId, ex.Status);
        }
    }

    private static (string MessageId, string Body) Unwrap(QueueMessage message)
    {
        var text = message.Body.ToString();
        try
        {
            var envelope = JsonSerializer.Deserialize<ServiceBusEnvelope>(text, StorageJson.Options);
            if (envelope is { MessageId.Length: > 0, Body: not null })
            {
                return (envelope.MessageId, envelope.Body);
            }
        }
        catch (JsonException)
        {
            // Not an envelope: a message put there by hand. Treat its text as the body.
        }

        return (message.MessageId, text);
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Information, "Standalone trigger for {Function} listening on queue {Queue}")]
        public static partial void Listening(ILogger logger, string function, string queue);

        [LoggerMessage(3002, LogLevel.Warning, "{Function} failed on message {MessageId} (delivery {Count} of {Max}); it will be retried")]
        public static partial void WillRetry(ILogger logger, string function, string messageId, long count, int max);

        [LoggerMessage(3003, LogLevel.Error, "{Function} gave up on message {MessageId} after {Count} deliveries; moved to {Queue}")]
        public static partial void MovedToFailureQueue(ILogger logger, string function, string messageId, long count, string queue);

        [LoggerMessage(3004, LogLevel.Warning, "{Function} could not receive messages (status {Status}); retrying")]
        public static partial void ReceiveFailed(ILogger logger, string function, int status);

        [LoggerMessage(3005, LogLevel.Warning, "{Function} could not settle message {MessageId} (status {Status}); it will be redelivered")]
        public static partial void SettleFailed(ILogger logger, string function, string messageId, int status);

        [LoggerMessage(3006, LogLevel.Information, "[{Function}] {Line}")]
        public static partial void FunctionLog(ILogger logger, string function, string line);
    }
}
