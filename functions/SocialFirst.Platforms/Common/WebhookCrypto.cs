using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SocialFirst.Platforms.Common;

/// <summary>
/// The primitives every signature scheme here is built from: HMAC-SHA256 over raw bytes, SHA-1 over sorted
/// parameters (WeChat, Weibo), hex and base64 decoding that never throws, and constant-time comparison.
/// </summary>
public static class WebhookCrypto
{
    /// <summary>HMAC-SHA256 of <paramref name="data"/> keyed with the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static byte[] HmacSha256(string secret, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
    }

    /// <summary>HMAC-SHA256 over <paramref name="prefix"/> followed by <paramref name="data"/>, without concatenating them.</summary>
    public static byte[] HmacSha256(string secret, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(secret);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(data);
        return hmac.GetHashAndReset();
    }

    /// <summary>
    /// The WeChat/Weibo scheme: sort the parts in ordinal (byte-wise dictionary) order, concatenate, SHA-1, lowercase hex.
    /// </summary>
    public static string SortedSha1Hex(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var sorted = (string[])parts.Clone();
        Array.Sort(sorted, StringComparer.Ordinal);
        return ToLowerHex(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted))));
    }

    /// <summary>
    /// Checks a hex SHA-1 signature against the sorted parts in constant time. False when the presented value is
    /// missing, not hex or not 20 bytes long.
    /// </summary>
    public static bool SortedSha1Matches(string? presentedHex, params string[] parts)
    {
        if (!TryDecodeHex(presentedHex, SHA1.HashSizeInBytes, out var presented))
        {
            return false;
        }

        var sorted = (string[])parts.Clone();
        Array.Sort(sorted, StringComparer.Ordinal);
        var expected = SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted)));
        return FixedTimeEquals(expected, presented);
    }

    /// <summary>Length-checked constant-time comparison (the length itself is not secret).</summary>
    public static bool FixedTimeEquals(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> presented) =>
        expected.Length == presented.Length && CryptographicOperations.FixedTimeEquals(expected, presented);

    /// <summary>
    /// Compares a configured secret (verify token) with a presented one without leaking where they differ or how
    /// long the configured one is: both sides are hashed first. An empty configured secret never matches.
    /// </summary>
    public static bool SecretEquals(string? configured, string? presented)
    {
        if (string.IsNullOrEmpty(configured) || presented is null)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(configured), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>Decodes hex (either case) of exactly <paramref name="expectedBytes"/> bytes; never throws.</summary>
    public static bool TryDecodeHex(string? hex, int expectedBytes, out byte[] bytes)
    {
        bytes = [];
        if (hex is null || hex.Length != expectedBytes * 2)
        {
            return false;
        }

        var buffer = new byte[expectedBytes];
        if (Convert.FromHexString(hex, buffer, out _, out var written) != OperationStatus.Done || written != expectedBytes)
        {
            return false;
        }

        bytes = buffer;
        return true;
    }

    /// <summary>Decodes standard base64 of exactly <paramref name="expectedBytes"/> bytes; never throws.</summary>
    public static bool TryDecodeBase64(string? base64, int expectedBytes, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(base64) || base64.Length > 4 * ((expectedBytes + 2) / 3))
        {
            return false;
        }

        var buffer = new byte[expectedBytes + 3];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written != expectedBytes)
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }

    public static string ToLowerHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>
    /// Splits <c>sha256=&lt;value&gt;</c> style header values. The algorithm prefix is matched case-insensitively and
    /// surrounding whitespace is ignored.
    /// </summary>
    public static bool TryStripPrefix(string? headerValue, string prefix, out string value)
    {
        value = string.Empty;
        if (headerValue is null)
        {
            return false;
        }

        var trimmed = headerValue.Trim();
        if (!trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        value = trimmed[prefix.Length..];
        return true;
    }
}
