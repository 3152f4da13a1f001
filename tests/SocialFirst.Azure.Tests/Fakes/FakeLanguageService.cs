using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace SocialFirst.Azure.Tests.Fakes;

/// <summary>One analyze-text call as the fake understood it.</summary>
public sealed record FakeAnalyzeCall(string Kind, JsonObject Parameters, IReadOnlyList<(string Id, string Text, string? Language)> Documents);

/// <summary>
/// Azure AI Language <c>POST /language/:analyze-text?api-version=2024-11-01</c> with the documented response shapes
/// (analyzetext.json 2024-11-01). Deterministic rules: "bad"/"broken" negative, "great"/"love" positive, both mixed;
/// "cap ... sharp" gives an opinion pair; Han text is Chinese (Traditional with 們/這/麼), "???" is (Unknown),
/// "bonjour" French; "Contoso" an Organization entity; e-mail addresses are PII. Like the real service it rejects a
/// request over the per-kind document limit (400) and returns a per-document InvalidDocument error for texts over
/// 5,120 text elements; texts containing <c>FAIL:{Kind}</c> get a per-document error in that kind.
/// </summary>
public sealed partial class FakeLanguageService : IAsyncDisposable
{
    public const string ApiKey = "fake-language-key-0123456789";
    public const string ApiVersion = "2024-11-01";

    private static readonly Dictionary<string, int> Limits = new()
    {
        ["LanguageDetection"] = 1000,
        ["SentimentAnalysis"] = 10,
        ["KeyPhraseExtraction"] = 10,
        ["EntityRecognition"] = 5,
        ["PiiEntityRecognition"] = 5,
    };

    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<FakeAnalyzeCall> _calls = new();
    private FakeHttpServer _server = null!;

    private FakeLanguageService(string? bearerToken) => BearerToken = bearerToken;

    public string? BearerToken { get; }

    public Uri BaseUri => _server.BaseUri;

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    /// <summary>Calls that reached the normal handler (scripted answers are not in here).</summary>
    public IReadOnlyList<FakeAnalyzeCall> Calls => _calls.ToArray();

    public static async Task<FakeLanguageService> StartAsync(string? bearerToken = null)
    {
        var fake = new FakeLanguageService(bearerToken);
        fake._server = await FakeHttpServer.StartAsync(fake.HandleAsync, bearerToken is null ? null : TestCertificate.Instance);
        return fake;
    }

    public void Script(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    public IReadOnlyList<FakeAnalyzeCall> CallsOf(string kind) => Calls.Where(c => c.Kind == kind).ToList();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context, RecordedRequest request)
    {
        if (_script.TryDequeue(out var scripted))
        {
            await scripted.WriteAsync(context);
            return;
        }

        var authorised = BearerToken is null
            ? request.Header("Ocp-Apim-Subscription-Key") == ApiKey
            : request.Header("Authorization") == "Bearer " + BearerToken;
        if (!authorised)
        {
            await Error(context, 401, "401", "Access denied due to invalid subscription key or wrong API endpoint.");
            return;
        }

        if (request.Method != "POST" || request.Path != "/language/:analyze-text" || request.Query != "?api-version=" + ApiVersion)
        {
            await Error(context, 404, "NotFound", "Resource not found.");
            return;
        }

        var body = JsonNode.Parse(request.Body)!.AsObject();
        var kind = body["kind"]!.GetValue<string>();
        var documents = body["analysisInput"]!["documents"]!.AsArray()
            .Select(d => (d!["id"]!.GetValue<string>(), d["text"]!.GetValue<string>(), d["language"]?.GetValue<string>()))
            .ToList();
        if (!Limits.TryGetValue(kind, out var limit))
        {
            await Error(context, 400, "InvalidArgument", "Invalid kind.");
            return;
        }

        if (documents.Count > limit)
        {
            await Error(context, 400, "InvalidDocumentBatch", $"Batch request contains too many records. Max {limit} records are permitted.");
            return;
        }

        _calls.Enqueue(new FakeAnalyzeCall(kind, body["parameters"]?.AsObject() ?? [], documents));
        var results = new JsonArray();
        var errors = new JsonArray();
        foreach (var (id, text, language) in documents)
        {
            if (new StringInfo(text).LengthInTextElements > 5120)
            {
                errors.Add(DocumentError(id, "InvalidDocument", "A document within the request was too large to be processed. Limit document size to: 5120 text elements."));
            }
            else if (text.Contains("FAIL:" + kind, StringComparison.Ordinal))
            {
                errors.Add(DocumentError(id, "UnsupportedLanguageCode", "Invalid language code. Supported languages: en,zh-hans,..."));
            }
            else
            {
                results.Add(Analyse(kind, id, text));
            }
        }

        var response = new JsonObject
        {
            ["kind"] = kind + "Results",
            ["results"] = new JsonObject { ["documents"] = results, ["errors"] = errors, ["modelVersion"] = "2024-11-01" },
        };
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    private static JsonObject Analyse(string kind, string id, string text) => kind switch
    {
        "LanguageDetection" => new JsonObject { ["id"] = id, ["detectedLanguage"] = DetectLanguage(text), ["warnings"] = new JsonArray() },
        "SentimentAnalysis" => Sentiment(id, text),
        "KeyPhraseExtraction" => new JsonObject
        {
            ["id"] = id,
            ["keyPhrases"] = new JsonArray([.. Words().Matches(text).Select(m => m.Value).Where(w => w.Length > 4).Distinct().Take(3).Select(w => (JsonNode)w)]),
            ["warnings"] = new JsonArray(),
        },
        "EntityRecognition" => new JsonObject { ["id"] = id, ["entities"] = Entities(text), ["warnings"] = new JsonArray() },
        _ => Pii(id, text),
    };

    private static JsonObject DetectLanguage(string text)
    {
        if (text.Contains("???", StringComparison.Ordinal))
        {
            return new JsonObject { ["name"] = "(Unknown)", ["iso6391Name"] = "(Unknown)", ["confidenceScore"] = 0.0 };
        }

        if (text.Any(c => c is >= '\u4e00' and <= '\u9fff'))
        {
            var traditional = text.IndexOfAny(['們', '這', '麼']) >= 0;
            return new JsonObject
            {
                ["name"] = traditional ? "Chinese_Traditional" : "Chinese_Simplified",
                ["iso6391Name"] = traditional ? "zh_cht" : "zh_chs",
                ["confidenceScore"] = 1.0,
            };
        }

        return text.Contains("bonjour", StringComparison.OrdinalIgnoreCase)
            ? new JsonObject { ["name"] = "French", ["iso6391Name"] = "fr", ["confidenceScore"] = 0.95 }
            : new JsonObject { ["name"] = "English", ["iso6391Name"] = "en", ["confidenceScore"] = 0.99 };
    }

    private static JsonObject Sentiment(string id, string text)
    {
        var lower = text.ToLowerInvariant();
        var negative = lower.Contains("bad", StringComparison.Ordinal) || lower.Contains("broken", StringComparison.Ordinal) || lower.Contains("sharp", StringComparison.Ordinal);
        var positive = lower.Contains("great", StringComparison.Ordinal) || lower.Contains("love", StringComparison.Ordinal);
        var (label, p, u, n) = (positive, negative) switch
        {
            (true, true) => ("mixed", 0.45, 0.1, 0.45),
            (true, false) => ("positive", 0.92, 0.06, 0.02),
            (false, true) => ("negative", 0.03, 0.07, 0.9),
            _ => ("neutral", 0.1, 0.85, 0.05),
        };
        var sentence = new JsonObject
        {
            ["sentiment"] = label,
            ["confidenceScores"] = Scores(p, u, n),
            ["offset"] = 0,
            ["length"] = text.Length,
            ["text"] = text,
            ["targets"] = new JsonArray(),
            ["assessments"] = new JsonArray(),
        };
        var cap = lower.IndexOf("cap", StringComparison.Ordinal);
        var sharp = lower.IndexOf("sharp", StringComparison.Ordinal);
        if (cap >= 0 && sharp >= 0)
        {
            sentence["targets"] = new JsonArray(new JsonObject
            {
                ["sentiment"] = "negative",
                ["confidenceScores"] = new JsonObject { ["positive"] = 0.01, ["negative"] = 0.99 },
                ["offset"] = cap,
                ["length"] = 3,
                ["text"] = text.Substring(cap, 3),
                ["relations"] = new JsonArray(new JsonObject { ["relationType"] = "assessment", ["ref"] = "#/documents/0/sentences/0/assessments/0" }),
            });
            sentence["assessments"] = new JsonArray(new JsonObject
            {
                ["sentiment"] = "negative",
                ["confidenceScores"] = new JsonObject { ["positive"] = 0.01, ["negative"] = 0.99 },
                ["offset"] = sharp,
                ["length"] = 5,
                ["text"] = text.Substring(sharp, 5),
                ["isNegated"] = false,
            });
        }

        return new JsonObject
        {
            ["id"] = id,
            ["sentiment"] = label,
            ["confidenceScores"] = Scores(p, u, n),
            ["sentences"] = new JsonArray(sentence),
            ["warnings"] = new JsonArray(),
        };
    }

    private static JsonArray Entities(string text)
    {
        var entities = new JsonArray();
        var at = text.IndexOf("Contoso", StringComparison.Ordinal);
        if (at >= 0)
        {
            entities.Add(new JsonObject
            {
                ["text"] = "Contoso",
                ["category"] = "Organization",
                ["offset"] = at,
                ["length"] = 7,
                ["confidenceScore"] = 0.97,
                ["type"] = "Organization",
                ["tags"] = new JsonArray(new JsonObject { ["name"] = "Organization", ["confidenceScore"] = 0.97 }),
            });
        }

        return entities;
    }

    private static JsonObject Pii(string id, string text)
    {
        var entities = new JsonArray();
        foreach (Match match in Email().Matches(text))
        {
            entities.Add(new JsonObject
            {
                ["text"] = match.Value,
                ["category"] = "Email",
                ["offset"] = match.Index,
                ["length"] = match.Length,
                ["confidenceScore"] = 0.8,
            });
        }

        return new JsonObject
        {
            ["id"] = id,
            ["redactedText"] = Email().Replace(text, m => new string('*', m.Length)),
            ["entities"] = entities,
            ["warnings"] = new JsonArray(),
        };
    }

    private static JsonObject Scores(double positive, double neutral, double negative) =>
        new() { ["positive"] = positive, ["neutral"] = neutral, ["negative"] = negative };

    private static JsonObject DocumentError(string id, string innerCode, string message) => new()
    {
        ["id"] = id,
        ["error"] = new JsonObject
        {
            ["code"] = "InvalidArgument",
            ["message"] = "Invalid Document in request.",
            ["innererror"] = new JsonObject { ["code"] = innerCode, ["message"] = message },
        },
    };

    private static async Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-ms-error-code"] = code;
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }));
    }

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
