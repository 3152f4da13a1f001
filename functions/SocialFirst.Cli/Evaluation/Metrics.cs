namespace SocialFirst.Cli.Evaluation;

/// <summary>Precision, recall and F1 of one class.</summary>
public readonly record struct ClassScore(string Label, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1
    {
        get
        {
            var p = TruePositives + FalsePositives == 0 ? 0 : Precision;
            var r = TruePositives + FalseNegatives == 0 ? 0 : Recall;
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /// <summary>True when the class occurs in the gold labels or the predictions.</summary>
    public bool Present => TruePositives + FalsePositives + FalseNegatives > 0;
}

/// <summary>Plain classification metrics.</summary>
public static class Metrics
{
    public static double Accuracy<T>(IReadOnlyList<(T Gold, T Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return pairs.Count == 0 ? double.NaN : (double)pairs.Count(p => EqualityComparer<T>.Default.Equals(p.Gold, p.Predicted)) / pairs.Count;
    }

    public static IReadOnlyList<ClassScore> PerClass(IReadOnlyList<(string Gold, string Predicted)> pairs, IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return labels.Select(l => new ClassScore(
            l,
            pairs.Count(p => p.Gold == l && p.Predicted == l),
            pairs.Count(p => p.Gold != l && p.Predicted == l),
            pairs.Count(p => p.Gold == l && p.Predicted != l))).ToList();
    }

    /// <summary>Mean F1 over the classes present in gold or predictions (a class absent from both is skipped).</summary>
    public static double MacroF1(IReadOnlyList<(string Gold, string Predicted)> pairs, IEnumerable<string> labels)
    {
        var present = PerClass(pairs, labels).Where(c => c.Present).ToList();
        return present.Count == 0 ? double.NaN : present.Average(c => c.F1);
    }

    public static ClassScore Binary(IReadOnlyList<(bool Gold, bool Predicted)> pairs, string label)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new ClassScore(label, pairs.Count(p => p.Gold && p.Predicted), pairs.Count(p => !p.Gold && p.Predicted), pairs.Count(p => p.Gold && !p.Predicted));
    }
}
