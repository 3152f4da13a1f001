using System.Text.Json;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Triage;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Triage;

/// <summary>Queue trigger on <c>mentions</c>: classify, file into a case, score, route. Thin: the work is in <see cref="TriageService"/>.</summary>
public sealed class TriageFunction(TriageService triage) : IFunctionHandler
{
    public string Name => "Triage";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Data("mention");
        if (string.IsNullOrWhiteSpace(text))
        {
            // An empty message can never succeed; failing sends it to the poison queue where it stays visible.
            throw new InvalidDataException("queue message has no body");
        }

        var mention = StorageMentionQueue.Deserialize(text);
        var outcome = await triage.TriageAsync(mention, cancellationToken);
        var result = new InvocationResult
        {
            ReturnValue = null,
        };
        result.Log(JsonSerializer.Serialize(new
        {
            caseId = outcome.CaseId,
            brand = outcome.BrandId,
            duplicate = outcome.Duplicate,
            urgency = outcome.Urgency,
            urgent = outcome.Urgent,
            escalated = outcome.Escalated,
            decision = outcome.Decision,
            dequeueCount = request.MetadataNumber("DequeueCount"),
        }));
        return result;
    }
}
