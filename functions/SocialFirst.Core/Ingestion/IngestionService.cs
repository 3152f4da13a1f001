using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Ingestion;

/// <summary>
/// The ingestion use case: verify a delivery, keep it, queue its mentions, and only then acknowledge it.
/// Anything the platform must not retry (bad signature, malformed body, unknown events) is answered 4xx/200;
/// anything it should retry (storage down) is answered 503 so nothing acknowledged is ever lost.
/// </summary>
public sealed partial class IngestionService
{
    private readonly Dictionary<string, IWebhookAdapter> _adapters;
    private readonly IRawDeliveryArchive _archive;
    private readonly IMentionQueue _queue;
    private readonly IIngestLedger _ledger;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<IngestionOptions> _options;
    private readonly ILogger<IngestionService> _logger;
    private readonly IngestionTelemetry _telemetry;

    public IngestionService(
        IEnumerable<IWebhookAdapter> adapters,
        IRawDeliveryArchive archive,
        IMentionQueue queue,
        IIngestLedger ledger,
        TimeProvider time,
        IOptionsMonitor<IngestionOptions> options,
        ILogger<IngestionService> logger,
        IngestionTelemetry? telemetry = null)
    {
        _adapters = adapters.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
        _archive = archive;
        _queue = queue;
        _ledger = ledger;
        _time = time;
        _options = options;
        _logger = logger;
        _telemetry = telemetry ?? new IngestionTelemetry();
    }

    public IReadOnlyCollection<string> Platforms => _adapters.Keys;

    public int MaxBodyBytes => _options.CurrentValue.MaxBodyBytes;

    public async Task<WebhookResponse> HandleAsync(string platform, WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_adapters.TryGetValue(platform, out var adapter))
        {
            return WebhookResponse.Error(404, $"unknown platform '{platform}'");
        }

        if (request.Body.Length > MaxBodyBytes)
        {
            Log.BodyTooLarge(_logger, adapter.Name, request.Body.Length);
            return WebhookResponse.Error(413, $"body larger than {MaxBodyBytes} bytes");
        }

        var handshake = adapter.TryHandshake(request);
        if (handshake is not null)
        {
            Log.Handshake(_logger, adapter.Name, handshake.StatusCode);
            return handshake;
        }

        if (request.IsGet)
        {
            return WebhookResponse.Error(400, "GET is only for the subscription handshake");
        }

        SignatureCheck check;
        using (_telemetry.StartStep(IngestionStep.Verify))
        {
            check = adapter.Verify(request);
        }

        if (!check.IsValid)
        {
            Log.SignatureRejected(_logger, adapter.Name, check.Reason, request.Body.Length);
            return WebhookResponse.Error(401, "signature check failed");
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(_options.CurrentValue.AcknowledgeWithinSeconds), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await StoreAndQueueAsync(adapter, request, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.TooSlow(_logger, adapter.Name, _options.CurrentValue.AcknowledgeWithinSeconds);
            return WebhookResponse.Error(503, "storage too slow, please retry");
        }
    }

    private async Task<WebhookResponse> StoreAndQueueAsync(IWebhookAdapter adapter, WebhookRequest request, CancellationToken cancellationToken)
    {
        var delivery = new RawDelivery(
            Guid.CreateVersion7(_time.GetUtcNow()).ToString("N"),
            adapter.Name,
            _time.GetUtcNow(),
            request.Query,
            request.Headers,
            request.Body);

        ParsedDelivery parsed;
        try
        {
            using var step = _telemetry.StartStep(IngestionStep.Parse);
            try
            {
                parsed = adapter.Parse(request, RawDeliveryReference.For(delivery));
            }
            catch (MalformedPayloadException ex)
            {
                step.Fail(ex);
                throw;
            }
        }
        catch (MalformedPayloadException ex)
        {
            return await RejectAsync(adapter, delivery, ex.Message, cancellationToken);
        }

        // The ledger lookup does not depend on the archive, so both run at once; queueing waits for both.
        var mentions = parsed.Mentions.Select(m => m with { RawDeliveryRef = RawDeliveryReference.For(delivery) }).ToList();
        if (mentions.Count > 0)
        {
            IngestionTelemetry.TagDeliveryKey(mentions[0].DedupKey);
        }

        var freshTask = DropAlreadyQueuedAsync(mentions, cancellationToken);
        string rawRef;
        try
        {
            rawRef = await StepAsync(IngestionStep.Archive, ct => _archive.SaveAsync(delivery, RawDeliveryDisposition.Accepted, ct), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await freshTask;
            Log.StorageUnavailable(_logger, adapter.Name, "archive", ex);
            return WebhookResponse.Error(503, "storage unavailable, please retry");
        }

        var fresh = await freshTask;
        if (fresh.Count > 0)
        {
            try
            {
                await StepAsync(IngestionStep.Enqueue, ct => _queue.EnqueueAsync(fresh, ct), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.StorageUnavailable(_logger, adapter.Name, "queue", ex);
                return WebhookResponse.Error(503, "queue unavailable, please retry");
            }

            await MarkQueuedAsync(fresh, cancellationToken);
        }

        Log.Accepted(_logger, adapter.Name, rawRef, mentions.Count, fresh.Count, parsed.Skipped.Count, parsed.Unknown.Count);
        return WebhookResponse.Ok(parsed.AcknowledgementBody);
    }

    /// <summary>
    /// Re-ingests an archived, accepted delivery through the same parsing, without checking its signature again (it was
    /// checked when it arrived; timestamps in it may be outside replay windows by now) and without archiving it again.
    /// Mentions already queued are skipped, so a replay never creates duplicates.
    /// </summary>
    public async Task<ReplayOutcome> ReplayAsync(RawDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!_adapters.TryGetValue(delivery.Platform, out var adapter))
        {
            return new ReplayOutcome(delivery.Id, 0, 0, $"unknown platform '{delivery.Platform}'");
        }

        var request = new WebhookRequest("POST", delivery.Query, delivery.Headers, delivery.Body);
        var rawRef = RawDeliveryReference.For(delivery);
        ParsedDelivery parsed;
        try
        {
            parsed = adapter.Parse(request, rawRef);
        }
        catch (MalformedPayloadException ex)
        {
            return new ReplayOutcome(delivery.Id, 0, 0, ex.Message);
        }

        var mentions = parsed.Mentions.Select(m => m with { RawDeliveryRef = rawRef }).ToList();
        var fresh = await DropAlreadyQueuedAsync(mentions, cancellationToken);
        if (fresh.Count > 0)
        {
            await _queue.EnqueueAsync(fresh, cancellationToken);
            await MarkQueuedAsync(fresh, cancellationToken);
        }

        Log.Replayed(_logger, adapter.Name, rawRef, mentions.Count, fresh.Count);
        return new ReplayOutcome(delivery.Id, mentions.Count, fresh.Count, null);
    }

    private async Task<WebhookResponse> RejectAsync(IWebhookAdapter adapter, RawDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await StepAsync(IngestionStep.Archive, ct => _archive.SaveAsync(delivery, RawDeliveryDisposition.Rejected, ct), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The platform would only send the same malformed body again; answer 503 so that it does, and we keep it next time.
            Log.StorageUnavailable(_logger, adapter.Name, "rejected-archive", ex);
            return WebhookResponse.Error(503, "storage unavailable, please retry");
        }

        Log.Malformed(_logger, adapter.Name, reason);
        return WebhookResponse.Error(400, reason);
    }

    private async Task<List<Mention>> DropAlreadyQueuedAsync(List<Mention> mentions, CancellationToken cancellationToken)
    {
        // The same event twice in one delivery is queued once.
        var distinct = mentions.DistinctBy(m => m.DedupKey).ToList();
        if (distinct.Count == 0)
        {
            return distinct;
        }

        try
        {
            var queued = await StepAsync(IngestionStep.LedgerRead, ct => _ledger.FindQueuedAsync(distinct.Select(m => m.DedupKey).ToList(), ct), cancellationToken);
            return distinct.Where(m => !queued.Contains(m.DedupKey)).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The ledger is an optimisation; triage is idempotent, so queue everything.
            Log.LedgerUnavailable(_logger, ex);
            return distinct;
        }
    }

    private async Task MarkQueuedAsync(List<Mention> fresh, CancellationToken cancellationToken)
    {
        try
        {
            await StepAsync(IngestionStep.LedgerWrite, ct => _ledger.MarkQueuedAsync(fresh.Select(m => m.DedupKey).ToList(), ct), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LedgerUnavailable(_logger, ex);
        }
    }

    /// <summary>Runs one storage step inside its span and timer; a failure marks the step and propagates unchanged.</summary>
    private async Task<T> StepAsync<T>(IngestionStep name, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        using var step = _telemetry.StartStep(name);
        try
        {
            return await action(cancellationToken);
        }
        catch (Exception ex)
        {
            step.Fail(ex);
            throw;
        }
    }

    private async Task StepAsync(IngestionStep name, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        using var step = _telemetry.StartStep(name);
        try
        {
            await action(cancellationToken);
        }
        catch (Exception ex)
        {
            step.Fail(ex);
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Information, "Accepted {Platform} delivery {RawRef}: {Mentions} mentions, {Queued} queued, {Skipped} skipped, {Unknown} unknown")]
        public static partial void Accepted(ILogger logger, string platform, string rawRef, int mentions, int queued, int skipped, int unknown);

        [LoggerMessage(1002, LogLevel.Warning, "Rejected {Platform} delivery: {Reason} ({Bytes} bytes)")]
        public static partial void SignatureRejected(ILogger logger, string platform, string reason, int bytes);

        [LoggerMessage(1003, LogLevel.Warning, "Malformed {Platform} delivery kept in the rejected archive: {Reason}")]
        public static partial void Malformed(ILogger logger, string platform, string reason);

        [LoggerMessage(1004, LogLevel.Error, "Storage unavailable for {Platform} delivery at step {Step}; answering 503 so the platform retries")]
        public static partial void StorageUnavailable(ILogger logger, string platform, string step, Exception exception);

        [LoggerMessage(1005, LogLevel.Warning, "Ingest ledger unavailable; relying on idempotent triage")]
        public static partial void LedgerUnavailable(ILogger logger, Exception exception);

        [LoggerMessage(1006, LogLevel.Warning, "{Platform} delivery of {Bytes} bytes is over the size limit")]
        public static partial void BodyTooLarge(ILogger logger, string platform, int bytes);

        [LoggerMessage(1007, LogLevel.Information, "{Platform} handshake answered {Status}")]
        public static partial void Handshake(ILogger logger, string platform, int status);

        [LoggerMessage(1009, LogLevel.Error, "{Platform} delivery not stored within {Seconds} s; answering 503 so the platform retries")]
        public static partial void TooSlow(ILogger logger, string platform, double seconds);

        [LoggerMessage(1008, LogLevel.Information, "Replayed {Platform} delivery {RawRef}: {Mentions} mentions, {Queued} queued again")]
        public static partial void Replayed(ILogger logger, string platform, string rawRef, int mentions, int queued);
    }
}
