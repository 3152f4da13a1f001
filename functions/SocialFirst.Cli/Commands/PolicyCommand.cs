using System.CommandLine;
using System.Globalization;
using SocialFirst.Cli.Commands.Policy;
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
/// hours). <c>--cases --brand acme</c> scores the brand's stored cases instead, read through the app's read API
/// (<see cref="CaseApiSource"/>): one comparison per case, its strongest mention under each policy. Exit codes: 0 done,
/// 1 a policy is invalid, 2 usage (missing file or option, unreadable mention line or case, app unreachable, API key
/// refused).
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

    /// <summary>
    /// <c>policy dry-run --policy new.json [--current current.json] (--mentions file.jsonl | --cases --brand acme [--from T]
    /// [--to T] [--url U] [--api-key K] [--max N]) [--at T] [--json]</c>: reads the items from a <see cref="IDryRunSource"/>
    /// (a file, or the app's read API) and compares them with the shared <see cref="DryRunScorer"/>.
    /// </summary>
    public sealed class DryRunCommand : Command
    {
        /// <summary>How far back <c>--cases</c> reads when <c>--from</c> is not given.</summary>
        public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(7);

        public const int DefaultMax = 500;

        public const int MaxMax = 10_000;

        private const string Usage =
            "usage: socialfirst policy dry-run --policy new.json [--current current.json] --mentions file.jsonl [--at T] [--json]\n" +
            "       socialfirst policy dry-run --policy new.json [--current current.json] --cases --brand acme [--from T] [--to T] " +
            "[--url http://127.0.0.1:7071] [--api-key K | env Api__Key] [--max 500] [--at T] [--json]";

        private readonly TextReader _input;
        private readonly TextWriter _output;
        private readonly TextWriter _error;
        private readonly Option<string?> _policy = new("--policy") { Description = "The new policy document" };
        private readonly Option<string?> _current = new("--current") { Description = "The policy in force (default: the built-in default)" };
        private readonly Option<string?> _mentions = new("--mentions") { Description = "JSON lines of mentions ('-' for stdin)" };
        private readonly Option<bool> _cases = new("--cases") { Description = "Score the brand's stored cases, read through the app's API (instead of --mentions)" };
        private readonly Option<string?> _brand = new("--brand") { Description = "With --cases: the brand whose cases are read" };
        private readonly Option<DateTimeOffset?> _from = new("--from") { Description = "With --cases: cases opened at or after (ISO 8601; default 7 days ago)" };
        private readonly Option<DateTimeOffset?> _to = new("--to") { Description = "With --cases: cases opened before (ISO 8601; default now)" };
        private readonly Option<string> _url = new("--url") { Description = "With --cases: base URL of the app", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        private readonly Option<string?> _apiKey = new("--api-key") { Description = "With --cases: API key (default: the environment variable Api__Key)" };
        private readonly Option<int> _max = new("--max") { Description = "With --cases: score at most this many cases, the newest of the period (1-10000)", DefaultValueFactory = _ => DefaultMax };
        private readonly Option<DateTimeOffset?> _at = new("--at") { Description = "Score as if at this time (quiet hours); default each line's createdAt (a case mention's triage time), else now" };
        private readonly Option<bool> _json = new("--json") { Description = "One JSON line per item and a summary line instead of text" };

        public DryRunCommand(TextReader input, TextWriter output, TextWriter error)
            : base("dry-run", "Score mentions or stored cases under the current and a new policy and show what would change.")
        {
            _input = input;
            _output = output;
            _error = error;
            Options.Add(_policy);
            Options.Add(_current);
            Options.Add(_mentions);
            Options.Add(_cases);
            Options.Add(_brand);
            Options.Add(_from);
            Options.Add(_to);
            Options.Add(_url);
            Options.Add(_apiKey);
            Options.Add(_max);
            Options.Add(_at);
            Options.Add(_json);
            SetAction(async (parse, ct) =>
            {
                if (!parse.GetValue(_cases))
                {
                    return await RunAsync(
                        parse.GetValue(_policy), parse.GetValue(_current), parse.GetValue(_mentions), parse.GetValue(_at), parse.GetValue(_json), TimeProvider.System, ct);
                }

                if (!Uri.TryCreate(parse.GetValue(_url), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    await _error.WriteLineAsync($"--url '{parse.GetValue(_url)}' is not an http(s) URL");
                    return 2;
                }

                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
                return await RunCasesAsync(
                    http,
                    new CaseRequest(
                        url,
                        parse.GetValue(_brand),
                        parse.GetValue(_from),
                        parse.GetValue(_to),
                        parse.GetValue(_apiKey) ?? Environment.GetEnvironmentVariable(MetricsCommand.ApiKeyVariable),
                        parse.GetValue(_max)),
                    parse.GetValue(_policy),
                    parse.GetValue(_current),
                    parse.GetValue(_mentions),
                    parse.GetValue(_at),
                    parse.GetValue(_json),
                    TimeProvider.System,
                    ct);
            });
        }

        /// <summary>Dry run over a JSON-lines file (<paramref name="mentionsPath"/>, or <c>-</c> for the input reader).</summary>
        public async Task<int> RunAsync(string? policyPath, string? currentPath, string? mentionsPath, DateTimeOffset? at, bool json, TimeProvider time, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(time);
            if (string.IsNullOrWhiteSpace(policyPath) || string.IsNullOrWhiteSpace(mentionsPath))
            {
                await _error.WriteLineAsync(Usage);
                return 2;
            }

            var (current, next, code) = await LoadPoliciesAsync(policyPath, currentPath, ct);
            if (code != 0)
            {
                return code;
            }

            if (mentionsPath != "-" && !File.Exists(mentionsPath))
            {
                await _error.WriteLineAsync($"{mentionsPath}: file not found");
                return 2;
            }

            using var file = mentionsPath == "-" ? null : new StreamReader(mentionsPath);
            var scorer = new DryRunScorer(current!, next!, at, time, json, _output, cases: false);
            return await RunAsync(new MentionFileSource(file ?? _input, mentionsPath), scorer, beforeSummary: null, ct);
        }

        /// <summary>
        /// Dry run over the stored cases of a brand, read with <paramref name="http"/> (the tests pass a client of a fake or
        /// of the real app). <paramref name="mentionsPath"/> must be null: a run reads either a file or cases.
        /// </summary>
        public async Task<int> RunCasesAsync(
            HttpClient http, CaseRequest request, string? policyPath, string? currentPath, string? mentionsPath, DateTimeOffset? at, bool json, TimeProvider time, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(http);
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(time);
            var now = time.GetUtcNow();
            var from = request.From ?? now - DefaultPeriod;
            var to = request.To ?? now;
            string? problem = null;
            if (string.IsNullOrWhiteSpace(policyPath))
            {
                problem = Usage;
            }
            else if (mentionsPath is not null)
            {
                problem = "--cases and --mentions cannot be combined: a dry run reads either a file or the stored cases";
            }
            else if (string.IsNullOrWhiteSpace(request.Brand))
            {
                problem = "--cases needs --brand";
            }
            else if (request.Max is < 1 or > MaxMax)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"--max must be 1..{MaxMax}");
            }
            else if (to <= from)
            {
                problem = "--to must be after --from";
            }

            if (problem is not null)
            {
                await _error.WriteLineAsync(problem);
                return 2;
            }

            var (current, next, code) = await LoadPoliciesAsync(policyPath!, currentPath, ct);
            if (code != 0)
            {
                return code;
            }

            var source = new CaseApiSource(http, new CaseSelection(request.BaseUrl, request.Brand!, from, to, request.ApiKey, request.Max));
            var scorer = new DryRunScorer(current!, next!, at, time, json, _output, cases: true);
            return await RunAsync(source, scorer, beforeSummary: async () =>
            {
                scorer.Summary.NotScored = source.NotScored;
                if (source.NotScored > 0)
                {
                    await _error.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{source.InPeriod} cases in the period: scored the newest {request.Max} (--max); narrow --from/--to or raise --max for the other {source.NotScored}"));
                }
            }, ct);
        }

        /// <summary>Scores what the source yields, reports what it skips, prints the summary. 0, or 2 if anything was skipped or the source failed.</summary>
        private async Task<int> RunAsync(IDryRunSource source, DryRunScorer scorer, Func<Task>? beforeSummary, CancellationToken ct)
        {
            try
            {
                await foreach (var read in source.ReadAsync(ct))
                {
                    if (read.Item is { } item)
                    {
                        await scorer.ScoreAsync(item, ct);
                    }
                    else
                    {
                        scorer.Summary.Rejected++;
                        await _error.WriteLineAsync(read.Problem);
                    }
                }
            }
            catch (DryRunSourceException ex)
            {
                await _error.WriteLineAsync(ex.Message);
                return 2;
            }

            if (beforeSummary is not null)
            {
                await beforeSummary();
            }

            await scorer.WriteSummaryAsync();
            return scorer.Summary.Rejected == 0 ? 0 : 2;
        }

        /// <summary>The current policy (built-in default unless a file) and the new one; code 1 (invalid) or 2 (missing) on failure.</summary>
        private async Task<(UrgencyPolicy? Current, UrgencyPolicy? Next, int Code)> LoadPoliciesAsync(string policyPath, string? currentPath, CancellationToken ct)
        {
            var (next, _, nextCode) = await LoadAsync(policyPath, _error, ct);
            var current = UrgencyPolicy.Default;
            var currentCode = 0;
            if (!string.IsNullOrWhiteSpace(currentPath))
            {
                (var loaded, _, currentCode) = await LoadAsync(currentPath, _error, ct);
                current = loaded ?? current;
            }

            return next is null || currentCode != 0
                ? (null, null, Math.Max(nextCode, currentCode) == 2 ? 2 : 1)
                : (current, next, 0);
        }
    }

    /// <summary>Where <c>--cases</c> reads from: the app, the brand, the period (defaults: the last 7 days), the API key and <c>--max</c>.</summary>
    public sealed record CaseRequest(Uri BaseUrl, string? Brand, DateTimeOffset? From, DateTimeOffset? To, string? ApiKey, int Max = DryRunCommand.DefaultMax);
}
