using System.Text.Json;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Functions.Api;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.CareRollUp;

/// <summary>Timer, daily at 03:10 UTC: rolls up the care facts of settled days that are not rolled up yet (<see cref="CareRollUpService"/>, docs/watch.md).</summary>
public sealed class CareRollUpFunction(CareRollUpService rollUp) : IFunctionHandler
{
    public string Name => "CareRollUp";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var report = await rollUp.RunAsync(cancellationToken);
        return new InvocationResult().Log(JsonSerializer.Serialize(report, ApiJson.Options));
    }
}
