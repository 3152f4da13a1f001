using System.Text.Json;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Escalation;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Escalate;

/// <summary>Service Bus trigger on <c>escalations</c>. A non-2xx answer abandons the message, so Service Bus redelivers it.</summary>
public sealed class EscalateFunction(EscalationService escalation) : IFunctionHandler
{
    public string Name => "Escalate";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Data("escalation") ?? throw new InvalidDataException("Service Bus message has no body");
        var message = JsonSerializer.Deserialize<EscalationMessage>(body, StorageJson.Options)
            ?? throw new InvalidDataException("Service Bus message is empty");
        var (entry, created) = await escalation.HandleAsync(message, cancellationToken);
        return new InvocationResult().Log(JsonSerializer.Serialize(new
        {
            caseId = entry.CaseId,
            action = entry.Action,
            status = entry.Status.ToString(),
            created,
            messageId = request.Metadata("MessageId"),
            deliveryCount = request.MetadataNumber("DeliveryCount"),
        }));
    }
}
