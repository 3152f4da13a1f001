using System.Globalization;
using System.Text;
using SocialFirst.Classification.Language;
using SocialFirst.Core.Classification;
using Polarity = SocialFirst.Core.Classification.Sentiment;

namespace SocialFirst.Classification.Model;

/// <summary>
/// One labelled text for training. <paramref name="Auxiliary"/> rows (binary review corpora) only ever train: they
/// are never scored in cross-validation, and their weight is scaled by the chosen auxiliary weight (0 drops them).
/// </summary>
internal sealed record TrainingExample(string Text, string Language, Polarity Label, string Source, bool Auxiliary = false);

/// <summary>Hyper-parameters of one training run.</summary>
internal sealed record TrainingSettings(int Epochs, double L2, bool BalanceClasses, double AuxiliaryWeight, double DevWeight = 1, double LearningRate = 0.2, double SharedWeight = 0)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"epochs {Epochs}, L2 {L2:0.#####}, {(BalanceClasses ? "balanced" : "unbalanced")} classes, auxiliary weight {AuxiliaryWeight:0.##}, dev-split weight {DevWeight:0.##}, learning rate {LearningRate:0.###}, other-language weight {SharedWeight:0.##}");
}

/// <summary>Options of <see cref="SentimentTrainer"/>: the grid searched by cross-validation and the fixed seed.</summary>
internal sealed record SentimentTrainerOptions
{
    /// <summary>Hash buckets per family: 2^14 scored as well as 2^15 and 2^16 in cross-validation and keeps each table (256 KB) in cache.</summary>
    public int Buckets { get; init; } = 1 << 14;

    public int Folds { get; init; } = 5;

    public ulong Seed { get; init; } = 20261126;

    public IReadOnlyList<int> Epochs { get; init; } = [3, 5, 10, 20];

    public IReadOnlyList<double> L2 { get; init; } = [1e-4, 1e-3, 1e-2];

    public IReadOnlyList<bool> BalanceClasses { get; init; } = [false, true];

    public IReadOnlyList<double> AuxiliaryWeights { get; init; } = [0, 0.2];

    /// <summary>Weights of the dev-split rows: the lexicon was tuned on them, so they overstate how right it is.</summary>
    public IReadOnlyList<double> DevWeights { get; init; } = [1, 0.3];

    public IReadOnlyList<double> LearningRates { get; init; } = [2, 1, 0.5, 0.2];

    /// <summary>Weights of the other families' rows in a family's fit: they train only the lexicon-evidence (dense) weights, never the n-grams.</summary>
    public IReadOnlyList<double> SharedWeights { get; init; } = [0, 0.3, 1];

    public string Version { get; init; } = "1.2.0";
}

/// <summary>A text turned into features once (the grid search reuses them).</summary>
internal sealed record FeaturizedExample(string Family, string Language, string Source, bool Auxiliary, int Label, Polarity LexiconLabel, bool Spam, bool Critical, int[] Buckets, float[] Dense);

/// <summary>Cross-validated macro-F1 of one language (or "all"), out-of-fold, next to the lexicon alone on the same rows.</summary>
internal sealed record LanguageScore(string Language, int Count, double LexiconMacroF1, double ModelMacroF1)
{
    /// <summary>F1 per class (positive, neutral, negative, mixed) of the lexicon alone and of the combination.</summary>
    public IReadOnlyList<(double Lexicon, double Model)> PerClass { get; init; } = [];
}

/// <summary>The result of a training run: the model, the chosen settings and the cross-validation table behind them.</summary>
internal sealed record TrainingReport(SentimentModel Model, TrainingSettings Settings, IReadOnlyList<LanguageScore> Scores, IReadOnlyList<(TrainingSettings Settings, double Score)> Grid, IReadOnlyDictionary<string, int> Rows);

/// <summary>
/// Trains <see cref="SentimentModel"/>: multinomial logistic regression per language family by plain SGD with a
/// linearly decaying learning rate (as fastText does), L2 on the touched weights, rows shuffled every epoch by our
/// own SplitMix64 with a fixed seed (unshuffled, grouped rows make SGD learn one class), single-threaded, so the same
/// data gives byte-identical weights. Hyper-parameters (epochs = early stopping, L2, class balancing, auxiliary
/// weight) are chosen by stratified k-fold cross-validation on the training rows, scored by the mean per-language
/// sentiment macro-F1 of the final decision (<see cref="SentimentDecision.Choose"/>).
/// </summary>
internal static class SentimentTrainer
{
    /// <summary>The source name of the dev-split rows of data/devset/mentions.jsonl.</summary>
    public const string DevSource = "dev";

    private static readonly int NegatedFeature = SentimentFeatures.DenseNames.ToList().IndexOf("negated");

    /// <summary>Runs the rule stages over every example (language from its label as a hint) and hashes its features.</summary>
    public static IReadOnlyList<FeaturizedExample> Featurize(ClassifierModel lexiconOnly, IEnumerable<TrainingExample> examples, int buckets)
    {
        ArgumentNullException.ThrowIfNull(lexiconOnly);
        ArgumentNullException.ThrowIfNull(examples);
        var result = new List<FeaturizedExample>();
        var reasons = new List<ClassificationReason>();
        var features = new List<HashedFeature>();
        var dense = new float[SentimentFeatures.DenseCount];
        foreach (var e in examples)
        {
            if (e.Language == LanguageIdentifier.Unknown || string.IsNullOrWhiteSpace(e.Text))
            {
                continue;
            }

            reasons.Clear();
            var a = EmbeddedClassifier.Analyze(lexiconOnly, e.Text, e.Language, reasons);
            var family = ClassifierModel.FamilyOf(e.Language);
            SentimentFeatures.Hash(a.Normalized, family, buckets, features);
            SentimentFeatures.Dense(a.Lexicon, a.Categories, a.Priors, a.Normalized.Length, dense);
            result.Add(new FeaturizedExample(
                family, e.Language, e.Source, e.Auxiliary, (int)e.Label, a.Lexicon.Label, a.Spam, SentimentDecision.IsCritical(a.Categories),
                features.Select(f => f.Bucket).ToArray(), (float[])dense.Clone()));
        }

        return result;
    }

    /// <summary>Grid search by cross-validation, then one final fit on all rows with the best settings.</summary>
    public static TrainingReport Train(IReadOnlyList<FeaturizedExample> rows, SentimentTrainerOptions options, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var folds = AssignFolds(rows, options.Folds);
        var grid = new List<(TrainingSettings, double)>();
        TrainingSettings? best = null;
        var bestScore = double.NegativeInfinity;
        IReadOnlyList<LanguageScore> bestScores = [];
        var hasAuxiliary = rows.Any(r => r.Auxiliary);
        var hasDev = rows.Any(r => r.Source == DevSource);
        var multilingual = rows.Select(r => r.Family).Distinct().Count() > 1;
        foreach (var (aux, dev, lr, shared) in from a in hasAuxiliary ? options.AuxiliaryWeights : [0.0]
                                                 from d in hasDev ? options.DevWeights : [1.0]
                                                 from l in options.LearningRates
                                                 from sh in multilingual ? options.SharedWeights : [0.0]
                                                 select (a, d, l, sh))
        {
            foreach (var balance in options.BalanceClasses)
            {
                foreach (var l2 in options.L2)
                {
                    foreach (var epochs in options.Epochs)
                    {
                        var settings = new TrainingSettings(epochs, l2, balance, aux, dev, lr, shared);
                        var scores = CrossValidate(rows, folds, options, settings);
                        var score = Objective(scores);
                        grid.Add((settings, score));
                        progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cv {score:0.000}  {settings}"));

                        // Ties keep the earlier (simpler: fewer epochs, less auxiliary data) setting.
                        if (score > bestScore + 1e-9)
                        {
                            (best, bestScore, bestScores) = (settings, score, scores);
                        }
                    }
                }
            }
        }

        // A family ships only when cross-validation on fresh rows shows it beating the lexicon alone; families with
        // dev-split rows only (where the lexicon was tuned) or no gain keep the lexicon and rules.
        var beaten = bestScores
            .Where(s => s.Language != "all" && !s.Language.EndsWith(')'))
            .GroupBy(s => ClassifierModel.FamilyOf(s.Language))
            .Where(g => g.Sum(s => s.Count * (s.ModelMacroF1 - s.LexiconMacroF1)) > 0)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var model = Fit(rows, options, best!, _ => true, string.Create(CultureInfo.InvariantCulture, $"{options.Version} (cv {bestScore:0.000})"), beaten.Contains);
        var counts = rows.GroupBy(r => r.Source).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new TrainingReport(model, best!, bestScores, grid, counts);
    }

    /// <summary>Out-of-fold macro-F1 per language (auxiliary rows train but are never scored).</summary>
    public static IReadOnlyList<LanguageScore> CrossValidate(IReadOnlyList<FeaturizedExample> rows, int[] folds, SentimentTrainerOptions options, TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(options);
        var predicted = new int[rows.Count];
        var k = folds.Max() + 1;
        Span<double> p = stackalloc double[SentimentModel.Classes];
        for (var fold = 0; fold < k; fold++)
        {
            var f = fold;
            var model = Fit(rows, options, settings, i => folds[i] != f, "cv");
            for (var i = 0; i < rows.Count; i++)
            {
                if (folds[i] != f)
                {
                    continue;
                }

                var r = rows[i];
                if (!model.Covers(r.Family))
                {
                    predicted[i] = (int)r.LexiconLabel;
                    continue;
                }

                Scores(model[r.Family], r, p);
                SentimentModel.Softmax(p);
                predicted[i] = (int)SentimentDecision.Choose(p, r.LexiconLabel, r.Spam, r.Critical, r.Dense[NegatedFeature] > 0).Label;
            }
        }

        // Languages with fresh (non-dev) rows are scored on those only: the lexicon was tuned on the dev split, so
        // its rows flatter any setting that trusts the lexicon. Languages with dev rows alone are scored on them.
        var fresh = rows.Where(r => !r.Auxiliary && r.Source != DevSource).Select(r => r.Language).ToHashSet(StringComparer.Ordinal);
        var scored = Enumerable.Range(0, rows.Count)
            .Where(i => !rows[i].Auxiliary && (rows[i].Source != DevSource || !fresh.Contains(rows[i].Language)))
            .ToList();
        var result = new List<LanguageScore>
        {
            Score("all", scored, rows, predicted),
        };
        foreach (var language in scored.Select(i => rows[i].Language).Distinct().Order(StringComparer.Ordinal))
        {
            result.Add(Score(language + (fresh.Contains(language) ? string.Empty : " (dev rows)"), scored.Where(i => rows[i].Language == language).ToList(), rows, predicted));
        }

        return result;
    }

    /// <summary>
    /// Mean per-language macro-F1 (languages weigh the same, as the targets are per language), over the languages
    /// scored on fresh rows when there are any (dev-only languages would reward trusting the tuned lexicon).
    /// </summary>
    public static double Objective(IReadOnlyList<LanguageScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var languages = scores.Where(s => s.Language != "all").ToList();
        if (languages.Any(s => !s.Language.EndsWith(')')))
        {
            languages = languages.Where(s => !s.Language.EndsWith(')')).ToList();
        }

        return languages.Count == 0 ? 0 : languages.Average(s => s.ModelMacroF1);
    }

    /// <summary>Deterministic stratified folds: rows sorted by (language, label, position) are dealt round-robin.</summary>
    public static int[] AssignFolds(IReadOnlyList<FeaturizedExample> rows, int k)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        var folds = new int[rows.Count];
        var order = Enumerable.Range(0, rows.Count)
            .OrderBy(i => rows[i].Auxiliary)
            .ThenBy(i => rows[i].Language, StringComparer.Ordinal)
            .ThenBy(i => rows[i].Label)
            .ThenBy(i => i);
        var n = 0;
        foreach (var i in order)
        {
            folds[i] = n++ % k;
        }

        return folds;
    }

    /// <summary>Fits one model per family on the rows <paramref name="include"/> selects.</summary>
    public static SentimentModel Fit(IReadOnlyList<FeaturizedExample> rows, SentimentTrainerOptions options, TrainingSettings settings, Func<int, bool> include, string version, Func<string, bool>? ships = null)
    {
        var beaten = ships ?? (_ => true);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(include);
        var families = new Dictionary<string, FamilyWeights>(StringComparer.Ordinal);
        foreach (var family in rows.Select(r => r.Family).Distinct().Where(beaten).Order(StringComparer.Ordinal))
        {
            var members = Enumerable.Range(0, rows.Count)
                .Where(i => include(i) && (rows[i].Family == family
                    ? !rows[i].Auxiliary || settings.AuxiliaryWeight > 0
                    : !rows[i].Auxiliary && settings.SharedWeight > 0 && beaten(rows[i].Family)))
                .ToArray();
            if (!members.Any(i => rows[i].Family == family))
            {
                continue;
            }

            families[family] = FitFamily(rows, members, options, settings, family);
        }

        return new SentimentModel(version, options.Buckets, families);
    }

    private static FamilyWeights FitFamily(IReadOnlyList<FeaturizedExample> rows, int[] members, SentimentTrainerOptions options, TrainingSettings settings, string family)
    {
        var w = new FamilyWeights(options.Buckets);
        var weights = new double[members.Length];
        var classTotals = new double[SentimentModel.Classes];
        for (var j = 0; j < members.Length; j++)
        {
            var r = rows[members[j]];
            weights[j] = (r.Auxiliary ? settings.AuxiliaryWeight : r.Source == DevSource ? settings.DevWeight : 1) * (r.Family == family ? 1 : settings.SharedWeight);
            classTotals[r.Label] += weights[j];
        }

        if (settings.BalanceClasses)
        {
            // Inverse class frequency (capped at 5×), so rare Mixed and Positive rows count as much as the many complaints.
            var present = classTotals.Count(t => t > 0);
            var total = classTotals.Sum();
            for (var j = 0; j < members.Length; j++)
            {
                var label = rows[members[j]].Label;
                weights[j] *= Math.Min(5, total / (present * classTotals[label]));
            }
        }

        var rng = new SplitMix64(options.Seed ^ SplitMix64.Hash(family));
        var order = (int[])members.Clone();
        var index = new Dictionary<int, int>(members.Length);
        for (var j = 0; j < members.Length; j++)
        {
            index[members[j]] = j;
        }

        var steps = (long)settings.Epochs * members.Length;
        var step = 0L;
        Span<double> p = stackalloc double[SentimentModel.Classes];
        Span<double> g = stackalloc double[SentimentModel.Classes];
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (var i in order)
            {
                var r = rows[i];
                var own = r.Family == family;
                var lr = settings.LearningRate * (1 - ((double)step++ / steps));
                Scores(w, r, p, own);
                SentimentModel.Softmax(p);
                var weight = weights[index[i]];
                for (var k = 0; k < SentimentModel.Classes; k++)
                {
                    g[k] = (p[k] - (k == r.Label ? 1 : 0)) * weight;
                }

                var decay = 1 - (lr * settings.L2);
                var scale = FamilyWeights.Scale(r.Buckets.Length);
                foreach (var b in own ? r.Buckets : [])
                {
                    var o = b * SentimentModel.Classes;
                    for (var k = 0; k < SentimentModel.Classes; k++)
                    {
                        w.Hashed[o + k] = (float)((w.Hashed[o + k] * decay) - (lr * g[k] * scale));
                    }
                }

                for (var d = 0; d < r.Dense.Length; d++)
                {
                    var x = r.Dense[d];
                    if (x == 0)
                    {
                        continue;
                    }

                    var o = d * SentimentModel.Classes;
                    for (var k = 0; k < SentimentModel.Classes; k++)
                    {
                        w.Dense[o + k] = (float)((w.Dense[o + k] * decay) - (lr * g[k] * x));
                    }
                }
            }
        }

        return w;
    }

    private static void Scores(FamilyWeights w, FeaturizedExample r, Span<double> scores, bool hashed = true)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        foreach (var b in hashed ? r.Buckets : [])
        {
            var o = b * SentimentModel.Classes;
            s0 += w.Hashed[o];
            s1 += w.Hashed[o + 1];
            s2 += w.Hashed[o + 2];
            s3 += w.Hashed[o + 3];
        }

        var scale = FamilyWeights.Scale(r.Buckets.Length);
        s0 *= scale;
        s1 *= scale;
        s2 *= scale;
        s3 *= scale;

        for (var d = 0; d < r.Dense.Length; d++)
        {
            var x = r.Dense[d];
            if (x != 0)
            {
                var o = d * SentimentModel.Classes;
                s0 += x * w.Dense[o];
                s1 += x * w.Dense[o + 1];
                s2 += x * w.Dense[o + 2];
                s3 += x * w.Dense[o + 3];
            }
        }

        scores[0] = s0;
        scores[1] = s1;
        scores[2] = s2;
        scores[3] = s3;
    }

    private static LanguageScore Score(string language, List<int> indices, IReadOnlyList<FeaturizedExample> rows, int[] predicted)
    {
        var lexicon = indices.Select(i => (rows[i].Label, (int)rows[i].LexiconLabel)).ToList();
        var model = indices.Select(i => (rows[i].Label, predicted[i])).ToList();
        var perClass = Enumerable.Range(0, SentimentModel.Classes).Select(c => (ClassF1(lexicon, c), ClassF1(model, c))).ToList();
        return new LanguageScore(language, indices.Count, MacroF1(lexicon), MacroF1(model)) { PerClass = perClass };
    }

    /// <summary>Mean F1 over the classes present in gold or predictions (as `socialfirst evaluate` computes it).</summary>
    public static double MacroF1(IReadOnlyList<(int Gold, int Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var sum = 0.0;
        var present = 0;
        for (var c = 0; c < SentimentModel.Classes; c++)
        {
            int tp = 0, fp = 0, fn = 0;
            foreach (var (gold, pred) in pairs)
            {
                tp += gold == c && pred == c ? 1 : 0;
                fp += gold != c && pred == c ? 1 : 0;
                fn += gold == c && pred != c ? 1 : 0;
            }

            if (tp + fp + fn == 0)
            {
                continue;
            }

            present++;
            sum += tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
        }

        return present == 0 ? double.NaN : sum / present;
    }

    private static double ClassF1(List<(int Gold, int Predicted)> pairs, int c)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (gold, pred) in pairs)
        {
            tp += gold == c && pred == c ? 1 : 0;
            fp += gold != c && pred == c ? 1 : 0;
            fn += gold == c && pred != c ? 1 : 0;
        }

        return tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
    }

    /// <summary>The cross-validation table and settings as Markdown, for the CLI.</summary>
    public static string Format(TrainingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"rows: {string.Join(", ", report.Rows.Select(r => r.Key + " " + r.Value.ToString(CultureInfo.InvariantCulture)))}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"chosen by cross-validation: {report.Settings}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"families with a model (cross-validation beat the lexicon on fresh rows): {string.Join(", ", report.Model.Families)}; the others keep the lexicon alone");
        sb.AppendLine();
        sb.AppendLine("Scored rows: the social-*.jsonl rows of each language; a language without them is scored on its dev-split rows (marked), where the lexicon was tuned.");
        sb.AppendLine();
        sb.AppendLine("| language | n | lexicon alone macro-F1 | lexicon + model macro-F1 (out-of-fold) |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var s in report.Scores)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {s.Language} | {s.Count} | {s.LexiconMacroF1:0.000} | {s.ModelMacroF1:0.000} |");
        }

        if (report.Scores.Count > 0 && report.Scores[0].PerClass.Count == SentimentModel.Classes)
        {
            string[] names = ["positive", "neutral", "negative", "mixed"];
            sb.AppendLine();
            sb.AppendLine("per class F1 (all scored rows, lexicon alone → combined): " + string.Join("; ", names.Select((n, c) =>
                string.Create(CultureInfo.InvariantCulture, $"{n} {report.Scores[0].PerClass[c].Lexicon:0.00} → {report.Scores[0].PerClass[c].Model:0.00}"))));
        }

        return sb.ToString();
    }
}
