using System.Globalization;
using System.Text;
using SocialFirst.Classification.Language;
using SocialFirst.Core.Classification;

namespace SocialFirst.Classification.Model;

/// <summary>One text labelled with its care categories (<see cref="CareCategory"/> values) for the category model.</summary>
internal sealed record CategoryExample(string Text, string Language, IReadOnlyList<string> Categories, string Source);

/// <summary>Hyper-parameters of one category training run.</summary>
/// <param name="Balance">Positive rows of a category weigh (negatives / positives)^Balance, capped at 10: 0 = unweighted.</param>
internal sealed record CategorySettings(int Epochs, double L2, double LearningRate, double Balance)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"epochs {Epochs}, L2 {L2:0.#####}, learning rate {LearningRate:0.###}, positive-class balance {Balance:0.##}");
}

/// <summary>Options of <see cref="CategoryTrainer"/>: the grid searched by cross-validation, the precision target and the fixed seed.</summary>
internal sealed record CategoryTrainerOptions
{
    /// <summary>
    /// Hash buckets per family (and for the shared stems). Each bucket holds one weight per category, so 2^12 keeps a
    /// family's table at 180 KB, inside the CPU cache; cross-validation scored 2^12 as well as 2^13 and 2^14 (0.696,
    /// 0.697, 0.698) at a third of the throughput cost.
    /// </summary>
    public int Buckets { get; init; } = 1 << 12;

    public int Folds { get; init; } = 5;

    public ulong Seed { get; init; } = 20261126;

    public IReadOnlyList<int> Epochs { get; init; } = [5, 10, 20];

    public IReadOnlyList<double> L2 { get; init; } = [1e-3, 1e-2, 3e-2];

    public IReadOnlyList<double> LearningRates { get; init; } = [1, 0.5];

    public IReadOnlyList<double> Balance { get; init; } = [0.5, 1];

    /// <summary>A category's threshold is the lowest at which the model's own additions (rows no rule caught) reach this precision out of fold.</summary>
    public double TargetPrecision { get; init; } = 0.85;

    /// <summary>Fewer correct out-of-fold additions than this at the chosen threshold and the category stays rules-only.</summary>
    public int MinAdded { get; init; } = 3;

    /// <summary>Candidate thresholds, low to high; none below 0.3, so an added category always means the model leans towards it.</summary>
    public IReadOnlyList<double> Thresholds { get; init; } = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

    public string Version { get; init; } = "1.3.0";
}

/// <summary>A category example turned into features once (the grid search reuses them).</summary>
internal sealed record FeaturizedCategoryRow(string Family, string Language, string Source, bool[] Gold, bool[] Rule, int[] Buckets, float[] Dense);

/// <summary>Out-of-fold detection figures of one category (or "all") on the scored rows: rules alone, and rules plus model additions.</summary>
internal sealed record CategoryScore(string Category, int Gold, ClassCounts Rules, ClassCounts Combined, int ModelAdded, int ModelCorrect, double Threshold)
{
    /// <summary>Out-of-fold additions and correct additions at every candidate threshold (for --verbose).</summary>
    public IReadOnlyList<(double Threshold, int Added, int Correct)> Curve { get; init; } = [];
}

/// <summary>True positives, false positives and false negatives.</summary>
internal readonly record struct ClassCounts(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => TruePositives == 0 ? 0 : 2.0 * TruePositives / ((2.0 * TruePositives) + FalsePositives + FalseNegatives);

    public static ClassCounts operator +(ClassCounts a, ClassCounts b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);
}

/// <summary>The result of a category training run.</summary>
internal sealed record CategoryTrainingReport(CategoryModel Model, CategorySettings Settings, double Objective, IReadOnlyList<CategoryScore> Scores, IReadOnlyList<(CategorySettings Settings, double Score)> Grid, IReadOnlyDictionary<string, int> Rows);

/// <summary>
/// Trains <see cref="CategoryModel"/>: one-vs-rest logistic regression by plain SGD (linearly decaying learning rate,
/// L2 on the touched weights, rows shuffled every epoch by <see cref="SplitMix64"/> with a fixed seed, single-threaded:
/// the same data gives a byte-identical file). One joint fit over every family's rows: n-gram weights and biases are
/// per family, dense weights shared. Hyper-parameters are chosen by stratified k-fold cross-validation; per category,
/// the threshold is the lowest at which the model's out-of-fold additions (rows where no rule fired for it) reach the
/// target precision. Only the social rows are scored: the rules were tuned on the dev split.
/// </summary>
internal static class CategoryTrainer
{
    public const string DevSource = SentimentTrainer.DevSource;

    /// <summary>Runs the rule stages over every example (its language as the hint) and hashes its features.</summary>
    public static IReadOnlyList<FeaturizedCategoryRow> Featurize(ClassifierModel rulesOnly, IEnumerable<CategoryExample> examples, int buckets)
    {
        ArgumentNullException.ThrowIfNull(rulesOnly);
        ArgumentNullException.ThrowIfNull(examples);
        var result = new List<FeaturizedCategoryRow>();
        var reasons = new List<ClassificationReason>();
        var features = new List<HashedFeature>();
        var dense = new float[CategoryModel.DenseCount];
        foreach (var e in examples)
        {
            if (e.Language == LanguageIdentifier.Unknown || string.IsNullOrWhiteSpace(e.Text))
            {
                continue;
            }

            reasons.Clear();
            var a = EmbeddedClassifier.Analyze(rulesOnly, e.Text, e.Language, reasons);
            var family = ClassifierModel.FamilyOf(e.Language);
            CategoryModel.Hash(a.Normalized, family, buckets, features);
            CategoryModel.DenseFeatures(a, dense);
            var gold = new bool[CategoryModel.Count];
            foreach (var c in e.Categories)
            {
                var k = CategoryModel.IndexOf(c);
                if (k < 0)
                {
                    throw new FormatException($"Unknown category '{c}' in a training row.");
                }

                gold[k] = true;
            }

            var rule = new bool[CategoryModel.Count];
            foreach (var c in a.Categories)
            {
                rule[CategoryModel.IndexOf(c.Category)] = true;
            }

            result.Add(new FeaturizedCategoryRow(family, e.Language, e.Source, gold, rule, features.Select(f => f.Bucket).ToArray(), (float[])dense.Clone()));
        }

        return result;
    }

    /// <summary>Grid search by cross-validation, then one final fit on all rows with the best settings and their thresholds.</summary>
    public static CategoryTrainingReport Train(IReadOnlyList<FeaturizedCategoryRow> rows, CategoryTrainerOptions options, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var folds = AssignFolds(rows, options.Folds);
        var grid = new List<(CategorySettings, double)>();
        CategorySettings? best = null;
        var bestScore = double.NegativeInfinity;
        (IReadOnlyList<CategoryScore> Scores, double[] Thresholds) bestResult = ([], []);
        foreach (var settings in from lr in options.LearningRates
                                 from balance in options.Balance
                                 from l2 in options.L2
                                 from epochs in options.Epochs
                                 select new CategorySettings(epochs, l2, lr, balance))
        {
            var probabilities = OutOfFold(rows, folds, options, settings);
            var result = Evaluate(rows, probabilities, options);
            var score = Objective(result.Scores);
            grid.Add((settings, score));
            progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cv {score:0.0000}  {settings}"));

            // Ties keep the earlier (fewer epochs, less regularisation searched first) setting.
            if (score > bestScore + 1e-9)
            {
                (best, bestScore, bestResult) = (settings, score, result);
            }
        }

        var weights = Fit(rows, options, best!, _ => true);
        var model = new CategoryModel(
            string.Create(CultureInfo.InvariantCulture, $"{options.Version} (cv {bestScore:0.000})"),
            options.Buckets,
            weights.Families,
            weights.Dense,
            bestResult.Thresholds);
        var counts = rows.GroupBy(r => r.Source).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new CategoryTrainingReport(model, best!, bestScore, bestResult.Scores, grid, counts);
    }

    /// <summary>Out-of-fold probabilities, row × category.</summary>
    public static double[][] OutOfFold(IReadOnlyList<FeaturizedCategoryRow> rows, int[] folds, CategoryTrainerOptions options, CategorySettings settings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(folds);
        var result = new double[rows.Count][];
        var k = folds.Max() + 1;
        for (var fold = 0; fold < k; fold++)
        {
            var f = fold;
            var (families, dense) = Fit(rows, options, settings, i => folds[i] != f);
            for (var i = 0; i < rows.Count; i++)
            {
                if (folds[i] != f)
                {
                    continue;
                }

                var r = rows[i];
                var p = new double[CategoryModel.Count];
                if (families.TryGetValue(r.Family, out var w))
                {
                    Logits(w, families[CategoryModel.SharedFamily], options.Buckets, dense, r, p);
                    for (var c = 0; c < p.Length; c++)
                    {
                        p[c] = CategoryModel.Sigmoid(p[c]);
                    }
                }

                result[i] = p;
            }
        }

        return result;
    }

    /// <summary>Per category: the threshold reaching the target precision on the scored rows, and the detection figures with it.</summary>
    public static (IReadOnlyList<CategoryScore> Scores, double[] Thresholds) Evaluate(IReadOnlyList<FeaturizedCategoryRow> rows, double[][] probabilities, CategoryTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(options);
        var scored = Scored(rows);
        var thresholds = new double[CategoryModel.Count];
        var scores = new List<CategoryScore>();
        ClassCounts rulesAll = default, combinedAll = default;
        int addedAll = 0, correctAll = 0, goldAll = 0;
        for (var c = 0; c < CategoryModel.Count; c++)
        {
            var threshold = double.PositiveInfinity;
            var curve = new List<(double, int, int)>();
            foreach (var t in options.Thresholds)
            {
                int added = 0, correct = 0;
                foreach (var i in scored)
                {
                    if (!rows[i].Rule[c] && probabilities[i][c] >= t)
                    {
                        added++;
                        correct += rows[i].Gold[c] ? 1 : 0;
                    }
                }

                curve.Add((t, added, correct));
                if (double.IsPositiveInfinity(threshold) && correct >= options.MinAdded && correct >= options.TargetPrecision * added)
                {
                    threshold = t;
                }
            }

            thresholds[c] = threshold;
            int tpR = 0, fpR = 0, fnR = 0, tpC = 0, fpC = 0, fnC = 0, add = 0, ok = 0, gold = 0;
            foreach (var i in scored)
            {
                var r = rows[i];
                var byModel = !r.Rule[c] && probabilities[i][c] >= threshold;
                var combined = r.Rule[c] || byModel;
                gold += r.Gold[c] ? 1 : 0;
                tpR += r.Rule[c] && r.Gold[c] ? 1 : 0;
                fpR += r.Rule[c] && !r.Gold[c] ? 1 : 0;
                fnR += !r.Rule[c] && r.Gold[c] ? 1 : 0;
                tpC += combined && r.Gold[c] ? 1 : 0;
                fpC += combined && !r.Gold[c] ? 1 : 0;
                fnC += !combined && r.Gold[c] ? 1 : 0;
                add += byModel ? 1 : 0;
                ok += byModel && r.Gold[c] ? 1 : 0;
            }

            var rules = new ClassCounts(tpR, fpR, fnR);
            var both = new ClassCounts(tpC, fpC, fnC);
            scores.Add(new CategoryScore(CategoryModel.Categories[c], gold, rules, both, add, ok, threshold) { Curve = curve });
            rulesAll += rules;
            combinedAll += both;
            addedAll += add;
            correctAll += ok;
            goldAll += gold;
        }

        scores.Insert(0, new CategoryScore("all", goldAll, rulesAll, combinedAll, addedAll, correctAll, double.NaN));
        return (scores, thresholds);
    }

    /// <summary>Mean per-category F1 of rules + model additions (categories weigh the same: rare critical ones matter most).</summary>
    public static double Objective(IReadOnlyList<CategoryScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var categories = scores.Where(s => s.Category != "all" && s.Gold > 0).ToList();
        return categories.Count == 0 ? 0 : categories.Average(s => s.Combined.F1);
    }

    /// <summary>The rows scored in cross-validation: social rows when there are any (the rules were tuned on the dev split), else all.</summary>
    public static List<int> Scored(IReadOnlyList<FeaturizedCategoryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var fresh = Enumerable.Range(0, rows.Count).Where(i => rows[i].Source != DevSource).ToList();
        return fresh.Count > 0 ? fresh : Enumerable.Range(0, rows.Count).ToList();
    }

    /// <summary>Deterministic stratified folds: rows sorted by (language, first gold category, position) are dealt round-robin.</summary>
    public static int[] AssignFolds(IReadOnlyList<FeaturizedCategoryRow> rows, int k)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        var folds = new int[rows.Count];
        var order = Enumerable.Range(0, rows.Count)
            .OrderBy(i => rows[i].Language, StringComparer.Ordinal)
            .ThenBy(i => Array.IndexOf(rows[i].Gold, true))
            .ThenBy(i => i);
        var n = 0;
        foreach (var i in order)
        {
            folds[i] = n++ % k;
        }

        return folds;
    }

    /// <summary>One joint SGD fit on the rows <paramref name="include"/> selects.</summary>
    public static (Dictionary<string, CategoryWeights> Families, float[] Dense) Fit(IReadOnlyList<FeaturizedCategoryRow> rows, CategoryTrainerOptions options, CategorySettings settings, Func<int, bool> include)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(include);
        var n = CategoryModel.Count;
        var members = Enumerable.Range(0, rows.Count).Where(include).ToArray();
        var families = new Dictionary<string, CategoryWeights>(StringComparer.Ordinal);
        foreach (var family in members.Select(i => rows[i].Family).Distinct().Order(StringComparer.Ordinal))
        {
            families[family] = new CategoryWeights(options.Buckets);
        }

        var stems = new CategoryWeights(options.Buckets);
        var buckets = options.Buckets;

        var dense = new float[CategoryModel.DenseCount * n];
        var positiveWeight = new double[n];
        for (var c = 0; c < n; c++)
        {
            var positives = members.Count(i => rows[i].Gold[c] && !rows[i].Rule[c]);
            var negatives = members.Count(i => !rows[i].Gold[c] && !rows[i].Rule[c]);
            positiveWeight[c] = positives == 0 ? 1 : Math.Min(10, Math.Pow((double)negatives / positives, settings.Balance));
        }

        var rng = new SplitMix64(options.Seed);
        var order = (int[])members.Clone();
        var steps = (long)settings.Epochs * members.Length;
        var step = 0L;
        var z = new double[n];
        var g = new double[n];
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (var i in order)
            {
                var r = rows[i];
                var w = families[r.Family];
                var lr = settings.LearningRate * (1 - ((double)step++ / steps));
                Logits(w, stems, buckets, dense, r, z);
                for (var c = 0; c < n; c++)
                {
                    var p = CategoryModel.Sigmoid(z[c]);
                    // The model only ever speaks where no rule fired for the category, so it learns from those rows alone.
                    g[c] = r.Rule[c] ? 0 : r.Gold[c] ? (p - 1) * positiveWeight[c] : p;
                }

                var decay = 1 - (lr * settings.L2);
                var scale = FamilyWeights.Scale(r.Buckets.Length);
                foreach (var b in r.Buckets)
                {
                    var (table, o) = b < buckets ? (w.Hashed, b * n) : (stems.Hashed, (b - buckets) * n);
                    for (var c = 0; c < n; c++)
                    {
                        table[o + c] = (float)((table[o + c] * decay) - (lr * g[c] * scale));
                    }
                }

                for (var c = 0; c < n; c++)
                {
                    w.Bias[c] = (float)(w.Bias[c] - (lr * g[c]));
                }

                for (var d = 0; d < r.Dense.Length; d++)
                {
                    var x = r.Dense[d];
                    if (x == 0)
                    {
                        continue;
                    }

                    var o = d * n;
                    for (var c = 0; c < n; c++)
                    {
                        dense[o + c] = (float)((dense[o + c] * decay) - (lr * g[c] * x));
                    }
                }
            }
        }

        families[CategoryModel.SharedFamily] = stems;
        return (families, dense);
    }

    private static void Logits(CategoryWeights w, CategoryWeights stems, int buckets, float[] dense, FeaturizedCategoryRow r, double[] z)
    {
        var n = CategoryModel.Count;
        Array.Clear(z);
        foreach (var b in r.Buckets)
        {
            var (table, o) = b < buckets ? (w.Hashed, b * n) : (stems.Hashed, (b - buckets) * n);
            for (var c = 0; c < n; c++)
            {
                z[c] += table[o + c];
            }
        }

        var scale = FamilyWeights.Scale(r.Buckets.Length);
        for (var c = 0; c < n; c++)
        {
            z[c] = (z[c] * scale) + w.Bias[c];
        }

        for (var d = 0; d < r.Dense.Length; d++)
        {
            var x = r.Dense[d];
            if (x != 0)
            {
                var o = d * n;
                for (var c = 0; c < n; c++)
                {
                    z[c] += x * dense[o + c];
                }
            }
        }
    }

    /// <summary>The cross-validation table and settings as Markdown, for the CLI.</summary>
    public static string Format(CategoryTrainingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"rows: {string.Join(", ", report.Rows.Select(r => r.Key + " " + r.Value.ToString(CultureInfo.InvariantCulture)))}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"chosen by cross-validation: {report.Settings} (mean per-category F1 {report.Objective:0.000})");
        sb.AppendLine();
        sb.AppendLine("Scored rows: the social-*.jsonl rows, out of fold (the rules were tuned on the dev split). \"added\" = rows where no rule fired and the model's probability cleared the threshold.");
        sb.AppendLine();
        sb.AppendLine("| category | gold | threshold | rules P | rules R | added (correct) | rules + model P | rules + model R |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in report.Scores)
        {
            var threshold = double.IsNaN(s.Threshold) ? string.Empty : double.IsPositiveInfinity(s.Threshold) ? "off" : s.Threshold.ToString("0.00", CultureInfo.InvariantCulture);
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {s.Category} | {s.Gold} | {threshold} | {F(s.Rules.Precision)} | {F(s.Rules.Recall)} | {s.ModelAdded} ({s.ModelCorrect}) | {F(s.Combined.Precision)} | {F(s.Combined.Recall)} |");
        }

        return sb.ToString();
    }

    /// <summary>Per category, the out-of-fold additions (correct) at every candidate threshold.</summary>
    public static string FormatCurves(CategoryTrainingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        foreach (var s in report.Scores.Where(s => s.Curve.Count > 0))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {s.Category}: {string.Join(" ", s.Curve.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Threshold:0.00}:{c.Correct}/{c.Added}")))}");
        }

        return sb.ToString();
    }

    private static string F(double v) => double.IsNaN(v) ? "–" : v.ToString("0.000", CultureInfo.InvariantCulture);
}
