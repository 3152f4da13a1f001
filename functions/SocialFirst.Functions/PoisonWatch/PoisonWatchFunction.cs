using System.Globalization;
using SocialFirst.Azure.Storage;
using SocialFirst.Functions.Hosting;
using SocialFirst.Functions.Standalone;

namespace SocialFirst.Functions.PoisonWatch;

/// <summary>
/// Timer: counts messages that gave up (the <c>mentions-poison</c> queue) and warns when there are any, so a failing
/// payload is noticed and replayed instead of sitting there unseen.
/// </summary>
public sealed partial class PoisonWatchFunction(StorageClients storage, ILogger<PoisonWatchFunction> logger) : IFunctionHandler
{
    public string Name => "PoisonWatch";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var queue = QueueTriggerRunner.PoisonQueueName(storage.Options.MentionsQueue);
        var client = storage.Queue(queue);
        var count = 0;
        if (await client.ExistsAsync(cancellationToken))
        {
            var properties = await client.GetPropertiesAsync(cancellationToken);
            count = properties.Value.ApproximateMessagesCount;
        }

        if (count > 0)
        {
            Log.PoisonMessages(logger, count, queue);
        }

        return new InvocationResult().Log(string.Create(CultureInfo.InvariantCulture, $"{{\"poisonQueue\":\"{queue}\",\"messages\":{count}}}"));
    }

    private static partial class Log
    {
        [LoggerMessage(5001, LogLevel.Warning, "{Count} messages are waiting in {Queue}; inspect and replay them")]
        public static partial void PoisonMessages(ILogger logger, int count, string queue);
    }
}
