using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Azure.Storage;

/// <summary>
/// The <c>mentions</c> storage queue. Messages are base64-encoded JSON, the encoding the Functions queue trigger expects
/// by default. A queue message holds at most 64 KiB (48 KiB of JSON before base64), so very long texts are cut here;
/// the full text stays in the raw delivery the mention refers to.
/// </summary>
public sealed class StorageMentionQueue : IMentionQueue
{
    /// <summary>Characters of text carried in a queue message; longer texts are truncated (the raw delivery keeps all).</summary>
    public const int MaxTextLength = 8_000;

    private readonly QueueClient _queue;

    public StorageMentionQueue(StorageClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _queue = clients.Queue(clients.Options.MentionsQueue);
    }

    public async Task EnqueueAsync(IReadOnlyList<Mention> mentions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        await Task.WhenAll(mentions.Select(m => SendAsync(Serialize(m), cancellationToken)));
    }

    public static string Serialize(Mention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var m = mention.Text.Length > MaxTextLength ? mention with { Text = mention.Text[..MaxTextLength] } : mention;
        return JsonSerializer.Serialize(m, StorageJson.Options);
    }

    public static Mention Deserialize(string json) =>
        JsonSerializer.Deserialize<Mention>(json, StorageJson.Options) ?? throw new JsonException("empty mention message");

    private async Task SendAsync(string body, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.SendMessageAsync(body, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await _queue.SendMessageAsync(body, cancellationToken);
        }
    }
}
