using System.Security.Cryptography;
using System.Text;

namespace SocialFirst.Platforms.Tests.TestSupport;

/// <summary>Test-side signing, written independently of the production helpers.</summary>
internal static class Sign
{
    public static string MetaHeader(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static string XHeader(string secret, byte[] body) =>
        "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static string SortedSha1(params string[] parts) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts.Order(StringComparer.Ordinal)))));
}
