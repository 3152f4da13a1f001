using System.CommandLine;
using System.Globalization;
using SocialFirst.Classification;
using SocialFirst.Cli.Evaluation;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst evaluate [--file data/devset/mentions.jsonl] [--split dev|test|all] [--speed] [--show-errors]</c>:
/// accuracy and macro-F1 of sentiment, precision/recall of <c>urgent</c> and of categories, overall and per
/// language, as a Markdown table. <c>--speed</c> adds a quick startup/throughput/memory measurement.
/// </summary>
public sealed class EvaluateCommand : Command
{
    public const string DefaultFile = "data/devset/mentions.jsonl";

    private readonly TextWriter output;
    private readonly TextWriter error;

    private readonly Option<string> file = new("--file", "-f")
    {
        Description = "Labelled JSON lines (id, text, language, sentiment, categories, urgent, followers?, split).",
        DefaultValueFactory = _ => DefaultFile,
    };

    private readonly Option<string> split = new("--split", "-s")
    {
        Description = "Which part of the set to score: dev (tuning), test (held out) or all.",
        DefaultValueFactory = _ => "all",
    };

    private readonly Option<bool> speed = new("--speed")
    {
        Description = "Also measure startup time, one-thread throughput and memory (takes a few seconds).",
    };

    private readonly Option<bool> showErrors = new("--show-errors")
    {
        Description = "List every mention whose sentiment or urgency was wrong.",
    };

    public EvaluateCommand(TextWriter output, TextWriter error)
        : base("evaluate", "Score the embedded classifier on the labelled dev set.")
    {
        this.output = output;
        this.error = error;
        split.AcceptOnlyFromAmong("dev", "test", "all");
        Options.Add(file);
        Options.Add(split);
        Options.Add(speed);
        Options.Add(showErrors);
        SetAction(parseResult => Run(parseResult.GetValue(file)!, parseResult.GetValue(split)!, parseResult.GetValue(speed), parseResult.GetValue(showErrors)));
    }

    public int Run(string path, string splitName, bool measureSpeed, bool listErrors)
    {
        var resolved = Resolve(path);
        if (resolved is null)
        {
            error.WriteLine($"Dev set not found: {path}");
            return 2;
        }

        IReadOnlyList<DevSetEntry> all;
        using (var reader = new StreamReader(resolved))
        {
            try
            {
                all = DevSetReader.Read(reader);
            }
            catch (FormatException ex)
            {
                error.WriteLine($"{resolved}: {ex.Message}");
                return 2;
            }
        }

        var entries = splitName == "all" ? all : all.Where(e => string.Equals(e.Split, splitName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (measureSpeed)
        {
            output.WriteLine("## Speed");
            output.WriteLine(SpeedProbe.Measure(all.Select(e => e.Text).ToList(), TimeSpan.FromSeconds(3)));
        }

        var classifier = new EmbeddedClassifier();
        var rows = EvaluationRunner.Run(classifier, entries);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Embedded classifier on {path} (split: {splitName}, {entries.Count} mentions; rules {classifier.RulesVersion})"));
        output.WriteLine();
        output.WriteLine(EvaluationRunner.FormatTable(EvaluationRunner.MeasureAll(rows)));
        output.WriteLine(EvaluationRunner.FormatSentimentClasses(rows));
        output.WriteLine(EvaluationRunner.FormatCategoryClasses(rows));
        if (listErrors)
        {
            output.WriteLine();
            foreach (var r in rows.Where(r => r.Gold.Sentiment != r.Sentiment || r.Gold.Urgent != r.Urgent || r.Gold.Language != r.Language))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Gold.Id} [{r.Gold.Language}->{r.Language}] sentiment {r.Gold.Sentiment}->{r.Sentiment} urgent {r.Gold.Urgent}->{r.Urgent} ({r.Urgency:0.00}) cats [{string.Join(",", r.Gold.Categories)}]->[{string.Join(",", r.Categories)}] :: {r.Gold.Text}"));
            }
        }

        return 0;
    }

    /// <summary>The path as given, or found by walking up from the current and the program's directory (so it runs from anywhere in the repo).</summary>
    internal static string? Resolve(string path)
    {
        if (File.Exists(path) || Path.IsPathRooted(path))
        {
            return File.Exists(path) ? path : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, path);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
