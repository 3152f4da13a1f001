using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.WeChat;

/// <summary>
/// WeChat's message encryption (消息加解密, safe/compatible mode), both directions.
/// Key = Base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC with IV = key[0..16]; plaintext =
/// 16 random bytes + 4-byte big-endian length + message (UTF-8) + AppID, padded with PKCS#7 over a 32-byte block
/// (so the pad can be 17..32, which .NET's PaddingMode.PKCS7 rejects: padding is done by hand).
/// <c>msg_signature</c> = SHA-1 of the sorted [token, timestamp, nonce, Encrypt].
/// </summary>
public sealed class WeChatMessageCrypto
{
    /// <summary>Tencent's PKCS7Encoder block size.</summary>
    public const int PadBlockSize = 32;

    private const int RandomLength = 16;
    private const int HeaderLength = RandomLength + 4;

    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _appId;

    public WeChatMessageCrypto(string token, string encodingAesKey, string appId)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        if (!TryDecodeKey(encodingAesKey, out var key))
        {
            throw new ArgumentException("EncodingAESKey must be 43 base64 characters.", nameof(encodingAesKey));
        }

        _token = token;
        _key = key;
        _appId = Encoding.UTF8.GetBytes(appId);
    }

    /// <summary>Creates the crypto when all three settings are present and the key is well-formed.</summary>
    public static bool TryCreate(string? token, string? encodingAesKey, string? appId, out WeChatMessageCrypto? crypto)
    {
        crypto = null;
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(appId) || !TryDecodeKey(encodingAesKey, out _))
        {
            return false;
        }

        crypto = new WeChatMessageCrypto(token, encodingAesKey!, appId);
        return true;
    }

    /// <summary>The <c>msg_signature</c> / <c>MsgSignature</c> for an encrypted message.</summary>
    public string Signature(string timestamp, string nonce, string encrypted) =>
        WebhookCrypto.SortedSha1Hex(_token, timestamp, nonce, encrypted);

    /// <summary>Constant-time check of a presented <c>msg_signature</c>.</summary>
    public bool SignatureMatches(string? msgSignature, string timestamp, string nonce, string encrypted) =>
        WebhookCrypto.SortedSha1Matches(msgSignature, _token, timestamp, nonce, encrypted);

    /// <summary>
    /// Decrypts an <c>Encrypt</c> value and checks that it was made for our AppID. The reason names the failed rule
    /// only (never key material or plaintext).
    /// </summary>
    public bool TryDecrypt(string? encrypted, out string message, out string reason)
    {
        message = string.Empty;
        if (string.IsNullOrEmpty(encrypted))
        {
            reason = "Encrypt is empty";
            return false;
        }

        var cipher = new byte[encrypted.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(encrypted, cipher, out var cipherLength))
        {
            reason = "Encrypt is not base64";
            return false;
        }

        if (cipherLength == 0 || cipherLength % 16 != 0)
        {
            reason = "Encrypt is not a whole number of AES blocks";
            return false;
        }

        byte[] plain;
        using (var aes = Aes.Create())
        {
            aes.Key = _key;
            plain = aes.DecryptCbc(cipher.AsSpan(0, cipherLength), _key.AsSpan(0, 16), PaddingMode.None);
        }

        if (!TryUnpad(plain, out var contentLength))
        {
            reason = "Encrypt has invalid padding";
            return false;
        }

        if (contentLength < HeaderLength)
        {
            reason = "Encrypt is too short";
            return false;
        }

        var messageLength = BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(RandomLength, 4));
        if (messageLength < 0 || messageLength > contentLength - HeaderLength)
        {
            reason = "Encrypt has an invalid message length";
            return false;
        }

        var appId = plain.AsSpan(HeaderLength + messageLength, contentLength - HeaderLength - messageLength);
        if (!appId.SequenceEqual(_appId))
        {
            reason = "Encrypt was made for another AppID";
            return false;
        }

        message = Encoding.UTF8.GetString(plain, HeaderLength, messageLength);
        reason = "ok";
        return true;
    }

    /// <summary>Encrypts a message with 16 fresh random bytes.</summary>
    public string Encrypt(string message)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        RandomNumberGenerator.Fill(random);
        return Encrypt(message, random);
    }

    /// <summary>Encrypts a message with the given 16 "random" bytes (tests pass fixed ones).</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (random.Length != RandomLength)
        {
            throw new ArgumentException("WeChat's plaintext starts with exactly 16 random bytes.", nameof(random));
        }

        var body = Encoding.UTF8.GetBytes(message);
        var contentLength = HeaderLength + body.Length + _appId.Length;
        var padding = PadLength(contentLength);
        var plain = new byte[contentLength + padding];
        random.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomLength, 4), body.Length);
        body.CopyTo(plain, HeaderLength);
        _appId.CopyTo(plain, HeaderLength + body.Length);
        plain.AsSpan(contentLength).Fill((byte)padding);

        using var aes = Aes.Create();
        aes.Key = _key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>
    /// An encrypted passive reply: <c>&lt;xml&gt;&lt;Encrypt/&gt;&lt;MsgSignature/&gt;&lt;TimeStamp/&gt;&lt;Nonce/&gt;&lt;/xml&gt;</c>.
    /// </summary>
    public string BuildEncryptedReply(string replyXml, string timestamp, string nonce) =>
        BuildReplyEnvelope(Encrypt(replyXml), timestamp, nonce);

    /// <inheritdoc cref="BuildEncryptedReply(string, string, string)"/>
    public string BuildEncryptedReply(string replyXml, string timestamp, string nonce, ReadOnlySpan<byte> random) =>
        BuildReplyEnvelope(Encrypt(replyXml, random), timestamp, nonce);

    /// <summary>The pad WeChat adds to <paramref name="contentLength"/> bytes: 1..32, never 0.</summary>
    public static int PadLength(int contentLength) => PadBlockSize - (contentLength % PadBlockSize);

    private string BuildReplyEnvelope(string encrypted, string timestamp, string nonce)
    {
        if (string.IsNullOrEmpty(timestamp) || !timestamp.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("The timestamp must be decimal digits.", nameof(timestamp));
        }

        if (string.IsNullOrEmpty(nonce) || !nonce.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("The nonce must be ASCII letters and digits.", nameof(nonce));
        }

        var signature = Signature(timestamp, nonce, encrypted);
        return $"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt><MsgSignature><![CDATA[{signature}]]></MsgSignature><TimeStamp>{timestamp}</TimeStamp><Nonce><![CDATA[{nonce}]]></Nonce></xml>";
    }

    private static bool TryUnpad(byte[] plain, out int contentLength)
    {
        contentLength = 0;
        if (plain.Length == 0)
        {
            return false;
        }

        int pad = plain[^1];
        if (pad < 1 || pad > PadBlockSize || pad > plain.Length)
        {
            return false;
        }

        for (var i = plain.Length - pad; i < plain.Length; i++)
        {
            if (plain[i] != pad)
            {
                return false;
            }
        }

        contentLength = plain.Length - pad;
        return true;
    }

    private static bool TryDecodeKey(string? encodingAesKey, out byte[] key)
    {
        key = [];
        if (encodingAesKey is null || encodingAesKey.Length != 43)
        {
            return false;
        }

        var buffer = new byte[33];
        if (!Convert.TryFromBase64String(encodingAesKey + "=", buffer, out var written) || written != 32)
        {
            return false;
        }

        key = buffer[..32];
        return true;
    }
}
