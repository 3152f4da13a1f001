using System.Globalization;
using System.Text.Json;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;

namespace SocialFirst.Cli.Commands.Policy;

/// <summary>What the scorer needs to know about one mention of a dry run (from a JSON line or a stored case).</summary>
/// <param name="Author">"platform:id", or an id that <paramref name="Platform"/> completes.</param>
/// <param name="CreatedAt">When the customer wrote it; the time for quiet hours unless <see cref="DecidedAt"/> or <c>--at</c>.</param>
internal sealed record DryRunMention(
    string Id,
    string Text,
    string? Platform,
    string? Language,
    long? Followers,
    int PriorContacts,
    double UnansweredHours,
    string? Author,
    string? Handle,
    DateTimeOffset? CreatedAt)
{
    /// <summary>When triage scored it (stored cases): the time quiet hours are checked at; wins over <see cref="CreatedAt"/>.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    public UrgencyInput ToInput(ClassificationResult classification, DateTimeOffset at) => new(
        classification,
        Followers,
        PriorContacts,
        TimeSpan.FromHours(UnansweredHours),
        InSpike: false,
        AuthorKey: Author is null ? null : Author.Contains(':', StringComparison.Ordinal) || Platform is null ? Author : Platform.ToLowerInvariant() + ":" + Author,
        AuthorHandle: Handle,
        Text: Text,
        At: at);

    /// <summary>Reads one JSON line (<c>id</c>, <c>text</c>, <c>platform</c>?, <c>followers</c>?, ...); false with the problem otherwise.</summary>
    public static bool TryParse(string line, int lineNumber, out DryRunMention? mention, out string problem)
    {
        mention = null;
        problem = string.Empty;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "expected a JSON object";
                return false;
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : idElement.GetRawText()
                : lineNumber.ToString(CultureInfo.InvariantCulture);
            if (Str(root, "text") is not { Length: > 0 } text || string.IsNullOrWhiteSpace(text))
            {
                problem = "missing or empty \"text\"";
                return false;
            }

            DateTimeOffset? createdAt = null;
            if (Str(root, "createdAt") is { } created)
            {
                if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    problem = "\"createdAt\" is not an ISO 8601 time";
                    return false;
                }

                createdAt = parsed;
            }

            mention = new DryRunMention(
                id,
                text,
                Str(root, "platform"),
                Str(root, "language"),
                root.TryGetProperty("followers", out var f) && f.TryGetInt64(out var followers) && followers >= 0 ? followers : null,
                root.TryGetProperty("priorContacts", out var p) && p.TryGetInt32(out var prior) && prior >= 0 ? prior : 0,
                root.TryGetProperty("unansweredHours", out var u) && u.TryGetDouble(out var hours) && hours >= 0 ? hours : 0,
                Str(root, "author"),
                Str(root, "handle"),
                createdAt);
            return true;
        }
        catch (JsonException)
        {
            problem = "invalid JSON";
            return false;
        }
        catch (InvalidOperationException)
        {
            problem = "a field has the wrong type";
            return false;
        }
    }

    private static string? Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
