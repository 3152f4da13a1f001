using System.Text.Json;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Functions.Api;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.DeferredTriageWatch;

/// <summary>Timer, every 5 minutes: escalates cases that quiet hours deferred, once the window is over (<see cref="DeferredTriageService"/>).</summary>
public sealed class DeferredTriageWatchFunction(DeferredTriageService watch) : IFunctionHandler
{
    public string Name => "DeferredTriageWatch";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var report = await watch.RunAsync(cancellationToken);
        return new InvocationResult().Log(JsonSerializer.Serialize(report, ApiJson.Options));
    }
}
