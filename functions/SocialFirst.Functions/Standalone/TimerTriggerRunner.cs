using Microsoft.Extensions.Options;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Standalone;

/// <summary>Runs timer-triggered functions on the NCRONTAB schedules of their function.json, using the injected clock.</summary>
public sealed partial class TimerTriggerRunner(
    FunctionCatalog catalog,
    IEnumerable<IFunctionHandler> handlers,
    IOptions<StandaloneOptions> options,
    TimeProvider time,
    ILogger<TimerTriggerRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.DisableTriggers)
        {
            return Task.CompletedTask;
        }

        var byName = handlers.ToDictionary(h => h.Name, StringComparer.OrdinalIgnoreCase);
        return Task.WhenAll(catalog.Functions
            .Where(f => f.Kind == TriggerKind.Timer && byName.ContainsKey(f.Name))
            .Select(f => RunAsync(f, byName[f.Name], stoppingToken)));
    }

    private async Task RunAsync(FunctionDefinition function, IFunctionHandler handler, CancellationToken ct)
    {
        var schedule = CronSchedule.Parse(function.Trigger.Schedule ?? throw new InvalidOperationException($"{function.Name}: timer without schedule"));
        DateTimeOffset? last = null;
        if (function.Trigger.RunOnStartup)
        {
            last = await FireAsync(function, handler, schedule, last, ct);
        }

        while (!ct.IsCancellationRequested)
        {
            var next = schedule.Next(time.GetUtcNow());
            if (next is null)
            {
                return;
            }

            Log.Scheduled(logger, function.Name, next.Value);
            var wait = next.Value - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (ct.IsCancellationRequested)
            {
                return;
            }

            last = await FireAsync(function, handler, schedule, last, ct);
        }
    }

    private async Task<DateTimeOffset> FireAsync(FunctionDefinition function, IFunctionHandler handler, CronSchedule schedule, DateTimeOffset? last, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var next = schedule.Next(now) ?? now;
        var payload = HostPayloads.Timer(function.Trigger.Name, last, next, isPastDue: false, now, function.Name);
        var result = await InvocationEndpoints.InvokeCoreAsync(handler, InvocationRequest.Parse(payload.AsMemory()), logger, ct);
        Log.Fired(logger, function.Name, result is not null);
        return now;
    }

    private static partial class Log
    {
        [LoggerMessage(3101, LogLevel.Debug, "Timer {Function} next fires at {Next}")]
        public static partial void Scheduled(ILogger logger, string function, DateTimeOffset next);

        [LoggerMessage(3102, LogLevel.Information, "Timer {Function} fired (succeeded: {Succeeded})")]
        public static partial void Fired(ILogger logger, string function, bool succeeded);
    }
}
