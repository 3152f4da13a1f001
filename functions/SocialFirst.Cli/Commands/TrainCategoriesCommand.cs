using System.CommandLine;
using System.Globalization;
using SocialFirst.Classification;
using SocialFirst.Classification.Model;
using SocialFirst.Cli.Commands.Training;
using SocialFirst.Cli.Evaluation;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst train-categories [--out functions/SocialFirst.Classification/Data/model/categories.bin] [--cv 5]</c>:
/// trains the embedded classifier's care-category model (one-vs-rest logistic regression per category over hashed
/// n-grams and the rule stages' evidence) from <c>data/training/social-*.jsonl</c> and the <c>dev</c> split of
/// <c>data/devset/mentions.jsonl</c>, chooses its settings and per-category thresholds by k-fold cross-validation,
/// prints the out-of-fold table and writes the model. Deterministic: the same data gives a byte-identical file.
/// </summary>
public sealed class TrainCategoriesCommand : TrainModelCommand
{
    public const string DefaultOut = "functions/SocialFirst.Classification/Data/model/categories.bin";

    private readonly Option<double> precision = new("--precision")
    {
        Description = "Out-of-fold precision the model's own additions must reach for a category's threshold.",
        DefaultValueFactory = _ => new CategoryTrainerOptions().TargetPrecision,
    };

    public TrainCategoriesCommand(TextWriter output, TextWriter error)
        : base(
            "train-categories",
            "Train the embedded classifier's care-category model by cross-validation and write it.",
            output,
            error,
            DefaultOut,
            "Number of cross-validation folds used to choose the settings and thresholds.",
            "Hash buckets per language family (a power of two; each bucket holds one weight per category, so small tables stay in the CPU cache).",
            new CategoryTrainerOptions().Buckets)
    {
        AddOptions(precision);
        SetAction(parse => Run(
            parse.GetValue(OutPath)!,
            parse.GetValue(Folds),
            parse.GetValue(Devset)!,
            parse.GetValue(Training)!,
            parse.GetValue(precision),
            parse.GetValue(Quick),
            parse.GetValue(Verbose),
            parse.GetValue(Buckets)));
    }

    public int Run(string modelPath, int cv, string devsetPath, string trainingDirectory, double targetPrecision, bool quickGrid, bool listGrid, int hashBuckets = 1 << 12)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        if (!CheckFoldsAndBuckets(cv, hashBuckets, 256, 1 << 20))
        {
            return 2;
        }

        if (targetPrecision is <= 0 or > 1)
        {
            Error.WriteLine("--precision must be in (0, 1]");
            return 2;
        }

        if (!TryLoad(devsetPath, trainingDirectory, TrainingDataLoader.LoadCategoryDevSet, TrainingDataLoader.LoadCategorySocial, more: null, out var examples))
        {
            return 2;
        }

        if (examples.Count < cv * 2)
        {
            Error.WriteLine(TooLittleData);
            return 2;
        }

        var options = quickGrid
            ? new CategoryTrainerOptions { Folds = cv, TargetPrecision = targetPrecision, Buckets = hashBuckets, Epochs = [10], L2 = [1e-4], LearningRates = [0.5], Balance = [0, 0.5] }
            : new CategoryTrainerOptions { Folds = cv, TargetPrecision = targetPrecision, Buckets = hashBuckets };
        var rows = CategoryTrainer.Featurize(ClassifierModel.Load([], withTrainedModel: false), examples, options.Buckets);
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training the category model on {rows.Count} rows, {cv}-fold cross-validation, target precision {targetPrecision:0.00} for model additions"));
        var report = CategoryTrainer.Train(rows, options, listGrid ? Output : null);
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"settings tried: {report.Grid.Count}"));
        Output.WriteLine(CategoryTrainer.Format(report));
        if (listGrid)
        {
            Output.WriteLine("out-of-fold additions, correct/added, by threshold:");
            Output.WriteLine(CategoryTrainer.FormatCurves(report));
        }

        WriteModel(modelPath, report.Model.Serialize(), report.Model.Version);
        return 0;
    }
}
