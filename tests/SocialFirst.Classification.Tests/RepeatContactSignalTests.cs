using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;

namespace SocialFirst.Classification.Tests;

/// <summary>"Fourth time calling" in every language: the author's own repeat contact reaches the urgency policy.</summary>
public class RepeatContactSignalTests
{
    private static readonly EmbeddedClassifier Classifier = new();

    public static TheoryData<string> StatedRepeatContact => new()
    {
        "This is the 5th email I'm sending about my missing refund. Ticket #55102. Does anyone read these",
        "Sexta llamada esta semana por el mismo cargo. Cada agente me dice una cosa distinta",
        "Zum dritten Mal rufe ich bei der Hotline an, der Router geht immer noch nicht",
        "4e mail au service client pour le même colis, toujours rien",
        "Že četrtič kličem glede napačnega števca, vsakič obljubijo da me pokličejo nazaj",
        "同一个问题已经打了五次客服电话，每次都让我再等等",
        "客服電話第六通，聽了四十分鐘然後斷線",
        "同じ内容でお問い合わせするのはこれで5回目です。毎回「確認します」で終わり",
    };

    public static TheoryData<string> NoRepeatContact => new()
    {
        "Second time calling to say thanks, the engineer was great",
        "Third time the box arrived crushed this month",
        "First time calling support and it was sorted in five minutes",
        "3回目の購入です。今回も最高でした",
    };

    [Theory]
    [MemberData(nameof(StatedRepeatContact))]
    public void Classify_StatedRepeatContact_CarriesTheSignalWithItsRule(string text)
    {
        var result = Classifier.Classify(new ClassificationRequest("1", text));

        Assert.True(ClassificationSignals.Has(result, ClassificationSignals.RepeatContact), string.Join("; ", result.Reasons.Select(r => r.Cue)));
        var reason = Assert.Single(result.Reasons, r => r.Towards == "signal:repeat_contact");
        Assert.Matches(@"^rule:[a-z]{2}\.service\.repeat", reason.Cue);
    }

    [Theory]
    [MemberData(nameof(NoRepeatContact))]
    public void Classify_NoContactRepeated_NoSignal(string text)
    {
        var result = Classifier.Classify(new ClassificationRequest("1", text));

        Assert.False(ClassificationSignals.Has(result, ClassificationSignals.RepeatContact), string.Join("; ", result.Reasons.Select(r => r.Cue)));
    }

    [Fact]
    public void Score_StatedRepeatContactFromSmallAccount_UrgentAsTheLabellingRulesSay()
    {
        var result = Classifier.Classify(new ClassificationRequest("1", "Sexta llamada esta semana por el mismo cargo. Cada agente me dice una cosa distinta"));

        var assessment = UrgencyScorer.Score(new UrgencyInput(result, Followers: 40), UrgencyPolicy.Default);

        Assert.True(assessment.Urgent, assessment.Decision);
        var factor = Assert.Single(assessment.Factors, f => f.Factor == "repeat_contact");
        Assert.Equal("repeat contact stated in the text", factor.Detail);
    }
}
