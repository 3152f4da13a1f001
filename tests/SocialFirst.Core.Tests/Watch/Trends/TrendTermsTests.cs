using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Tests.Watch.Trends;

public class TrendTermsTests
{
    [Theory]
    [InlineData("Salad  Dressing", "salad dressing")]
    [InlineData("  \"Blood!\" ", "blood")]
    [InlineData("ÜBERWEISUNG", "überweisung")]
    [InlineData("沙拉酱", "沙拉酱")]
    [InlineData(" ... ", "")]
    public void Normalize_VariantsOfOneTerm_Agree(string raw, string expected) =>
        Assert.Equal(expected, TrendTerms.Normalize(raw));

    [Fact]
    public void Normalize_LongPhrase_IsCut() =>
        Assert.Equal(TrendTerms.MaxLength, TrendTerms.Normalize(new string('a', 200)).Length);

    [Fact]
    public void ForCategory_IsACategoryAndNotAPhrase()
    {
        var term = TrendTerms.ForCategory("Safety");

        Assert.Equal("category:safety", term);
        Assert.True(TrendTerms.IsCategory(term));
        Assert.False(TrendTerms.IsPhrase(term));
        Assert.False(TrendTerms.IsPhrase(TrendTerms.NegativeSentiment));
    }
}
