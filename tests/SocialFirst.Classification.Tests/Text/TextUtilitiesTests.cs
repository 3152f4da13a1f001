using SocialFirst.Classification.Text;

namespace SocialFirst.Classification.Tests.Text;

public class TextUtilitiesTests
{
    [Theory]
    [InlineData("這個說話還沒買", 0, 7)]
    [InlineData("这个说话还没买", 7, 0)]
    [InlineData("好吃", 0, 0)]
    public void ChineseScript_Count_CountsScriptSpecificCharacters(string text, int simplified, int traditional)
    {
        Assert.Equal((simplified, traditional), ChineseScript.Count(text));
    }

    [Fact]
    public void TextNormalizer_Normalize_KeepsLengthAndFolds()
    {
        const string text = "Ça NE marche PAS, 說話！";

        var normalized = TextNormalizer.Normalize(text, foldTraditional: true);

        Assert.Equal(text.Length, normalized.Length);
        Assert.Equal("ca ne marche pas, 说话!", normalized);
    }

    [Fact]
    public void TermTrie_LatinTerms_RespectWordBoundariesAndPrefixes()
    {
        var trie = new TermTrie<string>();
        trie.Add("sue", "legal");
        trie.Add("refund*", "billing");
        trie.Add("割伤", "safety");
        var matches = new List<TermMatch<string>>();

        trie.FindAll("no issue, refunded? i will sue. 手被割伤", matches);

        Assert.Equal(["billing", "legal", "safety"], matches.Select(m => m.Value));
        Assert.Equal(8, matches[0].Length); // the whole word "refunded"
    }
}
