using Microsoft.Extensions.Options;
using SocialFirst.Core.Ingestion;

namespace SocialFirst.Platforms.Generic;

/// <summary>
/// Our own webhook for social-listening tools and internal systems: no handshake, a timestamped HMAC signature
/// with a replay window, a documented JSON body. See docs/platforms/generic.md.
/// </summary>
public sealed class GenericWebhookAdapter : IWebhookAdapter
{
    private readonly IOptionsMonitor<GenericWebhookOptions> _options;
    private readonly TimeProvider _timeProvider;

    public GenericWebhookAdapter(IOptionsMonitor<GenericWebhookOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _timeProvider = timeProvider;
    }

    public string Name => "generic";

    /// <summary>The generic webhook has no subscription handshake.</summary>
    public WebhookResponse? TryHandshake(WebhookRequest request) => null;

    public SignatureCheck Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = _options.CurrentValue;
        if (string.IsNullOrEmpty(options.Secret))
        {
            return SignatureCheck.Invalid("not configured");
        }

        var (isValid, reason) = GenericWebhookSignature.Check(
            request.Header(GenericWebhookSignature.HeaderName),
            options.Secret,
            request.Body.Span,
            _timeProvider.GetUtcNow(),
            TimeSpan.FromSeconds(Math.Max(1, options.ReplayWindowSeconds)));
        return isValid ? SignatureCheck.Valid : SignatureCheck.Invalid(reason);
    }

    public ParsedDelivery Parse(WebhookRequest request, string rawDeliveryRef)
    {
        ArgumentNullException.ThrowIfNull(request);
        return GenericPayloadParser.Parse(request.Body, rawDeliveryRef);
    }
}
