using System.Globalization;
using SocialFirst.Core.Classification;

namespace SocialFirst.Classification.Model;

/// <summary>
/// The trained part of care-category detection: one-vs-rest logistic regression, one output per
/// <see cref="CareCategory"/>, over the same hashed n-grams as the sentiment model (<see cref="SentimentFeatures"/>)
/// plus dense features (the lexicon's evidence and the confidence each category's rules gave). The n-gram weights and
/// a bias are per language family; the dense weights are shared by all families, so what a rule or the lexicon says is
/// learnt from every language's rows. Each category has a threshold, chosen by cross-validation for precision, at
/// which the model may add it where no rule fired; a category whose threshold is <see cref="double.PositiveInfinity"/>
/// is never added. Immutable and thread-safe. Stored gzip-compressed (<c>Data/model/categories.bin</c>).
/// </summary>
internal sealed class CategoryModel
{
    private const uint Magic = 0x4D434653; // "SFCM"
    private const int FormatVersion = 1;

    /// <summary>The pseudo-family of the shared (cross-language) stem table in the model file.</summary>
    public const string SharedFamily = "*";

    /// <summary>Latin words of at least this many letters add a shared stem feature of this length ("hack" of hacked, hackeado, gehackt).</summary>
    public const int StemLength = 4;

    private readonly Dictionary<string, CategoryWeights> families;
    private readonly double[] thresholds;

    public CategoryModel(string version, int buckets, IReadOnlyDictionary<string, CategoryWeights> families, float[] dense, IReadOnlyList<double> thresholds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 16);
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (dense.Length != DenseCount * Count || thresholds.Count != Count)
        {
            throw new ArgumentException("Dense weights or thresholds do not match the category list.", nameof(dense));
        }

        Version = version;
        Buckets = buckets;
        Dense = dense;
        this.families = families.Where(f => f.Key != SharedFamily).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        Shared = families.TryGetValue(SharedFamily, out var shared) ? shared : new CategoryWeights(buckets);
        this.thresholds = [.. thresholds];
    }

    /// <summary>The categories, in output order (<see cref="CareCategory.All"/>).</summary>
    public static IReadOnlyList<string> Categories => CareCategory.All;

    public static int Count => CareCategory.All.Count;

    /// <summary>The sentiment model's dense features, then one per category: the confidence its rules gave (0 when none fired).</summary>
    public static int DenseCount => SentimentFeatures.DenseCount + Count;

    public string Version { get; }

    public int Buckets { get; }

    /// <summary>Shared dense weights, dense feature × category (row-major).</summary>
    public float[] Dense { get; }

    public IEnumerable<string> Families => families.Keys.Order(StringComparer.Ordinal);

    /// <summary>Weights of the cross-language stem features (features whose bucket is at or above <see cref="Buckets"/>).</summary>
    public CategoryWeights Shared { get; }

    public IReadOnlyList<double> Thresholds => thresholds;

    public bool Covers(string family) => families.ContainsKey(family);

    public CategoryWeights this[string family] => families[family];

    /// <summary>
    /// The confidence a model-added category reports: its probability, capped at the weight our rules give that
    /// category (docs/classifier.md, calibrated against <c>UrgencyPolicy.Default</c>), so a sure model never weighs
    /// more in the urgency score than a rule would.
    /// </summary>
    public static double ConfidenceCap(string category) => category switch
    {
        CareCategory.Safety or CareCategory.Legal => 0.9,
        CareCategory.Security or CareCategory.Spam => 0.85,
        CareCategory.Praise => 0.7,
        CareCategory.PrivateHelp or CareCategory.Question or CareCategory.Rumour => 0.6,
        CareCategory.ServiceFailure or CareCategory.Churn => 0.55,
        _ => 0.5,
    };

    /// <summary>
    /// The sentiment model's family n-grams (buckets 0..<paramref name="buckets"/>−1), then one shared stem per Latin
    /// word of at least <see cref="StemLength"/> letters, hashed without the family seed into buckets
    /// <paramref name="buckets"/>..2·<paramref name="buckets"/>−1: the few category words that several languages share
    /// (hack*, phish*, passw*, login, fraud*, cancel*, promo*) are learnt from every language's rows.
    /// </summary>
    public static void Hash(string normalized, string family, int buckets, List<HashedFeature> features)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        SentimentFeatures.Hash(normalized, family, buckets, features);
        var i = 0;
        while (i < normalized.Length)
        {
            if (!char.IsAsciiLetter(normalized[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < normalized.Length && char.IsAsciiLetter(normalized[end]))
            {
                end++;
            }

            if (end - i >= StemLength && (i == 0 || !char.IsLetterOrDigit(normalized[i - 1])))
            {
                var h = 2166136261u ^ 0x5F3759DFu;
                for (var c = i; c < i + StemLength; c++)
                {
                    h = (h ^ normalized[c]) * 16777619u;
                }

                features.Add(new HashedFeature(buckets + (int)(h % (uint)buckets), i, i + StemLength));
            }

            i = end;
        }
    }

    /// <summary>Fills <paramref name="dense"/> (length <see cref="DenseCount"/>) from the rule stages of one text.</summary>
    public static void DenseFeatures(MentionAnalysis analysis, Span<float> dense)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        SentimentFeatures.Dense(analysis.Lexicon, analysis.Categories, analysis.Priors, analysis.Normalized.Length, dense[..SentimentFeatures.DenseCount]);
        dense[SentimentFeatures.DenseCount..].Clear();
        foreach (var c in analysis.Categories)
        {
            var k = IndexOf(c.Category);
            if (k >= 0)
            {
                dense[SentimentFeatures.DenseCount + k] = (float)c.Confidence;
            }
        }
    }

    public static int IndexOf(string category)
    {
        for (var k = 0; k < Count; k++)
        {
            if (string.Equals(CareCategory.All[k], category, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>Per-category probabilities for one text's features; false when the family has no model.</summary>
    public bool Predict(string family, List<HashedFeature> features, ReadOnlySpan<float> dense, Span<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!families.TryGetValue(family, out var w))
        {
            return false;
        }

        w.Logits(features, Shared, Buckets, Dense, dense, probabilities);
        for (var k = 0; k < probabilities.Length; k++)
        {
            probabilities[k] = Sigmoid(probabilities[k]);
        }

        return true;
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>The (up to three) distinct n-grams with the largest weight towards category <paramref name="k"/>, stop words skipped.</summary>
    public IReadOnlyList<string> TopFeatures(string family, string normalized, List<HashedFeature> features, int k, HashSet<string> stopWords)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(stopWords);
        var own = families[family].Hashed;
        var shared = Shared.Hashed;
        var result = new List<string>(3);
        var used = new bool[features.Count];
        for (var round = 0; round < 3; round++)
        {
            var best = -1;
            var bestWeight = 0.05;
            for (var i = 0; i < features.Count; i++)
            {
                var f = features[i];
                var weight = f.Bucket < Buckets ? own[(f.Bucket * Count) + k] : shared[((f.Bucket - Buckets) * Count) + k];
                if (used[i] || weight <= bestWeight || f.End - f.Start < 2)
                {
                    continue;
                }

                var text = SentimentFeatures.Describe(normalized, f);
                if (stopWords.Contains(text) || result.Contains(text, StringComparer.Ordinal))
                {
                    used[i] = true;
                    continue;
                }

                best = i;
                bestWeight = weight;
            }

            if (best < 0)
            {
                break;
            }

            used[best] = true;
            result.Add(SentimentFeatures.Describe(normalized, features[best]));
        }

        return result;
    }

    public byte[] Serialize() => ModelBinary.Write(writer =>
    {
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Version);
        writer.Write(Buckets);
        writer.Write(DenseCount);
        writer.Write(Count);
        foreach (var c in Categories)
        {
            writer.Write(c);
        }

        foreach (var t in thresholds)
        {
            writer.Write(t);
        }

        foreach (var v in Dense)
        {
            writer.Write(v);
        }

        writer.Write(families.Count + 1);
        foreach (var name in Families.Append(SharedFamily))
        {
            var f = name == SharedFamily ? Shared : families[name];
            writer.Write(name);
            foreach (var b in f.Bias)
            {
                writer.Write(b);
            }

            ModelBinary.WriteHashed(writer, f.Hashed, Buckets, Count);
        }
    });

    public static CategoryModel Deserialize(byte[] data) => ModelBinary.Read(data, Magic, FormatVersion, "category", reader =>
    {
        var version = reader.ReadString();
        var buckets = reader.ReadInt32();
        var dense = reader.ReadInt32();
        var count = reader.ReadInt32();
        var names = new List<string>();
        for (var k = 0; k < count; k++)
        {
            names.Add(reader.ReadString());
        }

        if (dense != DenseCount || count != Count || !names.SequenceEqual(Categories, StringComparer.Ordinal) || buckets <= 0 || buckets > (1 << 24))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Category model shape {buckets}×{dense}×{count} ({string.Join(",", names)}) does not match this build ({DenseCount} dense features, categories {string.Join(",", Categories)}): retrain it."));
        }

        var thresholds = new double[count];
        for (var k = 0; k < count; k++)
        {
            thresholds[k] = reader.ReadDouble();
        }

        var shared = new float[DenseCount * Count];
        for (var j = 0; j < shared.Length; j++)
        {
            shared[j] = reader.ReadSingle();
        }

        var familyCount = reader.ReadInt32();
        var families = new Dictionary<string, CategoryWeights>(StringComparer.Ordinal);
        for (var i = 0; i < familyCount; i++)
        {
            var name = reader.ReadString();
            var weights = new CategoryWeights(buckets);
            for (var k = 0; k < Count; k++)
            {
                weights.Bias[k] = reader.ReadSingle();
            }

            ModelBinary.ReadHashed(reader, weights.Hashed, Count);
            families[name] = weights;
        }

        return new CategoryModel(version, buckets, families, shared, thresholds);
    });
}

/// <summary>One family's category weights: hashed buckets × categories (row-major) and a bias per category.</summary>
internal sealed class CategoryWeights
{
    /// <summary>Weights per bucket: one per <see cref="CareCategory"/> (checked against the category list when the type loads).</summary>
    public const int Width = 11;

    static CategoryWeights()
    {
        if (CareCategory.All.Count != Width)
        {
            throw new InvalidOperationException($"CategoryWeights is unrolled for {Width} categories; CareCategory has {CareCategory.All.Count}: update it and retrain.");
        }
    }

    public CategoryWeights(int buckets)
    {
        Hashed = new float[buckets * CategoryModel.Count];
        Bias = new float[CategoryModel.Count];
    }

    public float[] Hashed { get; }

    public float[] Bias { get; }

    /// <summary>
    /// Raw logits per category; hashed features count 1/√n each as in the sentiment model. The sum over the hashed
    /// features is unrolled over the eleven categories into locals: fast in the JIT's first (unoptimised) tier too, so
    /// a fresh process is not slow for its first seconds, and no per-call scratch is needed.
    /// </summary>
    public void Logits(List<HashedFeature> features, CategoryWeights stems, int buckets, float[] shared, ReadOnlySpan<float> dense, Span<double> logits)
    {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, s9 = 0, s10 = 0;
        var own = Hashed;
        var stem = stems.Hashed;
        foreach (var f in features)
        {
            var t = own;
            var o = f.Bucket * Width;
            if (f.Bucket >= buckets)
            {
                t = stem;
                o = (f.Bucket - buckets) * Width;
            }

            s0 += t[o];
            s1 += t[o + 1];
            s2 += t[o + 2];
            s3 += t[o + 3];
            s4 += t[o + 4];
            s5 += t[o + 5];
            s6 += t[o + 6];
            s7 += t[o + 7];
            s8 += t[o + 8];
            s9 += t[o + 9];
            s10 += t[o + 10];
        }

        var scale = (float)FamilyWeights.Scale(features.Count);
        var b = Bias;
        logits[0] = b[0] + (s0 * scale);
        logits[1] = b[1] + (s1 * scale);
        logits[2] = b[2] + (s2 * scale);
        logits[3] = b[3] + (s3 * scale);
        logits[4] = b[4] + (s4 * scale);
        logits[5] = b[5] + (s5 * scale);
        logits[6] = b[6] + (s6 * scale);
        logits[7] = b[7] + (s7 * scale);
        logits[8] = b[8] + (s8 * scale);
        logits[9] = b[9] + (s9 * scale);
        logits[10] = b[10] + (s10 * scale);
        for (var j = 0; j < dense.Length; j++)
        {
            var x = dense[j];
            if (x != 0)
            {
                var o = j * Width;
                for (var k = 0; k < Width; k++)
                {
                    logits[k] += x * shared[o + k];
                }
            }
        }
    }
}
