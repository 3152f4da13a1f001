using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using SocialFirst.Azure.Http;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Azure.ServiceBus;

/// <summary>
/// Sends escalations to the Service Bus queue with the REST "Send Message" call:
/// <c>POST https://{namespace}/{queue}/messages</c>, body = the <see cref="EscalationMessage"/> as camelCase JSON,
/// <c>BrokerProperties: {"MessageId": "{case id}-L{level}", ...}</c>, success = 201. The queue's duplicate detection
/// drops a repeat of the same message id, so a redelivered triage message never escalates twice. Transient failures
/// (408/429/5xx, timeouts) are retried by the pipeline, honouring Retry-After; anything else throws
/// <see cref="ServiceBusRestException"/> so the caller's queue message is retried or dead-lettered.
/// </summary>
public sealed partial class ServiceBusRestSender : IEscalationSink
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _messagesUri;
    private readonly string _queue;
    private readonly ILogger<ServiceBusRestSender> _logger;

    public ServiceBusRestSender(ServiceBusOptions options, HttpPipeline pipeline, ILogger<ServiceBusRestSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(logger);
        _pipeline = pipeline;
        _queue = options.EscalationsQueue;
        _messagesUri = new Uri(ServiceBusPipeline.EntityUri(options).AbsoluteUri + "/messages");
        _logger = logger;
    }

    public async Task SendAsync(EscalationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var http = _pipeline.CreateMessage();
        var request = http.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(_messagesUri);
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        request.Headers.SetValue("BrokerProperties", BrokerProperties(message));
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(message, StorageJson.Options));

        await _pipeline.SendAsync(http, cancellationToken);
        var response = http.Response;
        if (response.Status == 201)
        {
            Log.Sent(_logger, message.MessageId, _queue);
            return;
        }

        var (code, detail) = RestErrors.Read(response);
        Log.SendFailed(_logger, message.MessageId, _queue, response.Status, code);
        throw new ServiceBusRestException($"send to queue '{_queue}'", response.Status, code, detail);
    }

    /// <summary>
    /// The broker properties: MessageId for duplicate detection, CorrelationId = case id, Label names the level.
    /// ContentType is taken by Service Bus from the Content-Type header.
    /// </summary>
    internal static string BrokerProperties(EscalationMessage message) =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["MessageId"] = message.MessageId,
            ["CorrelationId"] = message.CaseId,
            ["Label"] = "escalation-L" + message.Level.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static partial class Log
    {
        [LoggerMessage(8101, LogLevel.Information, "Escalation {MessageId} sent to Service Bus queue {Queue}")]
        public static partial void Sent(ILogger logger, string messageId, string queue);

        [LoggerMessage(8102, LogLevel.Warning, "Escalation {MessageId} could not be sent to Service Bus queue {Queue}: HTTP {Status}, error code {ErrorCode}")]
        public static partial void SendFailed(ILogger logger, string messageId, string queue, int status, string? errorCode);
    }
}
