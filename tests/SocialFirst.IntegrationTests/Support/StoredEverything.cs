using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using SocialFirst.Azure.Storage;
using SocialFirst.Azure.Watch;

namespace SocialFirst.IntegrationTests.Support;

/// <summary>Reads back everything one test's app stored, to prove what is (not) there after erasure or retention.</summary>
internal static class StoredEverything
{
    /// <summary>
    /// Every string (keys included) of every entity in the tables with <paramref name="prefix"/>, of every archived
    /// delivery (body decoded) and of every trend watch state blob with the prefix.
    /// </summary>
    public static async Task<List<string>> ReadAsync(StorageClients storage, string prefix)
    {
        var all = new List<string>();
        await foreach (var table in storage.Tables.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
        {
            await foreach (var e in storage.Tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                all.Add($"{table.Name}|{e.PartitionKey}|{e.RowKey}|" + string.Join("|", e.Select(p => p.Key + "=" + Show(p.Value))) + Decoded(e));
            }
        }

        var container = storage.Blobs.GetBlobContainerClient(prefix + "-raw");
        await foreach (var blob in container.GetBlobsAsync())
        {
            var content = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content;
            using var doc = JsonDocument.Parse(content);
            var body = Encoding.UTF8.GetString(doc.RootElement.GetProperty("bodyBase64").GetBytesFromBase64());
            all.Add(blob.Name + "|" + content + "|" + body + "|" + JsonDocument.Parse(body).RootElement);
        }

        // Trend watch states: one blob per brand, named with the prefix.
        var states = storage.Blobs.GetBlobContainerClient("trend-state");
        if (await states.ExistsAsync())
        {
            await foreach (var blob in states.GetBlobsAsync(prefix: prefix))
            {
                all.Add("trend-state/" + blob.Name + "|" + (await states.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content);
            }
        }

        return all;
    }

    /// <summary>Binary properties as base64 (not "System.Byte[]"), so that nothing hides in them.</summary>
    private static string? Show(object? value) => value switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        BinaryData data => Convert.ToBase64String(data.ToArray()),
        _ => value?.ToString(),
    };

    /// <summary>A care roll-up row (binary chunks D00…): its document decompressed, or a note that it could not be.</summary>
    private static string Decoded(TableEntity e)
    {
        if (!e.ContainsKey("D00"))
        {
            return string.Empty;
        }

        try
        {
            return "|decoded=" + CareDayCodec.DecodeJson(TableCareDayStore.Bytes([e]));
        }
        catch (InvalidDataException)
        {
            return "|decoded=(part of a multi-part day)";
        }
    }

    /// <summary>The stored strings that contain <paramref name="needle"/>.</summary>
    public static string[] Hits(List<string> stored, string needle) => stored.Where(s => s.Contains(needle, StringComparison.Ordinal)).ToArray();
}
