using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Azure.Storage;

/// <summary>
/// Standalone stand-in for the Service Bus <c>escalations</c> queue: an Azurite queue of the same name whose messages
/// carry the same body and message id (<see cref="ServiceBusEnvelope"/>). Service Bus duplicate detection is imitated
/// with a table of sent message ids.
/// </summary>
public sealed class StorageQueueEscalationSink : IEscalationSink
{
    public const string SentTableBaseName = "escalationsent";

    private readonly QueueClient _queue;
    private readonly TableClient _sent;

    public StorageQueueEscalationSink(StorageClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _queue = clients.Queue(clients.Options.EscalationsQueue);
        _sent = clients.Table(SentTableBaseName);
    }

    public async Task SendAsync(EscalationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = TableIngestLedger.Keys(message.MessageId);
        var seen = await _sent.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, ["PartitionKey"], cancellationToken);
        if (seen.HasValue)
        {
            return;
        }

        var body = JsonSerializer.Serialize(message, StorageJson.Options);
        var envelope = JsonSerializer.Serialize(new ServiceBusEnvelope(message.MessageId, body), StorageJson.Options);
        try
        {
            await _queue.SendMessageAsync(envelope, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await _queue.SendMessageAsync(envelope, cancellationToken);
        }

        await _sent.UpsertEntityAsync(new TableEntity(key.PartitionKey, key.RowKey) { ["MessageId"] = message.MessageId }, TableUpdateMode.Replace, cancellationToken);
    }
}

/// <summary>How a Service Bus message (id + body) travels through a storage queue in standalone mode.</summary>
public sealed record ServiceBusEnvelope(string MessageId, string Body);
