using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Azure.Cases;

/// <summary>
/// Partition and row keys of the case tables (docs/storage.md explains the design). Values from platforms are escaped or
/// hashed: Table keys forbid / \ # ? and control characters, and must stay under 1 KiB.
/// </summary>
internal static class TableKeys
{
    public const string CaseHeader = "case";
    public const string MentionPrefix = "m";
    public const string Profile = "profile";
    public const string AuthorCasePrefix = "c";
    public const string ByAgePrefix = "t";
    public const string ByUrgencyPrefix = "u";

    private const int MaxEncodedLength = 400;

    /// <summary>The lookup table: 256 partitions by the first byte of the hash, so no partition gets hot.</summary>
    public static (string PartitionKey, string RowKey) Lookup(char kind, string natural)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + natural)));
        return (hash[..2], kind + "-" + hash);
    }

    public static string Processed(string dedupKey) => dedupKey;

    public static string MentionObject(Platform platform, string objectId) => AuthorKeys.For(platform, objectId);

    public static string AuthorPointer(string brandId, Platform platform, string authorId) => brandId + "|" + AuthorKeys.For(platform, authorId);

    /// <summary>One partition per author: the profile row and one row per case they opened.</summary>
    public static string Author(Platform platform, string authorId) => platform.ToString().ToLowerInvariant() + "|" + Encode(authorId);

    public static string AuthorCase(DateTimeOffset openedAt, string caseId) => AuthorCasePrefix + Ticks(openedAt) + "_" + caseId;

    /// <summary>The brand index partition.</summary>
    public static string Brand(string brandId) => Encode(brandId);

    /// <summary>Every case of a brand, oldest first.</summary>
    public static string ByAge(Case c) => ByAgePrefix + Ticks(c.OpenedAt) + "_" + c.Id;

    public static string ByAgeFrom(DateTimeOffset since) => ByAgePrefix + Ticks(since);

    /// <summary>Open cases of a brand, most urgent first (inverted score, 4 decimals), then oldest first.</summary>
    public static string? ByUrgency(Case c)
    {
        if (!c.IsOpen)
        {
            return null;
        }

        var inverted = 10_000 - (int)Math.Round(Math.Clamp(c.Urgency, 0, 1) * 10_000);
        return ByUrgencyPrefix + inverted.ToString("D5", CultureInfo.InvariantCulture) + Ticks(c.OpenedAt) + "_" + c.Id;
    }

    /// <summary>True for strings we issued as case ids (Crockford upper case); anything else cannot name a case.</summary>
    public static bool IsCaseId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(ch => char.IsAsciiDigit(ch) || char.IsAsciiLetterUpper(ch));

    /// <summary>Escapes characters Table keys forbid as %XX; hashes values too long to be a key.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (ch is '/' or '\\' or '#' or '?' or '%' || char.IsControl(ch))
            {
                sb.Append('%').Append(((int)ch).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.Length <= MaxEncodedLength
            ? sb.ToString()
            : "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }

    private static string Ticks(DateTimeOffset at) => Math.Max(0, at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
