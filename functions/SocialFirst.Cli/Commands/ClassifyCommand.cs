using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SocialFirst.Classification;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst classify</c>: reads JSON lines (<c>id</c>, <c>text</c>, optional <c>platform</c>, <c>followers</c>,
/// <c>language</c>) and writes one JSON line per input with language, sentiment, scores, categories, key phrases,
/// urgency (<see cref="UrgencyScorer"/> under <see cref="UrgencyPolicy.Default"/>) and reasons. A bad line gives an
/// error line for that id and the run goes on.
/// </summary>
public sealed class ClassifyCommand : Command
{
    private readonly TextReader input;
    private readonly TextWriter output;

    public ClassifyCommand(TextReader input, TextWriter output)
        : base("classify", "Classify JSON lines from stdin ({\"id\",\"text\",\"platform\"?,\"followers\"?,\"language\"?}) and write one JSON line each to stdout.")
    {
        this.input = input;
        this.output = output;
        SetAction((_, cancellationToken) => RunAsync(cancellationToken));
    }

    /// <summary>Processes every input line; returns 0, or 1 when at least one line was rejected.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var classifier = new EmbeddedClassifier();
        var lineNumber = 0;
        var failures = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var json = ClassifyLine(classifier, line, lineNumber, out var ok);
            if (!ok)
            {
                failures++;
            }

            await output.WriteLineAsync(json.AsMemory(), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Classifies one input line into one output line (an error line when the input is unusable).</summary>
    public static string ClassifyLine(EmbeddedClassifier classifier, string line, int lineNumber, out bool ok)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(line);
        ok = false;
        MentionLine mention;
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Error(null, $"line {lineNumber}: expected a JSON object");
            }

            var root = doc.RootElement;
            var id = ReadId(root) ?? lineNumber.ToString(CultureInfo.InvariantCulture);
            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString()))
            {
                return Error(id, $"line {lineNumber}: missing or empty \"text\"");
            }

            long? followers = null;
            if (root.TryGetProperty("followers", out var f) && f.ValueKind == JsonValueKind.Number && f.TryGetInt64(out var count) && count >= 0)
            {
                followers = count;
            }

            mention = new MentionLine(id, text.GetString()!, OptionalString(root, "platform"), OptionalString(root, "language"), followers);
        }
        catch (JsonException ex)
        {
            return Error(TryFindId(line), $"line {lineNumber}: invalid JSON ({ex.Message.Split('.')[0]})");
        }

        var result = classifier.Classify(new ClassificationRequest(mention.Id, mention.Text, mention.Language, mention.Platform));
        var urgency = UrgencyScorer.Score(new UrgencyInput(result, mention.Followers), UrgencyPolicy.Default);
        ok = true;
        return JsonSerializer.Serialize(ClassifyOutput.From(result, urgency), CliJson.Options);
    }

    private static string Error(string? id, string message) => JsonSerializer.Serialize(new ErrorOutput(id, message), CliJson.Options);

    private static string? ReadId(JsonElement root)
    {
        if (!root.TryGetProperty("id", out var id))
        {
            return null;
        }

        return id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        };
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Best effort: the "id" of a line that is not valid JSON, so its error line can still be matched.</summary>
    private static string? TryFindId(string line)
    {
        var key = line.IndexOf("\"id\"", StringComparison.Ordinal);
        if (key < 0)
        {
            return null;
        }

        var colon = line.IndexOf(':', key);
        if (colon < 0)
        {
            return null;
        }

        var rest = line.AsSpan(colon + 1).TrimStart();
        if (rest.Length > 1 && rest[0] == '"')
        {
            var end = rest[1..].IndexOf('"');
            return end >= 0 ? rest.Slice(1, end).ToString() : null;
        }

        var stop = rest.IndexOfAny(",} ");
        var number = (stop >= 0 ? rest[..stop] : rest).ToString();
        return number.Length > 0 && number.All(char.IsAsciiDigit) ? number : null;
    }

    private sealed record MentionLine(string Id, string Text, string? Platform, string? Language, long? Followers);
}

internal sealed record ErrorOutput(string? Id, string Error);

internal sealed record ScoresOutput(double Positive, double Neutral, double Negative);

internal sealed record CategoryOutput(string Category, double Confidence, IReadOnlyList<string> Cues);

internal sealed record ReasonOutput(string Cue, string Towards, double Weight);

/// <summary>The wire shape of one classified line.</summary>
internal sealed record ClassifyOutput(
    string Id,
    string Language,
    string Sentiment,
    ScoresOutput Scores,
    IReadOnlyList<string> Categories,
    IReadOnlyList<CategoryOutput> CategoryDetails,
    IReadOnlyList<string> KeyPhrases,
    double Urgency,
    bool Urgent,
    string UrgencyDecision,
    double Certainty,
    string Engine,
    IReadOnlyList<ReasonOutput> Reasons)
{
    public static ClassifyOutput From(ClassificationResult r, UrgencyAssessment u) => new(
        r.Id,
        r.Language,
        r.Sentiment.ToString().ToLowerInvariant(),
        new ScoresOutput(r.Scores.Positive, r.Scores.Neutral, r.Scores.Negative),
        r.Categories.Select(c => c.Category).ToList(),
        r.Categories.Select(c => new CategoryOutput(c.Category, c.Confidence, c.Cues)).ToList(),
        r.KeyPhrases,
        u.Score,
        u.Urgent,
        u.Decision,
        r.Certainty,
        r.Engine,
        r.Reasons.Select(x => new ReasonOutput(x.Cue, x.Towards, x.Weight)).ToList());
}
