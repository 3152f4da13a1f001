using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SocialFirst.Classification;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst policy validate &lt;file&gt;</c> checks a brand's urgency policy document; <c>socialfirst policy dry-run
/// --policy new.json [--current current.json] --mentions file.jsonl</c> classifies each mention once (embedded
/// classifier) and scores it under the current policy (the built-in default unless <c>--current</c>) and the new one,
/// printing what would change before the new policy is deployed. Mention lines are those of <c>classify</c>
/// (<c>id</c>, <c>text</c>, <c>platform</c>?, <c>followers</c>?, <c>language</c>?) plus <c>priorContacts</c>?,
/// <c>unansweredHours</c>?, <c>author</c>? ("platform:id"), <c>handle</c>? and <c>createdAt</c>? (ISO 8601, for quiet
/// hours). Exit codes: 0 done, 1 a policy is invalid, 2 usage (missing file or option, unreadable mention line).
/// </summary>
public sealed class PolicyCommand : Command
{
    public PolicyCommand(TextReader input, TextWriter output, TextWriter error)
        : base("policy", "Validate urgency policy documents and dry-run them over mentions before deploying.")
    {
        Subcommands.Add(new ValidateCommand(output, error));
        Subcommands.Add(new DryRunCommand(input, output, error));
    }

    /// <summary>Reads and validates a policy file; writes the problems to <paramref name="error"/>. Null result and code 1 or 2 on failure.</summary>
    internal static async Task<(UrgencyPolicy? Policy, string? Brand, int Code)> LoadAsync(string path, TextWriter error, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"{path}: file not found");
            return (null, null, 2);
        }

        var result = UrgencyPolicyDocument.Parse(await File.ReadAllTextAsync(path, ct));
        if (result.IsValid)
        {
            return (result.Policy, result.Brand, 0);
        }

        foreach (var problem in result.Errors)
        {
            await error.WriteLineAsync($"{path}: {problem}");
        }

        return (null, result.Brand, 1);
    }

    /// <summary><c>policy validate &lt;file&gt;</c>.</summary>
    public sealed class ValidateCommand : Command
    {
        private readonly TextWriter _output;
        private readonly TextWriter _error;
        private readonly Argument<string?> _file = new("file") { Description = "The policy document (JSON)", Arity = ArgumentArity.ZeroOrOne };

        public ValidateCommand(TextWriter output, TextWriter error)
            : base("validate", "Check a policy document; prints its version or every problem with its JSON path.")
        {
            _output = output;
            _error = error;
            Arguments.Add(_file);
            SetAction((parse, ct) => RunAsync(parse.GetValue(_file), ct));
        }

        public async Task<int> RunAsync(string? file, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(file))
            {
                await _error.WriteLineAsync("usage: socialfirst policy validate <file>");
                return 2;
            }

            var (policy, brand, code) = await LoadAsync(file, _error, ct);
            if (policy is null)
            {
                await _output.WriteLineAsync($"{file}: invalid");
                return code;
            }

            await _output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{file}: valid, version {policy.Version}{(brand is null ? string.Empty : ", brand " + brand)}, threshold {policy.Threshold}, " +
                $"{policy.KeywordRules.Count} keyword rules, {policy.Vip.Count} VIP, {policy.WatchKeywords.Count + policy.WatchAuthors.Count} watched, " +
                $"quiet hours {(policy.QuietHours?.ToString() ?? "none")}"));
            return 0;
        }
    }

    /// <summary><c>policy dry-run --policy new.json [--current current.json] --mentions file.jsonl [--at T] [--json]</c>.</summary>
    public sealed class DryRunCommand : Command
    {
        private readonly TextReader _input;
        private readonly TextWriter _output;
        private readonly TextWriter _error;
        private readonly Option<string?> _policy = new("--policy") { Description = "The new policy document" };
        private readonly Option<string?> _current = new("--current") { Description = "The policy in force (default: the built-in default)" };
        private readonly Option<string?> _mentions = new("--mentions") { Description = "JSON lines of mentions ('-' for stdin)" };
        private readonly Option<DateTimeOffset?> _at = new("--at") { Description = "Score as if at this time (quiet hours); default each line's createdAt, else now" };
        private readonly Option<bool> _json = new("--json") { Description = "One JSON line per mention and a summary line instead of text" };

        public DryRunCommand(TextReader input, TextWriter output, TextWriter error)
            : base("dry-run", "Score mentions under the current and a new policy and show what would change.")
        {
            _input = input;
            _output = output;
            _error = error;
            Options.Add(_policy);
            Options.Add(_current);
            Options.Add(_mentions);
            Options.Add(_at);
            Options.Add(_json);
            SetAction((parse, ct) => RunAsync(
                parse.GetValue(_policy), parse.GetValue(_current), parse.GetValue(_mentions), parse.GetValue(_at), parse.GetValue(_json), TimeProvider.System, ct));
        }

        public async Task<int> RunAsync(string? policyPath, string? currentPath, string? mentionsPath, DateTimeOffset? at, bool json, TimeProvider time, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(time);
            if (string.IsNullOrWhiteSpace(policyPath) || string.IsNullOrWhiteSpace(mentionsPath))
            {
                await _error.WriteLineAsync("usage: socialfirst policy dry-run --policy new.json [--current current.json] --mentions file.jsonl [--at T] [--json]");
                return 2;
            }

            var (next, _, nextCode) = await LoadAsync(policyPath, _error, ct);
            var current = UrgencyPolicy.Default;
            var currentCode = 0;
            if (!string.IsNullOrWhiteSpace(currentPath))
            {
                (var loaded, _, currentCode) = await LoadAsync(currentPath, _error, ct);
                current = loaded ?? current;
            }

            if (next is null || currentCode != 0)
            {
                return Math.Max(nextCode, currentCode) == 2 ? 2 : 1;
            }

            if (mentionsPath != "-" && !File.Exists(mentionsPath))
            {
                await _error.WriteLineAsync($"{mentionsPath}: file not found");
                return 2;
            }

            using var file = mentionsPath == "-" ? null : new StreamReader(mentionsPath);
            var reader = file ?? _input;
            var classifier = new EmbeddedClassifier();
            var summary = new DryRunSummary(current.Version, next.Version);
            var lineNumber = 0;
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (DryRunMention.TryParse(line, lineNumber, out var mention, out var problem) is false)
                {
                    summary.Rejected++;
                    await _error.WriteLineAsync($"{mentionsPath} line {lineNumber}: {problem}");
                    continue;
                }

                var classification = classifier.Classify(new ClassificationRequest(mention!.Id, mention.Text, mention.Language, mention.Platform));
                var input = mention.ToInput(classification, at ?? mention.CreatedAt ?? time.GetUtcNow());
                var before = UrgencyScorer.Score(input, current);
                var after = UrgencyScorer.Score(input, next);
                var change = summary.Count(before, after);
                await _output.WriteLineAsync(json
                    ? JsonSerializer.Serialize(DryRunLine.From(mention.Id, change, before, after), CliJson.Options)
                    : Describe(mention.Id, change, before, after));
            }

            await _output.WriteLineAsync(json ? JsonSerializer.Serialize(summary, CliJson.Options) : summary.ToString());
            return summary.Rejected == 0 ? 0 : 2;
        }

        private static string Describe(string id, string change, UrgencyAssessment before, UrgencyAssessment after) => string.Create(
            CultureInfo.InvariantCulture,
            $"{id}: {before.Score:0.0000} {(before.Urgent ? "URGENT" : "not urgent")} -> {after.Score:0.0000} {(after.Urgent ? "URGENT" : "not urgent")}  [{change}]\n" +
            $"    current: {before.Decision}\n" +
            $"    new:     {after.Decision}; factors {string.Join(", ", after.Factors.Select(f => $"{f.Factor} {f.Contribution:0.###}"))}");
    }
}

/// <summary>One input line of a dry run.</summary>
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

/// <summary>One mention's comparison in <c>--json</c> output.</summary>
internal sealed record DryRunLine(
    string Id,
    string Change,
    double CurrentScore,
    bool CurrentUrgent,
    string CurrentDecision,
    double NewScore,
    bool NewUrgent,
    string NewDecision,
    IReadOnlyList<UrgencyFactor> NewFactors)
{
    public static DryRunLine From(string id, string change, UrgencyAssessment before, UrgencyAssessment after) =>
        new(id, change, before.Score, before.Urgent, before.Decision, after.Score, after.Urgent, after.Decision, after.Factors);
}

/// <summary>The totals of a dry run.</summary>
internal sealed class DryRunSummary(string currentVersion, string newVersion)
{
    public string CurrentVersion { get; } = currentVersion;

    public string NewVersion { get; } = newVersion;

    public int Mentions { get; private set; }

    public int BecomeUrgent { get; private set; }

    public int StopBeingUrgent { get; private set; }

    public int UrgentBefore { get; private set; }

    public int UrgentAfter { get; private set; }

    public int ScoreUp { get; private set; }

    public int ScoreDown { get; private set; }

    public int Deferred { get; private set; }

    public int Rejected { get; set; }

    /// <summary>Counts one comparison and names the change.</summary>
    public string Count(UrgencyAssessment before, UrgencyAssessment after)
    {
        Mentions++;
        UrgentBefore += before.Urgent ? 1 : 0;
        UrgentAfter += after.Urgent ? 1 : 0;
        ScoreUp += after.Score > before.Score ? 1 : 0;
        ScoreDown += after.Score < before.Score ? 1 : 0;
        Deferred += after.Decision.StartsWith("deferred", StringComparison.Ordinal) ? 1 : 0;
        switch (before.Urgent, after.Urgent)
        {
            case (false, true):
                BecomeUrgent++;
                return "becomes urgent";
            case (true, false):
                StopBeingUrgent++;
                return "stops being urgent";
            default:
                return after.Score == before.Score ? "unchanged" : after.Score > before.Score ? "score up" : "score down";
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"summary {CurrentVersion} -> {NewVersion}: {Mentions} mentions, {BecomeUrgent} become urgent, {StopBeingUrgent} stop being urgent " +
        $"(urgent {UrgentBefore} -> {UrgentAfter}), score up {ScoreUp}, down {ScoreDown}, deferred by quiet hours {Deferred}, unreadable lines {Rejected}");
}
