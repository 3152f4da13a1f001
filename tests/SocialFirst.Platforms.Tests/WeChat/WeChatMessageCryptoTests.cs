using System.Security.Cryptography;
using System.Xml.Linq;
using SocialFirst.Platforms.WeChat;

namespace SocialFirst.Platforms.Tests.WeChat;

public class WeChatMessageCryptoTests
{
    // Tencent's published sample (WXBizMsgCrypt sample code; developer.work.weixin.qq.com/document/path/90968 —
    // the same algorithm as Official Accounts). Its plaintext happens to carry a 30-byte pad.
    private const string TencentToken = "QDG6eK";
    private const string TencentKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string TencentAppId = "wx5823bf96d3bd56c7";
    private const string TencentTimestamp = "1409659813";
    private const string TencentNonce = "1372623149";
    private const string TencentMsgSignature = "477715d11cdb4164915debcba66cb864d751f3e6";
    private const string TencentEncrypt =
        "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

    // Our own vectors; ciphertexts made with `openssl enc -aes-256-cbc -nopad` over a plaintext assembled in Python
    // (random = bytes 0..15, big-endian length, message, AppID, PKCS#7 to 32).
    private const string Token = "wechat-token";
    private const string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string AppId = "wx1234567890abcdef";

    private static readonly byte[] Random16 = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();

    private static WeChatMessageCrypto CreateSut(string appId = AppId) => new(Token, Key, appId);

    public static TheoryData<string, int, string> OpenSslVectors => new()
    {
        { "<xml><Content><![CDATA[退款]]></Content></xml>", 10, "IG+0eOkLdhYW9kHtuT3HY1r4tZbH6ZoKFeEJc7Csl/7L+uzsZKq/9xG16x20xlWEwX/kqgCBmGg5iKRM+rGEmFPHHdrtGq+evP0qQPeFRoaQqXxdtsh30HAb1NS9RuD6" },
        { "<xml><Content><![CDATA[a]]></Content></xml>", 15, "IG+0eOkLdhYW9kHtuT3HY8ZgMqATr8GiR/zfRzamvoz3Bx5+jDeXISW3VnRKmkzXUd4Ojz5nH9g8iF6qXq07WAf3n/a8xvEj0xGvRt0wQ5BKB6KbJs8tfEs9TfPcy5QS" },
        { "<xml><Content>ok</Content></xml>", 26, "IG+0eOkLdhYW9kHtuT3HY/xbvGjfbsylboaR5KoCE8BpaNmnrz6x+XN7RDD+UBEMI4ituSvRIzhdisS1RYG6uCI+e3icDhvEeF90U0MU4DcimR+Vj3ioA5nYjdRQXydl" },
        { "<xml><Content>退</Content></xml>", 25, "IG+0eOkLdhYW9kHtuT3HY5bHCSR3FN7KpsMrzQ9AtIfzCsjln0WdL30o/JLgwfja8XLH6h0PopT4fx49Po3dimvWsELLu2YmGkGDL3AzigtNBS/6JlNbw4/Cd/MINr4c" },
        { "<xml><C>12345678</C></xml>", 32, "IG+0eOkLdhYW9kHtuT3HYzIhSWcdMLKKFvkk8r5BP/4MG/LSmbzcHFpYG6p0UMKI7Q271YQkJlVp8oYiNoDbZGEU++5d/4MUiDN0/Ri+Zs5dmzSiCUZ55dHaC0+FbVZH" },
    };

    [Fact]
    public void TencentSampleVector_SignatureMatchesAndDecrypts()
    {
        var sut = new WeChatMessageCrypto(TencentToken, TencentKey, TencentAppId);

        Assert.True(sut.SignatureMatches(TencentMsgSignature, TencentTimestamp, TencentNonce, TencentEncrypt));
        Assert.Equal(TencentMsgSignature, sut.Signature(TencentTimestamp, TencentNonce, TencentEncrypt));
        Assert.True(sut.TryDecrypt(TencentEncrypt, out var xml, out var reason), reason);
        var root = XElement.Parse(xml);
        Assert.Equal("hello", root.Element("Content")!.Value);
        Assert.Equal("4561255354251345929", root.Element("MsgId")!.Value);
    }

    [Fact]
    public void TencentSampleVector_PadIsLargerThanAnAesBlock_SoPkcs7In16ByteBlocksWouldFail()
    {
        var key = Convert.FromBase64String(TencentKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        var cipher = Convert.FromBase64String(TencentEncrypt);

        var raw = aes.DecryptCbc(cipher, key.AsSpan(0, 16), PaddingMode.None);

        Assert.Equal(30, raw[^1]);
        Assert.ThrowsAny<CryptographicException>(() => aes.DecryptCbc(cipher, key.AsSpan(0, 16), PaddingMode.PKCS7));
    }

    [Fact]
    public void TencentSampleVector_OtherAppId_IsRejected()
    {
        var sut = new WeChatMessageCrypto(TencentToken, TencentKey, "wx0000000000000000");

        Assert.False(sut.TryDecrypt(TencentEncrypt, out var xml, out var reason));
        Assert.Equal("Encrypt was made for another AppID", reason);
        Assert.Equal(string.Empty, xml);
    }

    [Fact]
    public void TencentSampleVector_WrongMsgSignature_IsRejected()
    {
        var sut = new WeChatMessageCrypto(TencentToken, TencentKey, TencentAppId);

        Assert.False(sut.SignatureMatches(new string('0', 40), TencentTimestamp, TencentNonce, TencentEncrypt));
        Assert.False(sut.SignatureMatches(TencentMsgSignature, TencentTimestamp, "1372623150", TencentEncrypt));
        Assert.False(sut.SignatureMatches(TencentMsgSignature[..39], TencentTimestamp, TencentNonce, TencentEncrypt));
        Assert.False(sut.SignatureMatches(null, TencentTimestamp, TencentNonce, TencentEncrypt));
    }

    [Theory]
    [MemberData(nameof(OpenSslVectors))]
    public void Encrypt_WithFixedRandom_MatchesOpenSsl(string message, int pad, string expected)
    {
        var contentLength = 16 + 4 + System.Text.Encoding.UTF8.GetByteCount(message) + AppId.Length;
        Assert.Equal(pad, WeChatMessageCrypto.PadLength(contentLength));

        Assert.Equal(expected, CreateSut().Encrypt(message, Random16));
    }

    [Theory]
    [MemberData(nameof(OpenSslVectors))]
    public void TryDecrypt_OpenSslVectors_RoundTrip(string message, int pad, string encrypted)
    {
        Assert.True(pad is >= 1 and <= 32);

        Assert.True(CreateSut().TryDecrypt(encrypted, out var decrypted, out var reason), reason);
        Assert.Equal(message, decrypted);
    }

    [Fact]
    public void EncryptThenDecrypt_ChineseEmojiAndLongMessage_RoundTrips()
    {
        var sut = CreateSut();
        var message = "<xml><Content><![CDATA[" + string.Concat(Enumerable.Repeat("退款 😡 ", 200)) + "]]></Content></xml>";

        var encrypted = sut.Encrypt(message);

        Assert.True(sut.TryDecrypt(encrypted, out var decrypted, out _));
        Assert.Equal(message, decrypted);
        Assert.NotEqual(encrypted, sut.Encrypt(message)); // fresh random prefix each time
    }

    [Fact]
    public void TryDecrypt_MadeForAnotherAppId_IsRejected()
    {
        var encrypted = CreateSut(appId: "wxaaaaaaaaaaaaaaaa").Encrypt("<xml/>", Random16);

        Assert.False(CreateSut().TryDecrypt(encrypted, out _, out var reason));
        Assert.Equal("Encrypt was made for another AppID", reason);
    }

    [Theory]
    [InlineData("", "Encrypt is empty")]
    [InlineData("not base64!", "Encrypt is not base64")]
    [InlineData("AAAA", "Encrypt is not a whole number of AES blocks")]
    public void TryDecrypt_Garbage_IsRejectedWithReason(string encrypted, string expectedReason)
    {
        Assert.False(CreateSut().TryDecrypt(encrypted, out _, out var reason));
        Assert.Equal(expectedReason, reason);
    }

    [Fact]
    public void TryDecrypt_WithTheWrongKey_IsRejected()
    {
        var other = new WeChatMessageCrypto(Token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq", AppId);

        Assert.False(other.TryDecrypt((string)OpenSslVectors.First()[2], out _, out _));
    }

    [Fact]
    public void BuildEncryptedReply_HasValidSignatureAndDecryptsToTheReply()
    {
        var sut = CreateSut();
        const string reply = "<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_1]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[收到，我们马上处理]]></Content></xml>";

        var envelope = XElement.Parse(sut.BuildEncryptedReply(reply, "1700000000", "nonce42"));

        var encrypted = envelope.Element("Encrypt")!.Value;
        Assert.Equal("1700000000", envelope.Element("TimeStamp")!.Value);
        Assert.Equal("nonce42", envelope.Element("Nonce")!.Value);
        Assert.Equal(TestSupport.Sign.SortedSha1(Token, "1700000000", "nonce42", encrypted), envelope.Element("MsgSignature")!.Value);
        Assert.True(sut.TryDecrypt(encrypted, out var decrypted, out _));
        Assert.Equal(reply, decrypted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF!")]
    public void Constructor_MalformedKey_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => new WeChatMessageCrypto(Token, key, AppId));
        Assert.False(WeChatMessageCrypto.TryCreate(Token, key, AppId, out _));
    }
}
