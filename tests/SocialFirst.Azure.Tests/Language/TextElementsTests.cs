using System.Globalization;
using SocialFirst.Azure.Language;

namespace SocialFirst.Azure.Tests.Language;

public sealed class TextElementsTests
{
    [Fact]
    public void Truncate_ShortText_ReturnsItWhole()
    {
        var (text, total) = TextElements.Truncate("héllo 👍🏽");

        Assert.Equal("héllo 👍🏽", text);
        Assert.Equal(7, total);
    }

    [Fact]
    public void Truncate_CombiningSequences_CutsBetweenElementsOnly()
    {
        // "e" + combining acute accent: two chars, one text element.
        var input = string.Concat(Enumerable.Repeat("e\u0301", 10));

        var (text, total) = TextElements.Truncate(input, maxElements: 3);

        Assert.Equal(10, total);
        Assert.Equal("e\u0301e\u0301e\u0301", text);
    }

    [Fact]
    public void Truncate_ExactlyAtLimit_KeepsEverything()
    {
        var input = new string('a', 5120);

        var (text, total) = TextElements.Truncate(input);

        Assert.Same(input, text);
        Assert.Equal(5120, total);
    }

    [Fact]
    public void Split_LongText_PiecesWithinLimitBreakAfterWhitespaceAndRejoin()
    {
        var input = string.Concat(Enumerable.Repeat("abcdefghi ", 30)); // 300 elements

        var pieces = TextElements.Split(input, maxElements: 95, lookBack: 20);

        Assert.Equal(input, string.Concat(pieces));
        Assert.All(pieces, p => Assert.True(new StringInfo(p).LengthInTextElements <= 95));
        Assert.All(pieces.SkipLast(1), p => Assert.EndsWith(" ", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Split_NoWhitespace_CutsAtTheLimitWithoutSplittingSurrogates()
    {
        var input = string.Concat(Enumerable.Repeat("😀", 250));

        var pieces = TextElements.Split(input, maxElements: 100);

        Assert.Equal([100, 100, 50], pieces.Select(p => new StringInfo(p).LengthInTextElements));
        Assert.Equal(input, string.Concat(pieces));
    }
}
