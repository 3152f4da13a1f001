using System.Text.Json;
using SocialFirst.Core.Escalation;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.DeadLetterDrain;

/// <summary>
/// Timer (every 5 minutes): records the escalations that gave up (Service Bus <c>$deadletterqueue</c> in Azure, the
/// <c>-deadletter</c> stand-in queue standalone) into their cases as NeedsHuman, with an alert.
/// </summary>
public sealed class DeadLetterDrainFunction(DeadLetterDrainService drain) : IFunctionHandler
{
    public string Name => "DeadLetterDrain";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var result = await drain.DrainAsync(cancellationToken);
        return new InvocationResult().Log(JsonSerializer.Serialize(new { drained = result.Drained, poisoned = result.Poisoned, failed = result.Failed }));
    }
}
