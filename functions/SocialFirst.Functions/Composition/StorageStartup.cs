using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Escalation;
using SocialFirst.Azure.Language;
using SocialFirst.Azure.Storage;
using SocialFirst.Azure.Watch;

namespace SocialFirst.Functions.Composition;

/// <summary>
/// Creates missing queues, tables and containers at start (Azurite starts empty; in Azure they exist already).
/// A failure is logged, not fatal: webhooks then answer 503 and /api/health says what is down.
/// </summary>
public sealed partial class StorageStartup(StorageProvisioner provisioner, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await provisioner.EnsureCreatedAsync([TableEscalationOutbox.TableBaseName, TableClassifierBudget.TableBaseName, TablePlatformTokenStore.TableBaseName, .. TableCaseStore.TableBaseNames, .. TrendStorageServiceCollectionExtensions.TableBaseNames, TableCaseTextRetention.TableBaseName, TableCareDayStore.TableBaseName], cancellationToken);
        }
        // The SDK reports its own network timeout as a TaskCanceledException: only our caller's cancellation is not a failure.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ProvisioningFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(6001, LogLevel.Error, "Could not create storage queues/tables/containers at start; ingestion will answer 503 until storage answers")]
        public static partial void ProvisioningFailed(ILogger logger, Exception exception);
    }
}
