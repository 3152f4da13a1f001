using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.Tests.Common;

public class WebhookCryptoTests
{
    [Fact]
    public void SortedSha1Hex_WeiboDocumentedExample() =>
        Assert.Equal("90e4c22c90a58f26526c2dd5b6c56c8822edeaa1", WebhookCrypto.SortedSha1Hex("xyz123xyz", "1397022061823", "57155157"));

    [Fact]
    public void SortedSha1Matches_IsOrderIndependentAndCaseInsensitiveHex()
    {
        Assert.True(WebhookCrypto.SortedSha1Matches("90E4C22C90A58F26526C2DD5B6C56C8822EDEAA1", "57155157", "xyz123xyz", "1397022061823"));
        Assert.False(WebhookCrypto.SortedSha1Matches("90e4c22c90a58f26526c2dd5b6c56c8822edeaa", "xyz123xyz", "1397022061823", "57155157"));
        Assert.False(WebhookCrypto.SortedSha1Matches(null, "xyz123xyz"));
    }

    [Theory]
    [InlineData("00ff", 2, true)]
    [InlineData("00FF", 2, true)]
    [InlineData("00f", 2, false)]
    [InlineData("00ff00", 2, false)]
    [InlineData("0g", 1, false)]
    [InlineData(null, 1, false)]
    public void TryDecodeHex_ChecksLengthAndDigits(string? hex, int bytes, bool ok) =>
        Assert.Equal(ok, WebhookCrypto.TryDecodeHex(hex, bytes, out _));

    [Theory]
    [InlineData("AAECAw==", 4, true)]
    [InlineData("AAECAw==", 3, false)]
    [InlineData("AAECAwQ=", 4, false)]
    [InlineData("***", 2, false)]
    [InlineData("", 0, false)]
    public void TryDecodeBase64_ChecksLength(string value, int bytes, bool ok) =>
        Assert.Equal(ok, WebhookCrypto.TryDecodeBase64(value, bytes, out _));

    [Theory]
    [InlineData("token", "token", true)]
    [InlineData("token", "Token", false)]
    [InlineData("token", "token ", false)]
    [InlineData("", "", false)]
    [InlineData(null, "", false)]
    [InlineData("token", null, false)]
    public void SecretEquals_NeverMatchesAnEmptyConfiguredSecret(string? configured, string? presented, bool expected) =>
        Assert.Equal(expected, WebhookCrypto.SecretEquals(configured, presented));

    [Fact]
    public void FixedTimeEquals_DifferentLengths_IsFalse() =>
        Assert.False(WebhookCrypto.FixedTimeEquals([1, 2, 3], [1, 2]));
}
