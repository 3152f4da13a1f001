using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.Http;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Azure.Escalation;

/// <summary>
/// POSTs each alert as JSON to the brand's webhook: safety alerts to <c>Escalation:Brands:&lt;id&gt;:SafetyAlertWebhook</c>,
/// the others to <c>AlertWebhook</c> (falling back to the safety webhook). A brand without a webhook is skipped (the
/// logging sink still has it). A non-2xx answer or a network failure throws, so the escalation is retried; the
/// <c>Idempotency-Key</c> header (and the body's <c>idempotencyKey</c>) let the receiver drop repeats. The URL is
/// never logged (webhook URLs often carry a token).
/// </summary>
public sealed partial class WebhookAlertSink : IAlertSink
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly IOptionsMonitor<EscalationOptions> _options;
    private readonly HttpPipeline _pipeline;
    private readonly ILogger<WebhookAlertSink> _logger;

    public WebhookAlertSink(IOptionsMonitor<EscalationOptions> options, ILogger<WebhookAlertSink> logger, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        // One retry for network failures and 408/429/5xx; then the escalation's own redelivery takes over.
        var clientOptions = AzureRestClientOptions.Create(1, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), transport);
        clientOptions.Diagnostics.IsLoggingEnabled = false;
        _pipeline = HttpPipelineBuilder.Build(clientOptions);
    }

    /// <summary>The webhook for <paramref name="alert"/>, or null when its brand has none.</summary>
    public string? WebhookFor(EscalationAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!_options.CurrentValue.Brands.TryGetValue(alert.BrandId, out var brand))
        {
            return null;
        }

        // Safety goes to the safety contact, and so does a trend incident about safety (a defect hurting people).
        var safety = alert.Kind == AlertKind.Safety || (alert.Kind == AlertKind.Trend && alert.Categories.Contains(CareCategory.Safety, StringComparer.Ordinal));
        var url = safety ? brand.SafetyAlertWebhook ?? brand.AlertWebhook : brand.AlertWebhook ?? brand.SafetyAlertWebhook;
        return string.IsNullOrWhiteSpace(url) ? null : url;
    }

    public async Task AlertAsync(EscalationAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (WebhookFor(alert) is not { } url)
        {
            return;
        }

        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri(url));
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Idempotency-Key", alert.IdempotencyKey);
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(alert, Json));
        await _pipeline.SendAsync(message, cancellationToken);
        var status = message.Response.Status;
        if (status is < 200 or > 299)
        {
            Log.Failed(_logger, alert.Kind, alert.BrandId, alert.CaseId, status);
            throw new AlertDeliveryException($"the {alert.Kind} alert webhook of brand '{alert.BrandId}' answered HTTP {status}");
        }

        Log.Delivered(_logger, alert.Kind, alert.BrandId, alert.CaseId);
    }

    private static partial class Log
    {
        [LoggerMessage(4401, LogLevel.Information, "{Kind} alert for case {CaseId} delivered to the webhook of brand {BrandId}")]
        public static partial void Delivered(ILogger logger, AlertKind kind, string brandId, string caseId);

        [LoggerMessage(4402, LogLevel.Warning, "{Kind} alert for case {CaseId}: the webhook of brand {BrandId} answered HTTP {Status}; the escalation will be retried")]
        public static partial void Failed(ILogger logger, AlertKind kind, string brandId, string caseId, int status);
    }
}

/// <summary>An alert webhook refused the alert or could not be reached after retries.</summary>
public sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException()
    {
    }

    public AlertDeliveryException(string message)
        : base(message)
    {
    }

    public AlertDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
