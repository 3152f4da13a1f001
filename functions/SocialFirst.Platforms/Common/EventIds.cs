using System.Security.Cryptography;
using System.Text;

namespace SocialFirst.Platforms.Common;

/// <summary>
/// Event ids for de-duplication. A mention's dedup key is platform + change + event id, so a create and a delete of
/// the same comment are different events already; edits need more, because one comment can be edited many times.
/// </summary>
public static class EventIds
{
    /// <summary>
    /// An edit's event id: the object id plus a short hash of the new text. A redelivery of the same edit carries the
    /// same text and gets the same id; a second edit with other text gets a new one. Edits that restore an earlier
    /// text collapse into the earlier event, which leaves the stored state the same.
    /// </summary>
    public static string ForEdit(string objectId, string text)
    {
        ArgumentNullException.ThrowIfNull(objectId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text ?? string.Empty), hash);
        return $"{objectId}~{Convert.ToHexStringLower(hash[..6])}";
    }
}
