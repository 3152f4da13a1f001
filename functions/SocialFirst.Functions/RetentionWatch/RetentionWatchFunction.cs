using System.Text.Json;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Functions.Api;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.RetentionWatch;

/// <summary>Timer, daily at 02:30 UTC: deletes old raw deliveries and strips old case texts (<see cref="RetentionService"/>, docs/retention.md).</summary>
public sealed class RetentionWatchFunction(RetentionService retention) : IFunctionHandler
{
    public string Name => "RetentionWatch";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var report = await retention.RunAsync(cancellationToken);
        return new InvocationResult().Log(JsonSerializer.Serialize(report, ApiJson.Options));
    }
}
