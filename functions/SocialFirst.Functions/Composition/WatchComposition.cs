using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Watch;
using SocialFirst.Core.Watch.Application;
using SocialFirst.Functions.CareRollUp;
using SocialFirst.Functions.DeferredTriageWatch;
using SocialFirst.Functions.Hosting;
using SocialFirst.Functions.RetentionWatch;
using SocialFirst.Functions.SlaWatch;
using SocialFirst.Functions.TrendWatch;

namespace SocialFirst.Functions.Composition;

/// <summary>The watch layer: SLA, trend, retention, deferred-triage and care roll-up timers, metrics, influencers, erasure.</summary>
public static class WatchComposition
{
    public static IServiceCollection AddWatchFunctions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSocialFirstWatch();
        services.AddWatchStorage();
        services.AddInfluenceStorage();
        services.AddTrendWatch().AddTrendStorage();
        services.AddRetentionWatch();
        services.AddDeferredTriageWatch();
        services.AddCareRollUp();
        services.AddSingleton<IFunctionHandler, SlaWatchFunction>();
        services.AddSingleton<IFunctionHandler, TrendWatchFunction>();
        services.AddSingleton<IFunctionHandler, RetentionWatchFunction>();
        services.AddSingleton<IFunctionHandler, DeferredTriageWatchFunction>();
        services.AddSingleton<IFunctionHandler, CareRollUpFunction>();
        return services;
    }
}
