using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Core.Tests.Triage.Policies;

public class PolicyPatternTests
{
    public static TheoryData<string, string, bool> Phrases => new()
    {
        { "recall", "Is there a RECALL on kettles?", true },
        { "recall", "I recalled the order", false },
        { "recall", "pre-recall notice", true },
        { "cancel my subscription", "please cancel   my\nsubscription now", true },
        { "cancel my subscription", "cancel my subscriptions", false },
        { "Rückruf", "Gibt es einen rückruf?", true },
        { "召回", "这个产品召回了吗", true },
        { "c++", "I code in C++ daily", true },
        { "a.b", "axb", false },
    };

    [Theory]
    [MemberData(nameof(Phrases))]
    public void Phrase_IsMatch_WholeWordsCaseInsensitive(string phrase, string text, bool expected)
    {
        Assert.Equal(expected, PolicyPattern.Phrase(phrase).IsMatch(text));
    }

    [Fact]
    public void Expression_IsMatch_UsesRegexCaseInsensitive()
    {
        var pattern = PolicyPattern.Expression(@"charged\s+(twice|double)");

        Assert.True(pattern.IsMatch("You CHARGED   twice"));
        Assert.False(pattern.IsMatch("charged once"));
        Assert.False(pattern.IsMatch(null));
    }

    [Fact]
    public void Expression_Invalid_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => PolicyPattern.Expression("(open"));
    }
}
