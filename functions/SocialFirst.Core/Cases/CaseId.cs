using System.Security.Cryptography;
using System.Text;

namespace SocialFirst.Core.Cases;

/// <summary>
/// Case ids: 10 characters of Crockford base32 (50 bits), short enough to read out to a customer ("your case
/// K3F9-QX2M7A"). Derived from the first mention's de-duplication key, so a crash-and-retry opens the same case again.
/// A collision with another case's id is resolved by hashing again with an attempt number.
/// </summary>
public static class CaseId
{
    public const int Length = 10;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Create(string firstMentionKey, int attempt = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(firstMentionKey);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var input = attempt == 0 ? firstMentionKey : $"{firstMentionKey}#{attempt}";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(input), hash);
        ulong bits = 0;
        for (var i = 0; i < 8; i++)
        {
            bits = (bits << 8) | hash[i];
        }

        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[(int)(bits >> (64 - (5 * (i + 1)))) & 31];
        }

        return new string(chars);
    }

    /// <summary>
    /// Reads an id as a person typed it: case-insensitive, hyphens and spaces ignored, and the Crockford look-alikes
    /// I/L → 1 and O → 0 accepted.
    /// </summary>
    public static bool TryNormalize(string? input, out string caseId)
    {
        caseId = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var sb = new StringBuilder(Length);
        foreach (var raw in input)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var other => other,
            };
            if (!Alphabet.Contains(c, StringComparison.Ordinal) || sb.Length == Length)
            {
                return false;
            }

            sb.Append(c);
        }

        if (sb.Length != Length)
        {
            return false;
        }

        caseId = sb.ToString();
        return true;
    }
}
