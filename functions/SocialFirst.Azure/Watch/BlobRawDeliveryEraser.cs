using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Azure.Watch;

/// <summary>
/// Deletes archived raw deliveries (accepted and rejected) that contain an author's identifiers. The archive has no
/// index by author, so this downloads every blob in the container: cost and time grow with the archive (about one
/// read per delivery ever kept; a lifecycle rule that deletes old deliveries bounds it). A per-author index written at
/// ingestion (author → blob names) would make it a handful of reads. The whole delivery is deleted, since its bytes
/// (and signature) cannot be edited; other authors' mentions in the same delivery lose their raw copy, not their cases.
/// </summary>
public sealed class BlobRawDeliveryEraser(StorageClients clients) : IRawDeliveryEraser
{
    private readonly BlobContainerClient _container = RawDeliveryBlobs.Container(clients);

    public async Task<(int Scanned, int Deleted)> EraseAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        if (identifiers.Count == 0 || !await _container.ExistsAsync(cancellationToken))
        {
            return (0, 0);
        }

        var matcher = AuthorErasureService.Matcher(identifiers);
        int scanned = 0, deleted = 0;
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
        {
            scanned++;
            var blob = _container.GetBlobClient(item.Name);
            BinaryData content;
            try
            {
                content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                continue;
            }

            if (matcher.IsMatch(Readable(content)))
            {
                await RawDeliveryBlobs.DeleteAsync(_container, item.Name, cancellationToken);
                deleted++;
            }
        }

        return (scanned, deleted);
    }

    /// <summary>The stored document plus its base64 body decoded (and its JSON string escapes read), as text to search.</summary>
    internal static string Readable(BinaryData content)
    {
        var text = content.ToString();
        try
        {
            using var doc = JsonDocument.Parse(content);
            if (doc.RootElement.TryGetProperty("bodyBase64", out var body) && body.ValueKind == JsonValueKind.String && body.TryGetBytesFromBase64(out var bytes))
            {
                var raw = Encoding.UTF8.GetString(bytes);
                return text + "\n" + raw + "\n" + Unescaped(raw);
            }
        }
        catch (JsonException)
        {
            // Not our document shape: search it as it is.
        }

        return text;
    }

    /// <summary>A JSON body's strings with their escapes resolved (Meta sends non-ASCII as \uXXXX).</summary>
    private static string Unescaped(string raw)
    {
        try
        {
            using var doc = JsonDocument.Parse(raw);
            var sb = new StringBuilder();
            Collect(doc.RootElement, sb);
            return sb.ToString();
        }
        catch (JsonException)
        {
            return string.Empty; // XML (WeChat) or form bodies are searched as they are.
        }
    }

    private static void Collect(JsonElement e, StringBuilder sb)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    Collect(p.Value, sb);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Collect(item, sb);
                }

                break;
            case JsonValueKind.String:
                sb.Append(e.GetString()).Append('\n');
                break;
            default:
                sb.Append(e.GetRawText()).Append('\n');
                break;
        }
    }
}
