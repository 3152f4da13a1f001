namespace SocialFirst.Functions.Diagnostics;

public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>The opt-in slow-call log (<c>Diagnostics:SlowCallLogMs</c>, default 0 = off).</summary>
    public static IServiceCollection AddSlowCallLog(this IServiceCollection services)
    {
        services.AddOptions<DiagnosticsOptions>().BindConfiguration(DiagnosticsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SlowAcknowledgementLog>();
        services.AddHostedService(sp => sp.GetRequiredService<SlowAcknowledgementLog>());
        return services;
    }
}
