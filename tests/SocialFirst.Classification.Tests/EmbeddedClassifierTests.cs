using SocialFirst.Classification.Categories;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;

namespace SocialFirst.Classification.Tests;

public class EmbeddedClassifierTests
{
    private static readonly EmbeddedClassifier Sut = new();

    public static TheoryData<string, string> LanguageCases => new()
    {
        { "My order never arrived and nobody answers the phone", "en" },
        { "Thanks, the new update is really fast!", "en" },
        { "我的快递三天了还没到，客服也不回消息", "zh-Hans" },
        { "这个产品真的很好用，谢谢", "zh-Hans" },
        { "包裹說好昨天到，到現在還沒收到", "zh-Hant" },
        { "這個產品真的很好用，謝謝客服", "zh-Hant" },
        { "Mi pedido no ha llegado y nadie me responde", "es" },
        { "¿Cómo puedo cambiar la dirección de envío?", "es" },
        { "Mein Paket ist immer noch nicht angekommen", "de" },
        { "Die Lieferung war schnell und der Service sehr freundlich", "de" },
        { "Je n'ai toujours pas reçu ma commande, c'est inadmissible", "fr" },
        { "Merci pour la réponse rapide, tout est réglé", "fr" },
        { "Paket še vedno ni prispel, zelo sem razočaran", "sl" },
        { "Hvala za hitro pomoč, vse deluje", "sl" },
        { "注文した商品がまだ届きません", "ja" },
        { "サポートの対応がとても丁寧でした", "ja" },
        { "Il mio ordine non è mai arrivato e nessuno risponde", "unknown" },
        { "Мой заказ так и не пришёл", "unknown" },
        { "주문한 상품이 아직 안 왔어요", "unknown" },
        { "👍👍👍", "unknown" },
    };

    public static TheoryData<string, Sentiment> SentimentCases => new()
    {
        // English: negation, contrast, sarcasm, emoji, mixed.
        { "Not bad at all, never had a problem with you guys", Sentiment.Positive },
        { "The support team was amazing, thank you!", Sentiment.Positive },
        { "Great, another outage. Thanks for nothing 🙄", Sentiment.Negative },
        { "Yeah right, next day delivery. It's been 6 days.", Sentiment.Negative },
        { "The food was great but the delivery was terribly slow", Sentiment.Mixed },
        { "What time does the Leeds store open on Sunday?", Sentiment.Neutral },
        { "😡😡 worst service ever", Sentiment.Negative },
        // Chinese: 不是很满意 is negative, 没问题 positive, 呵呵 sarcasm.
        { "不是很满意，味道和以前不一样了", Sentiment.Negative },
        { "没问题，下次还来", Sentiment.Positive },
        { "呵呵，又崩了，真是太棒了", Sentiment.Negative },
        { "東西很好，但是出貨太慢了", Sentiment.Mixed },
        { "客服人員非常親切，謝謝！", Sentiment.Positive },
        // Spanish, German, French, Slovenian: "not bad" idioms and contrast.
        { "No está mal, la nueva app va más rápida", Sentiment.Positive },
        { "Gracias por nada, otra vez sin internet", Sentiment.Negative },
        { "Nicht schlecht, die neue App ist wirklich schneller", Sentiment.Positive },
        { "Das Personal war sehr freundlich, aber das Zimmer war schmutzig", Sentiment.Mixed },
        { "Pas mal du tout, merci !", Sentiment.Positive },
        { "Le service est nul, je suis très déçu", Sentiment.Negative },
        { "Ni slabo, nova aplikacija je res hitrejša", Sentiment.Positive },
        { "Grozno, paket že teden dni zamuja", Sentiment.Negative },
        // Japanese: post-negation and でも/けど.
        { "最悪です。二度と買いません", Sentiment.Negative },
        { "本当にありがとうございます、助かりました", Sentiment.Positive },
        { "料理は美味しかったけど、店員の態度が最悪だった", Sentiment.Mixed },
        { "新しい味は好きじゃない", Sentiment.Negative },
        { "味は最高とは言えないけど、スタッフはとても親切だった", Sentiment.Mixed },
    };

    public static TheoryData<string, string> CategoryCases => new()
    {
        { "The cap cut my thumb and there is blood everywhere", CareCategory.Safety },
        { "我的手被瓶盖割伤流血了", CareCategory.Safety },
        { "瓶蓋把我的手指割傷了，流了好多血", CareCategory.Safety },
        { "La tapa de la lata me cortó el dedo, sangre por todas partes", CareCategory.Safety },
        { "Der Deckel der Dose hat mir in den Daumen geschnitten, Blut überall", CareCategory.Safety },
        { "Le couvercle m'a coupé le pouce, ça saigne", CareCategory.Safety },
        { "Pokrovček mi je porezal palec, kri povsod", CareCategory.Safety },
        { "缶のフタで親指を切って血が出ました", CareCategory.Safety },
        { "My son had an allergic reaction to your bar, we're at the hospital", CareCategory.Safety },
        { "I'm taking this to my lawyer", CareCategory.Legal },
        { "再不处理我就找律师起诉你们，投诉到消协", CareCategory.Legal },
        { "Je vais porter plainte auprès de la DGCCRF", CareCategory.Legal },
        { "My account got hacked and someone ordered with my card", CareCategory.Security },
        { "Mein Konto wurde gehackt", CareCategory.Security },
        { "アカウントが乗っ取られました", CareCategory.Security },
        { "You charged me twice for the same order", CareCategory.Billing },
        { "Me habéis cobrado dos veces el mismo pedido", CareCategory.Billing },
        { "The app is down again, nothing works", CareCategory.ServiceFailure },
        { "Na letu so izgubili moj kovček", CareCategory.ServiceFailure },
        { "I'm cancelling my subscription and switching to a competitor", CareCategory.Churn },
        { "Je résilie, je pars chez la concurrence", CareCategory.Churn },
        { "Please DM me, my order number is 4411", CareCategory.PrivateHelp },
        { "私信你们了，麻烦看一下订单号", CareCategory.PrivateHelp },
        { "Huge thanks to Maria, amazing service!", CareCategory.Praise },
        { "How do I change my delivery address?", CareCategory.Question },
        { "Free crypto giveaway, click https://bit.ly/xyz", CareCategory.Spam },
        { "I heard you're putting palm oil back in, is it true?", CareCategory.Rumour },
        { "听说你们的奶粉里加了东西，是真的吗？", CareCategory.Rumour },
    };

    /// <summary>Complaint families (broken, leaking, no answer, still waiting, does not work, refund) and praise worded without the v1.0 list words, in every language.</summary>
    public static TheoryData<string, Sentiment, string?> CoverageCases => new()
    {
        { "the washing machine is leaking everywhere and support never picks up", Sentiment.Negative, CareCategory.ServiceFailure },
        { "screen cracked on day two, glitchy mess, haven't heard back in a week", Sentiment.Negative, CareCategory.ServiceFailure },
        { "tysm, works like a charm now, can't fault the team", Sentiment.Positive, null },
        { "我买的沙拉酱瓶盖是坏的，漏了一箱子，客服一直不回复，太失望了！", Sentiment.Negative, CareCategory.ServiceFailure },
        { "耳机用了一周就没反应了，联系不上客服", Sentiment.Negative, CareCategory.ServiceFailure },
        { "包裹寄到時盒子裂開了，客服已讀不回", Sentiment.Negative, CareCategory.ServiceFailure },
        { "物流超快，包装也很用心，必买", Sentiment.Positive, null },
        { "El grifo gotea desde el primer día y no me contestan los correos", Sentiment.Negative, CareCategory.ServiceFailure },
        { "Atención de 10, me resolvieron todo rapidísimo", Sentiment.Positive, null },
        { "Der Kühlschrank ist undicht und der Kundendienst ist nicht erreichbar", Sentiment.Negative, CareCategory.ServiceFailure },
        { "Sehr hilfsbereite Mitarbeiterin, rundum zufrieden", Sentiment.Positive, null },
        { "La machine fuit et le service client est injoignable depuis lundi", Sentiment.Negative, CareCategory.ServiceFailure },
        { "Livraison rapide et accueil chaleureux, je recommande vivement", Sentiment.Positive, null },
        { "Sušilni stroj je pokvarjen, na klice pa nihče ne odgovarja", Sentiment.Negative, CareCategory.ServiceFailure },
        { "Prodajalec je bil izjemno ustrežljiv, vse pohvale", Sentiment.Positive, null },
        { "冷蔵庫から水漏れしていて、問い合わせても誰も出ない", Sentiment.Negative, CareCategory.ServiceFailure },
        { "梱包も丁寧で大満足です", Sentiment.Positive, null },
        { "Il frigorifero è rotto e nessuno risponde, che schifo", Sentiment.Negative, null },
        { "Спасибо, всё отлично", Sentiment.Positive, null },
    };

    /// <summary>Safety, security and legal phrasings beyond the v1.0 lists (all always escalate), one or more per language.</summary>
    public static TheoryData<string, string> UrgentCategoryCases => new()
    {
        { "my phone charger started smoking and there's a burning smell", CareCategory.Safety },
        { "someone logged into my account and changed my password", CareCategory.Security },
        { "充电器插上以后冒烟了，还有一股烧焦的味道", CareCategory.Safety },
        { "有人登录了我的账号，还改了密码", CareCategory.Security },
        { "Hay una mosca en la ensalada que me sirvieron", CareCategory.Safety },
        { "Han entrado en mi cuenta y cambiado la contraseña", CareCategory.Security },
        { "Das Ladegerät fing an zu qualmen und es riecht verschmort", CareCategory.Safety },
        { "Ich schalte meinen Anwalt ein", CareCategory.Legal },
        { "La batterie gonflée a commencé à fumer", CareCategory.Safety },
        { "Quelqu'un a utilisé ma carte sans mon accord", CareCategory.Security },
        { "V juhi je bila muha", CareCategory.Safety },
        { "Nekdo je spremenil geslo in se prijavil v moj račun", CareCategory.Security },
        { "お弁当に針金が入っていました", CareCategory.Safety },
        { "弁護士に相談して訴えます", CareCategory.Legal },
    };

    [Theory]
    [MemberData(nameof(LanguageCases))]
    public void Classify_Text_IdentifiesLanguage(string text, string expected)
    {
        Assert.Equal(expected, Classify(text).Language);
    }

    [Theory]
    [MemberData(nameof(SentimentCases))]
    public void Classify_Text_DecidesSentiment(string text, Sentiment expected)
    {
        var result = Classify(text);

        Assert.Equal(expected, result.Sentiment);
        Assert.Contains(result.Reasons, r => r.Towards == "sentiment:" + expected.ToString().ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(CategoryCases))]
    public void Classify_Text_FindsCategoryWithCuesAndReason(string text, string category)
    {
        var result = Classify(text);

        var match = Assert.Single(result.Categories, c => c.Category == category);
        Assert.NotEmpty(match.Cues);
        Assert.InRange(match.Confidence, 0.5, 1.0);
        Assert.Contains(result.Reasons, r => r.Towards == "category:" + category && r.Cue.StartsWith("rule:", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CoverageCases))]
    public void Classify_CoverageText_DecidesSentimentAndCategory(string text, Sentiment expected, string? category)
    {
        var result = Classify(text);

        Assert.Equal(expected, result.Sentiment);
        if (category is not null)
        {
            Assert.True(result.HasCategory(category), $"expected {category}, got [{string.Join(",", result.Categories.Select(c => c.Category))}]");
        }
    }

    [Theory]
    [MemberData(nameof(UrgentCategoryCases))]
    public void Classify_UrgentPhrasing_FindsCategoryAndIsUrgent(string text, string category)
    {
        var result = Classify(text);

        Assert.True(result.HasCategory(category), $"expected {category}, got [{string.Join(",", result.Categories.Select(c => c.Category))}]");
        Assert.True(UrgencyScorer.Score(new UrgencyInput(result), UrgencyPolicy.Default).Urgent);
    }

    [Theory]
    [InlineData("Fifth time calling about the same broken boiler, this is disgraceful")]
    [InlineData("第五次打电话了，网络还是断的，太让人失望了")]
    [InlineData("Quinta vez que llamo por la misma avería, es una vergüenza")]
    [InlineData("Zum fünften Mal rufe ich wegen derselben Störung an, eine Frechheit")]
    [InlineData("Cinquième appel pour la même panne, c'est honteux")]
    [InlineData("Že petič kličem zaradi iste okvare, sramota")]
    [InlineData("同じ不具合で電話するのは5回目です。最悪です")]
    public void Classify_RepeatContactComplaint_IsUrgentWithoutReach(string text)
    {
        var result = Classify(text);

        Assert.Equal(Sentiment.Negative, result.Sentiment);
        Assert.True(UrgencyScorer.Score(new UrgencyInput(result), UrgencyPolicy.Default).Urgent);
    }

    [Theory]
    [InlineData("The parcel was delayed a day, a bit annoying")]
    [InlineData("快递晚了一天，有点烦")]
    [InlineData("Das Paket kam einen Tag zu spät, etwas ärgerlich")]
    public void Classify_LoneMildComplaint_IsNotUrgent(string text)
    {
        var result = Classify(text);

        Assert.False(UrgencyScorer.Score(new UrgencyInput(result), UrgencyPolicy.Default).Urgent);
    }

    [Theory]
    [InlineData("Is the battery of this e-bike removable?")]
    [InlineData("This new drop is fire 🔥 love it")]
    [InlineData("Mi secador de pelo nuevo es genial")]
    [InlineData("我用鼠标点不开这个链接，请问怎么办？")]
    public void Classify_HarmlessWordsNearSafetyVocabulary_AreNotSafety(string text)
    {
        Assert.False(Classify(text).HasCategory(CareCategory.Safety));
    }

    [Theory]
    [InlineData("This new drop is fire 🔥 love it")]
    [InlineData("C'est sans danger de laisser le radiateur allumé ?")]
    [InlineData("Cut my hair today, feeling great")]
    public void Classify_HarmlessText_IsNotSafety(string text)
    {
        Assert.False(Classify(text).HasCategory(CareCategory.Safety));
    }

    [Fact]
    public void Classify_CapCutWithoutComplaintWord_IsSafetyThroughCoOccurrence()
    {
        var result = Classify("opened the bottle and the cap sliced my finger, blood on the table");

        Assert.Contains(result.Reasons, r => r.Cue.StartsWith("rule:en.safety.cap-cut", StringComparison.Ordinal));
        Assert.Equal(Sentiment.Negative, result.Sentiment);
    }

    [Theory]
    [InlineData("Thanks, the new update is really fast!")]
    [InlineData("我的手被瓶盖割伤流血了")]
    [InlineData("The food was great but the delivery was terribly slow")]
    [InlineData("")]
    public void Classify_AnyText_ScoresSumToOneAndResultIsWellFormed(string text)
    {
        var result = Classify(text);

        Assert.Equal(1.0, result.Scores.Positive + result.Scores.Neutral + result.Scores.Negative, 3);
        Assert.Equal("embedded", result.Engine);
        Assert.InRange(result.Certainty, 0, 1);
        Assert.Contains(result.Reasons, r => r.Towards.StartsWith("language:", StringComparison.Ordinal));
        Assert.Contains(result.Reasons, r => r.Towards.StartsWith("sentiment:", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_UnknownLanguage_HasLowCertainty()
    {
        var unknown = Classify("Il mio ordine non è mai arrivato e nessuno risponde");
        var english = Classify("Thank you so much, the support team was amazing!");

        Assert.InRange(unknown.Certainty, 0, 0.3);
        Assert.True(english.Certainty > 0.6, $"certainty {english.Certainty}");
    }

    [Fact]
    public void Classify_SameInputTwice_IsDeterministic()
    {
        const string text = "Great, another outage. The cap cut my thumb too 🙄 DM me";
        var first = Classify(text);
        var second = new EmbeddedClassifier().Classify(new ClassificationRequest("t", text));

        Assert.Equal(first.Sentiment, second.Sentiment);
        Assert.Equal(first.Scores, second.Scores);
        Assert.Equal(first.Categories.Select(c => (c.Category, c.Confidence)), second.Categories.Select(c => (c.Category, c.Confidence)));
        Assert.Equal(first.KeyPhrases, second.KeyPhrases);
        Assert.Equal(first.Reasons, second.Reasons);
    }

    [Fact]
    public void Classify_LanguageHint_DecidesAmbiguousChineseScript()
    {
        // No script-specific characters: detection alone says zh-Hans with low confidence.
        var hinted = Sut.Classify(new ClassificationRequest("h", "好吃好吃", LanguageHint: "zh-TW"));

        Assert.Equal("zh-Hant", hinted.Language);
    }

    [Fact]
    public void Classify_KeyPhrases_ComeFromTheText()
    {
        Assert.Contains("delivery address", Classify("How do I change the delivery address for my order?").KeyPhrases);
        Assert.Contains("积分", Classify("请问会员积分怎么兑换？").KeyPhrases);
        Assert.Contains("スーツケース", Classify("スーツケースを紛失されました").KeyPhrases);
    }

    [Fact]
    public async Task ClassifyAsync_Batch_ReturnsOneResultPerRequestInOrder()
    {
        var requests = new[] { new ClassificationRequest("a", "thanks!"), new ClassificationRequest("b", "我的账号被盗了") };

        var results = await Sut.ClassifyAsync(requests, CancellationToken.None);

        Assert.Equal(["a", "b"], results.Select(r => r.Id));
        Assert.True(results[1].HasCategory(CareCategory.Security));
    }

    [Fact]
    public async Task ClassifyAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => Sut.ClassifyAsync([new ClassificationRequest("a", "hi")], cts.Token));
    }

    [Fact]
    public void WithRules_BrandRule_AddsCategoryAndReplacesById()
    {
        var brand = CategoryRuleSet.Parse("""
            { "version": "acme-1", "language": "en", "rules": [
              { "id": "acme.safety.kettle", "category": "safety", "weight": 0.9, "all": [["kettle"], ["wobbles", "wobbling"]] },
              { "id": "en.praise.thanks", "category": "praise", "weight": 0.7, "any": ["cheers acme"] } ] }
            """);
        var classifier = Sut.WithRules(brand);

        Assert.True(classifier.Classify(new ClassificationRequest("k", "my kettle base keeps wobbling on the stand")).HasCategory(CareCategory.Safety));
        Assert.False(Sut.Classify(new ClassificationRequest("k", "my kettle base keeps wobbling on the stand")).HasCategory(CareCategory.Safety));
        Assert.True(classifier.Classify(new ClassificationRequest("c", "cheers acme")).HasCategory(CareCategory.Praise));
        // Our en.praise.thanks was replaced: it no longer fires on "thanks" (the trained model may still call it praise).
        Assert.Contains(Sut.Classify(new ClassificationRequest("c", "huge thanks to the team")).Reasons, r => r.Cue.StartsWith("rule:en.praise.thanks [", StringComparison.Ordinal));
        Assert.DoesNotContain(classifier.Classify(new ClassificationRequest("c", "huge thanks to the team")).Reasons, r => r.Cue.StartsWith("rule:en.praise.thanks [", StringComparison.Ordinal));
        Assert.Contains("acme-1", classifier.RulesVersion, StringComparison.Ordinal);
    }

    private static ClassificationResult Classify(string text) => Sut.Classify(new ClassificationRequest("t", text));
}
