using System.Text.Json;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Functions.Api;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.TrendWatch;

/// <summary>Timer, every 5 minutes: counts new trend observations, evaluates complete windows, opens/closes incidents and alerts (<see cref="TrendWatchService"/>).</summary>
public sealed class TrendWatchFunction(TrendWatchService watch) : IFunctionHandler
{
    public string Name => "TrendWatch";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var report = await watch.RunAsync(cancellationToken);
        return new InvocationResult().Log(JsonSerializer.Serialize(report, ApiJson.Options));
    }
}
