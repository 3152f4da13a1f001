using System.Text.Json;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Functions.Api;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.SlaWatch;

/// <summary>Timer, every minute: evaluates the SLA of every open case and escalates breaches (<see cref="SlaWatchService"/>).</summary>
public sealed class SlaWatchFunction(SlaWatchService watch) : IFunctionHandler
{
    public string Name => "SlaWatch";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var report = await watch.RunAsync(cancellationToken);
        return new InvocationResult().Log(JsonSerializer.Serialize(report, ApiJson.Options));
    }
}
