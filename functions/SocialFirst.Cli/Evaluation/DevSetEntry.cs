using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialFirst.Cli.Evaluation;

/// <summary>One labelled mention of data/devset/mentions.jsonl.</summary>
public sealed record DevSetEntry
{
    public required string Id { get; init; }

    public required string Text { get; init; }

    public required string Language { get; init; }

    /// <summary>positive | neutral | negative | mixed.</summary>
    public required string Sentiment { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public bool Urgent { get; init; }

    public long? Followers { get; init; }

    /// <summary>"dev" (tune on it) or "test" (report only).</summary>
    public string Split { get; init; } = "dev";

    public string? Note { get; init; }
}

/// <summary>Reads the dev set; a malformed line is an error naming its line number (the set is ours, it must be clean).</summary>
public static class DevSetReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static IReadOnlyList<DevSetEntry> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<DevSetEntry>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                entries.Add(JsonSerializer.Deserialize<DevSetEntry>(line, Options) ?? throw new FormatException($"line {lineNumber}: empty"));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"line {lineNumber}: {ex.Message}", ex);
            }
        }

        return entries;
    }
}
