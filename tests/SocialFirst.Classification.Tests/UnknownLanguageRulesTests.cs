using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;

namespace SocialFirst.Classification.Tests;

/// <summary>Texts in languages we do not support still raise safety, legal and security (rules/other.json).</summary>
public class UnknownLanguageRulesTests
{
    private static readonly EmbeddedClassifier Classifier = new();

    public static TheoryData<string, string> CriticalTexts => new()
    {
        { "Ho trovato un pezzo di vetro nella pasta, mia figlia si è ferita alla bocca. Siamo al pronto soccorso.", CareCategory.Safety },
        { "Mi hanno hackerato l'account e ci sono addebiti non autorizzati sulla carta!", CareCategory.Security },
        { "Caí num golpe, clonaram meu cartão e fizeram compras que não fiz", CareCategory.Security },
        { "Mijn account is gehackt en er is een onbekende afschrijving van 300 euro", CareCategory.Security },
        { "Şarj aleti alev aldı, elim yandı, acil servise gittik", CareCategory.Safety },
        { "Hesabım çalındı, dolandırıcılar kartımla alışveriş yaptı", CareCategory.Security },
        { "Отравился вашей шаурмой, всю ночь скорая. Подам в суд.", CareCategory.Safety },
        { "계정이 해킹당했어요. 무단 결제가 세 번이나 됐습니다", CareCategory.Security },
        { "배달 음식에서 이물질이 나왔어요 유리 조각 같아요", CareCategory.Safety },
    };

    [Theory]
    [MemberData(nameof(CriticalTexts))]
    public void Classify_CriticalTextInAnUnsupportedLanguage_UnknownButCategorisedAndUrgent(string text, string category)
    {
        var result = Classifier.Classify(new ClassificationRequest("1", text));

        Assert.Equal("unknown", result.Language);
        Assert.True(result.HasCategory(category), string.Join("; ", result.Reasons.Select(r => r.Cue)));
        Assert.Contains(result.Reasons, r => r.Cue.StartsWith("rule:other.", StringComparison.Ordinal));
        Assert.True(UrgencyScorer.Score(new UrgencyInput(result, Followers: 50), UrgencyPolicy.Default).Urgent);
        Assert.True(result.Certainty <= 0.3); // still unsure: the cascade asks Azure when it is on
    }

    [Theory]
    [InlineData("Il servizio clienti è stato gentilissimo, grazie mille!")]
    [InlineData("Adorei o atendimento, resolveram tudo em cinco minutos")]
    public void Classify_HarmlessTextInAnUnsupportedLanguage_NoCriticalCategory(string text)
    {
        var result = Classifier.Classify(new ClassificationRequest("1", text));

        Assert.DoesNotContain(result.Categories, c => c.Category is CareCategory.Safety or CareCategory.Legal or CareCategory.Security);
    }

    [Fact]
    public void Classify_SupportedLanguage_DoesNotUseTheOtherLanguagesRules()
    {
        // "golpe" is Portuguese for a scam; in an English text it is only a word.
        var result = Classifier.Classify(new ClassificationRequest("1", "That golpe scene in the new series was brilliant, loved the whole season"));

        Assert.Equal("en", result.Language);
        Assert.DoesNotContain(result.Reasons, r => r.Cue.StartsWith("rule:other.", StringComparison.Ordinal));
    }
}
