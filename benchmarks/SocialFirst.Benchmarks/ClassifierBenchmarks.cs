using BenchmarkDotNet.Attributes;
using SocialFirst.Classification;
using SocialFirst.Core.Classification;

namespace SocialFirst.Benchmarks;

/// <summary>
/// Embedded classifier: one typical ~200-character mention per language, single thread, and the cost of loading
/// the model. Run: <c>dotnet run -c Release --project benchmarks/SocialFirst.Benchmarks -- --filter *ClassifierBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["en"] = "@AcmeAir my flight from Madrid was delayed 5 hours, nobody told us anything and now my luggage is lost. Third time this year. Absolutely disgraceful, I'm switching to another airline. DM me please.",
        ["zh-Hans"] = "快递三天了还没到，客服也不回消息，打了三次电话都说在处理，东西倒是不错，但是物流太慢了，再这样我就要投诉到消协了，订单号123456，麻烦尽快帮我查一下，谢谢。",
        ["zh-Hant"] = "包裹說好昨天到，到現在還沒收到，打了三次電話都沒人處理，東西很好但是出貨太慢了，如果再不處理我就要去消基會申訴，訂單編號A12345，麻煩儘快幫我查一下。",
        ["es"] = "Llevo una semana esperando mi pedido y nadie me responde. El producto es bueno pero el servicio es pésimo, si no me devolvéis el dinero pondré una reclamación en consumo. Os he enviado un MD.",
        ["de"] = "Seit einer Woche warte ich auf mein Paket und niemand antwortet. Das Produkt ist gut, aber der Service ist eine Katastrophe. Wenn das Geld nicht bis Freitag da ist, schalte ich meinen Anwalt ein.",
        ["fr"] = "Ça fait une semaine que j'attends mon colis et personne ne répond. Le produit est bien mais le service est nul, si je ne suis pas remboursée d'ici vendredi je saisis mon avocat. Je vous ai envoyé un MP.",
        ["sl"] = "Že teden dni čakam na paket in nihče ne odgovori. Izdelek je dober, ampak storitev je obupna. Če do petka ne dobim denarja nazaj, grem k odvetniku. Poslal sem vam zasebno sporočilo s številko naročila.",
        ["ja"] = "一週間待っても荷物が届かないし、問い合わせても返信がない。商品は良いけど対応が最悪です。金曜日までに返金がなければ弁護士に相談します。注文番号をDMで送りました。よろしくお願いします。",
    };

    private EmbeddedClassifier classifier = null!;
    private ClassificationRequest request = null!;

    [Params("en", "zh-Hans", "zh-Hant", "es", "de", "fr", "sl", "ja")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public void Setup()
    {
        classifier = new EmbeddedClassifier();
        request = new ClassificationRequest("bench", Texts[Language]);
    }

    [Benchmark]
    public ClassificationResult ClassifyOne() => classifier.Classify(request);
}

/// <summary>Cold model load: what a process pays once at startup (lexicons, rules, the trimmed Chinese dictionary).</summary>
[MemoryDiagnoser]
public class ClassifierLoadBenchmarks
{
    [Benchmark]
    public object LoadModel() => ClassifierModel.Load([]);
}
