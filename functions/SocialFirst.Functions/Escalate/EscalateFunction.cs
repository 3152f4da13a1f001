using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SocialFirst.Core.Escalation;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Escalate;

/// <summary>
/// Service Bus trigger on <c>escalations</c>: parses the message and hands it to <see cref="EscalationService"/>.
/// An unreadable body is recorded in the poison table and completed (retrying cannot fix it). When the service throws
/// (the platform said "later", another delivery is sending), the invocation fails: a custom handler can only abandon by
/// answering non-2xx, and Service Bus then redelivers the message (and dead-letters it after MaxDeliveryCount).
/// </summary>
public sealed class EscalateFunction(EscalationService escalation, IEscalationPoisonStore poison, TimeProvider time) : IFunctionHandler
{
    public string Name => "Escalate";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messageId = request.Metadata("MessageId");
        var deliveryCount = request.MetadataNumber("DeliveryCount");
        var body = request.Data("escalation");
        if (!EscalationMessageJson.TryParse(body, out var message, out var error))
        {
            var key = messageId is { Length: > 0 } ? messageId : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body ?? string.Empty)))[..32];
            await poison.RecordAsync(new EscalationPoison(key, null, error, EscalationPoison.Cut(body), time.GetUtcNow()), cancellationToken);
            return new InvocationResult().Log(JsonSerializer.Serialize(new { status = "poisoned", reason = error, messageId, deliveryCount }));
        }

        var result = await escalation.HandleAsync(message, cancellationToken);
        return new InvocationResult().Log(JsonSerializer.Serialize(new
        {
            caseId = result.CaseId,
            action = result.Action,
            status = result.Status?.ToString() ?? "poisoned",
            created = result.Created,
            note = result.Note,
            messageId,
            deliveryCount,
        }));
    }
}
