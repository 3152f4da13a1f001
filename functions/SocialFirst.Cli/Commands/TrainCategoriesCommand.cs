using System.CommandLine;
using System.Globalization;
using SocialFirst.Classification;
using SocialFirst.Classification.Model;
using SocialFirst.Cli.Evaluation;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst train-categories [--out functions/SocialFirst.Classification/Data/model/categories.bin] [--cv 5]</c>:
/// trains the embedded classifier's care-category model (one-vs-rest logistic regression per category over hashed
/// n-grams and the rule stages' evidence) from <c>data/training/social-*.jsonl</c> and the <c>dev</c> split of
/// <c>data/devset/mentions.jsonl</c>, chooses its settings and per-category thresholds by k-fold cross-validation,
/// prints the out-of-fold table and writes the model. Deterministic: the same data gives a byte-identical file.
/// </summary>
public sealed class TrainCategoriesCommand : Command
{
    public const string DefaultOut = "functions/SocialFirst.Classification/Data/model/categories.bin";

    private readonly TextWriter output;
    private readonly TextWriter error;

    private readonly Option<string> outPath = new("--out", "-o")
    {
        Description = "Where to write the model (gzip binary, embedded by the classifier project).",
        DefaultValueFactory = _ => DefaultOut,
    };

    private readonly Option<int> folds = new("--cv")
    {
        Description = "Number of cross-validation folds used to choose the settings and thresholds.",
        DefaultValueFactory = _ => 5,
    };

    private readonly Option<string> devset = new("--devset")
    {
        Description = "Labelled dev set; only its split \"dev\" rows are used.",
        DefaultValueFactory = _ => EvaluateCommand.DefaultFile,
    };

    private readonly Option<string> training = new("--training")
    {
        Description = "Folder with social-*.jsonl training files.",
        DefaultValueFactory = _ => "data/training",
    };

    private readonly Option<double> precision = new("--precision")
    {
        Description = "Out-of-fold precision the model's own additions must reach for a category's threshold.",
        DefaultValueFactory = _ => new CategoryTrainerOptions().TargetPrecision,
    };

    private readonly Option<int> buckets = new("--buckets")
    {
        Description = "Hash buckets per language family (a power of two; each bucket holds one weight per category, so small tables stay in the CPU cache).",
        DefaultValueFactory = _ => new CategoryTrainerOptions().Buckets,
    };

    private readonly Option<bool> quick = new("--quick")
    {
        Description = "A small settings grid (for tests and quick checks).",
    };

    private readonly Option<bool> verbose = new("--verbose")
    {
        Description = "Print the cross-validation score of every setting tried.",
    };

    public TrainCategoriesCommand(TextWriter output, TextWriter error)
        : base("train-categories", "Train the embedded classifier's care-category model by cross-validation and write it.")
    {
        this.output = output;
        this.error = error;
        Options.Add(outPath);
        Options.Add(folds);
        Options.Add(devset);
        Options.Add(training);
        Options.Add(precision);
        Options.Add(buckets);
        Options.Add(quick);
        Options.Add(verbose);
        SetAction(parse => Run(
            parse.GetValue(outPath)!,
            parse.GetValue(folds),
            parse.GetValue(devset)!,
            parse.GetValue(training)!,
            parse.GetValue(precision),
            parse.GetValue(quick),
            parse.GetValue(verbose),
            parse.GetValue(buckets)));
    }

    public int Run(string modelPath, int cv, string devsetPath, string trainingDirectory, double targetPrecision, bool quickGrid, bool listGrid, int hashBuckets = 1 << 12)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        if (cv < 2)
        {
            error.WriteLine("--cv must be at least 2");
            return 2;
        }

        if (hashBuckets < 256 || hashBuckets > (1 << 20) || (hashBuckets & (hashBuckets - 1)) != 0)
        {
            error.WriteLine("--buckets must be a power of two between 256 and 1048576");
            return 2;
        }

        if (targetPrecision is <= 0 or > 1)
        {
            error.WriteLine("--precision must be in (0, 1]");
            return 2;
        }

        var examples = new List<CategoryExample>();
        try
        {
            var dev = EvaluateCommand.Resolve(devsetPath);
            if (dev is not null)
            {
                examples.AddRange(TrainingDataLoader.LoadCategoryDevSet(dev));
            }

            examples.AddRange(TrainingDataLoader.LoadCategorySocial(ResolveDirectory(trainingDirectory)));
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or System.Text.Json.JsonException or IOException)
        {
            error.WriteLine(ex.Message);
            return 2;
        }

        if (examples.Count < cv * 2)
        {
            error.WriteLine("Too little training data: need labelled rows in the dev split or data/training/social-*.jsonl.");
            return 2;
        }

        var options = quickGrid
            ? new CategoryTrainerOptions { Folds = cv, TargetPrecision = targetPrecision, Buckets = hashBuckets, Epochs = [10], L2 = [1e-4], LearningRates = [0.5], Balance = [0, 0.5] }
            : new CategoryTrainerOptions { Folds = cv, TargetPrecision = targetPrecision, Buckets = hashBuckets };
        var rows = CategoryTrainer.Featurize(ClassifierModel.Load([], withTrainedModel: false), examples, options.Buckets);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training the category model on {rows.Count} rows, {cv}-fold cross-validation, target precision {targetPrecision:0.00} for model additions"));
        var report = CategoryTrainer.Train(rows, options, listGrid ? output : null);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"settings tried: {report.Grid.Count}"));
        output.WriteLine(CategoryTrainer.Format(report));
        if (listGrid)
        {
            output.WriteLine("out-of-fold additions, correct/added, by threshold:");
            output.WriteLine(CategoryTrainer.FormatCurves(report));
        }

        var bytes = report.Model.Serialize();
        var full = Path.GetFullPath(modelPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {modelPath} ({bytes.Length / 1024.0:0.0} KB, model {report.Model.Version}, SHA-256 {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16]})"));
        return 0;
    }

    private static string ResolveDirectory(string path)
    {
        if (Directory.Exists(path) || Path.IsPathRooted(path))
        {
            return path;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return path;
    }
}
