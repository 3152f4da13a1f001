using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.Generic;

/// <summary>
/// <c>X-SocialFirst-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;." + raw body)&gt;</c>.
/// Senders use <see cref="Create"/>; the adapter uses <see cref="Check"/>.
/// </summary>
public static class GenericWebhookSignature
{
    public const string HeaderName = "X-SocialFirst-Signature";

    /// <summary>At most this many v1 values are looked at (a sender rotating secrets sends two).</summary>
    private const int MaxSignatures = 4;

    /// <summary>The header value for <paramref name="body"/> signed at <paramref name="timestamp"/>.</summary>
    public static string Create(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={WebhookCrypto.ToLowerHex(Compute(secret, t, body))}";
    }

    /// <summary>Checks a header value against the body, the secret and the replay window around <paramref name="now"/>.</summary>
    public static (bool IsValid, string Reason) Check(string? header, string secret, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan replayWindow)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return (false, $"missing {HeaderName} header");
        }

        string? t = null;
        var signatures = new List<string>(2);
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return (false, $"{HeaderName} is not a list of key=value pairs");
            }

            var key = part[..equals];
            var value = part[(equals + 1)..];
            if (key == "t")
            {
                if (t is not null)
                {
                    return (false, $"{HeaderName} has more than one t=");
                }

                t = value;
            }
            else if (key == "v1" && signatures.Count < MaxSignatures)
            {
                signatures.Add(value);
            }

            // Other keys (a future v2) are ignored.
        }

        if (t is null || t.Length is 0 or > 12 || !t.All(char.IsAsciiDigit))
        {
            return (false, $"{HeaderName} needs t=<unix seconds>");
        }

        if (signatures.Count == 0)
        {
            return (false, $"{HeaderName} needs v1=<hex>");
        }

        var signedAt = long.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture);
        if (Math.Abs(now.ToUnixTimeSeconds() - signedAt) > (long)replayWindow.TotalSeconds)
        {
            return (false, "timestamp is outside the replay window");
        }

        var expected = Compute(secret, t, body);
        var matches = false;
        var wellFormed = false;
        foreach (var signature in signatures)
        {
            if (WebhookCrypto.TryDecodeHex(signature, HMACSHA256.HashSizeInBytes, out var presented))
            {
                wellFormed = true;
                matches |= WebhookCrypto.FixedTimeEquals(expected, presented);
            }
        }

        if (!wellFormed)
        {
            return (false, "v1 is not 32 bytes of hex");
        }

        return matches ? (true, "ok") : (false, "signature does not match");
    }

    private static byte[] Compute(string secret, string t, ReadOnlySpan<byte> body) =>
        WebhookCrypto.HmacSha256(secret, Encoding.ASCII.GetBytes(t + "."), body);
}
