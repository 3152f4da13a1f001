using System.CommandLine;
using System.Globalization;
using SocialFirst.Classification;
using SocialFirst.Cli.Evaluation;
using SocialFirst.Core.Triage;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst urgency-check [--training data/training] [--devset data/devset/mentions.jsonl]</c>: the calibration
/// check of the default urgency policy. Classifies the training rows (every <c>social-*.jsonl</c> plus the <c>dev</c>
/// split of the dev set; held-out files are refused) with the embedded classifier and prints urgent precision/recall
/// against the gold <c>urgent</c> label under the previous default (<c>default-1</c>) and the current one.
/// </summary>
public sealed class UrgencyCheckCommand : Command
{
    /// <summary>
    /// The previous built-in default, <c>default-1</c>, rebuilt from today's default: every category its own noisy-OR
    /// term, reach <c>log10(followers + 1) / 6</c> (full at 1,000,000), sentiment 0.45, service failure and churn 0.45.
    /// </summary>
    public static UrgencyPolicy PreviousDefault { get; } = UrgencyPolicy.Default with
    {
        Version = "default-1",
        Threshold = 0.6,
        SentimentWeight = 0.45,
        ReachWeight = 0.25,
        ReachFloorFollowers = 0,
        ReachFullFollowers = 999_999,
        CombineMinorCategoriesByMax = false,
        CategoryWeights = new Dictionary<string, double>(UrgencyPolicy.Default.CategoryWeights, StringComparer.Ordinal)
        {
            [Core.Classification.CareCategory.ServiceFailure] = 0.45,
            [Core.Classification.CareCategory.Churn] = 0.45,
        },
    };

    private readonly TextWriter output;
    private readonly TextWriter error;

    private readonly Option<string> training = new("--training")
    {
        Description = "Folder with the social-*.jsonl training rows.",
        DefaultValueFactory = _ => "data/training",
    };

    private readonly Option<string> devset = new("--devset")
    {
        Description = "The dev set; only its dev split is read.",
        DefaultValueFactory = _ => EvaluateCommand.DefaultFile,
    };

    public UrgencyCheckCommand(TextWriter output, TextWriter error)
        : base("urgency-check", "Urgent precision/recall of the previous and the current default urgency policy on the training rows.")
    {
        this.output = output;
        this.error = error;
        Options.Add(training);
        Options.Add(devset);
        SetAction(parseResult => Run(parseResult.GetValue(training)!, parseResult.GetValue(devset)!));
    }

    public int Run(string trainingDirectory, string devsetPath)
    {
        var directory = ResolveDirectory(trainingDirectory);
        if (directory is null)
        {
            error.WriteLine($"Training folder not found: {trainingDirectory}");
            return 2;
        }

        var entries = new List<DevSetEntry>();
        try
        {
            foreach (var file in Directory.GetFiles(directory, "social-*.jsonl").Order(StringComparer.Ordinal))
            {
                TrainingDataLoader.RefuseHeldOut(file);
                entries.AddRange(Read(file));
            }

            if (EvaluateCommand.Resolve(devsetPath) is { } dev)
            {
                TrainingDataLoader.RefuseHeldOut(dev);
                entries.AddRange(Read(dev).Where(e => string.Equals(e.Split, "dev", StringComparison.OrdinalIgnoreCase)));
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            error.WriteLine(ex.Message);
            return 2;
        }

        if (entries.Count == 0)
        {
            error.WriteLine($"No training rows in {directory}");
            return 2;
        }

        var classifier = new EmbeddedClassifier();
        var results = entries.Select(e => (Entry: e, Result: classifier.Classify(new Core.Classification.ClassificationRequest(e.Id, e.Text)))).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Urgency on {results.Count} training rows ({results.Count(r => r.Entry.Urgent)} urgent), embedded classifier (rules {classifier.RulesVersion})"));
        output.WriteLine();
        output.WriteLine("| policy | urgent P | urgent R | TP | FP | FN |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var policy in new[] { PreviousDefault, UrgencyPolicy.Default })
        {
            var s = Metrics.Binary(results.Select(r => (r.Entry.Urgent, UrgencyScorer.Score(new UrgencyInput(r.Result, r.Entry.Followers), policy).Urgent)).ToList(), "urgent");
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {policy.Version} | {EvaluationRunner.F(s.Precision)} | {EvaluationRunner.F(s.Recall)} | {s.TruePositives} | {s.FalsePositives} | {s.FalseNegatives} |"));
        }

        return 0;
    }

    private static IReadOnlyList<DevSetEntry> Read(string path)
    {
        using var reader = new StreamReader(path);
        try
        {
            return DevSetReader.Read(reader);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{path}: {ex.Message}", ex);
        }
    }

    private static string? ResolveDirectory(string path)
    {
        if (Directory.Exists(path) || Path.IsPathRooted(path))
        {
            return Directory.Exists(path) ? path : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, path);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
