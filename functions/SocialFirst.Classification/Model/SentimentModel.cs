using System.Globalization;

namespace SocialFirst.Classification.Model;

/// <summary>
/// The trained part of sentiment: one multinomial logistic regression per language family over hashed n-gram
/// features and the lexicon's evidence (<see cref="SentimentFeatures"/>), four classes in <c>Sentiment</c> enum order
/// (positive, neutral, negative, mixed). Immutable and thread-safe; weights are dense per family (a few MB in all).
/// Stored as gzip-compressed little-endian binary (<c>Data/model/sentiment.bin</c>) with only the non-zero buckets.
/// </summary>
internal sealed class SentimentModel
{
    public const int Classes = 4;

    private const uint Magic = 0x4D534653; // "SFSM"
    private const int FormatVersion = 1;

    private readonly Dictionary<string, FamilyWeights> families;

    public SentimentModel(string version, int buckets, IReadOnlyDictionary<string, FamilyWeights> families)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 16);
        Version = version;
        Buckets = buckets;
        this.families = new Dictionary<string, FamilyWeights>(families, StringComparer.Ordinal);
    }

    /// <summary>A label for diagnostics, for example "1.2.0 (cv 0.87)".</summary>
    public string Version { get; }

    public int Buckets { get; }

    public IEnumerable<string> Families => families.Keys.Order(StringComparer.Ordinal);

    public bool Covers(string family) => families.ContainsKey(family);

    public FamilyWeights this[string family] => families[family];

    /// <summary>Class probabilities for one text's features; false when the family has no model.</summary>
    public bool Predict(string family, List<HashedFeature> features, ReadOnlySpan<float> dense, Span<double> probabilities)
    {
        if (!families.TryGetValue(family, out var w))
        {
            return false;
        }

        w.Scores(features, dense, probabilities);
        Softmax(probabilities);
        return true;
    }

    public static void Softmax(Span<double> z)
    {
        var max = double.NegativeInfinity;
        foreach (var v in z)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        for (var k = 0; k < z.Length; k++)
        {
            z[k] = Math.Exp(z[k] - max);
            sum += z[k];
        }

        for (var k = 0; k < z.Length; k++)
        {
            z[k] /= sum;
        }
    }

    /// <summary>
    /// The (up to three) distinct n-grams that pushed most towards class <paramref name="label"/>, skipping stop
    /// words; cheap enough to run on every classification (only the winners become strings).
    /// </summary>
    public IReadOnlyList<string> TopFeatures(string family, string normalized, List<HashedFeature> features, int label, HashSet<string> stopWords)
    {
        var w = families[family];
        Span<int> best = [-1, -1, -1];
        Span<double> weight = [0.05, 0.05, 0.05];
        for (var i = 0; i < features.Count; i++)
        {
            var contribution = w.Contribution(features[i].Bucket, label);
            if (contribution <= weight[2] || Duplicate(normalized, features, best, i))
            {
                continue;
            }

            var f = features[i];
            if (f.End - f.Start < 2 || stopWords.Contains(SentimentFeatures.Describe(normalized, f)))
            {
                continue;
            }

            var at = contribution > weight[0] ? 0 : contribution > weight[1] ? 1 : 2;
            for (var k = 2; k > at; k--)
            {
                best[k] = best[k - 1];
                weight[k] = weight[k - 1];
            }

            best[at] = i;
            weight[at] = contribution;
        }

        var result = new List<string>(3);
        foreach (var i in best)
        {
            if (i >= 0)
            {
                result.Add(SentimentFeatures.Describe(normalized, features[i]));
            }
        }

        return result;
    }

    private static bool Duplicate(string normalized, List<HashedFeature> features, ReadOnlySpan<int> chosen, int candidate)
    {
        var c = features[candidate];
        foreach (var i in chosen)
        {
            if (i >= 0 && features[i].End - features[i].Start == c.End - c.Start
                && normalized.AsSpan(features[i].Start, features[i].End - features[i].Start).SequenceEqual(normalized.AsSpan(c.Start, c.End - c.Start)))
            {
                return true;
            }
        }

        return false;
    }

    public byte[] Serialize() => ModelBinary.Write(writer =>
    {
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Version);
        writer.Write(Buckets);
        writer.Write(SentimentFeatures.DenseCount);
        writer.Write(Classes);
        writer.Write(families.Count);
        foreach (var name in Families)
        {
            var f = families[name];
            writer.Write(name);
            ModelBinary.WriteHashed(writer, f.Hashed, Buckets, Classes);
            foreach (var v in f.Dense)
            {
                writer.Write(v);
            }
        }
    });

    public static SentimentModel Deserialize(byte[] data) => ModelBinary.Read(data, Magic, FormatVersion, "sentiment", reader =>
    {
        var version = reader.ReadString();
        var buckets = reader.ReadInt32();
        var dense = reader.ReadInt32();
        var classes = reader.ReadInt32();
        if (dense != SentimentFeatures.DenseCount || classes != Classes || buckets <= 0 || buckets > (1 << 24))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Sentiment model shape {buckets}×{dense}×{classes} does not match this build ({SentimentFeatures.DenseCount} dense features, {Classes} classes): retrain it."));
        }

        var count = reader.ReadInt32();
        var families = new Dictionary<string, FamilyWeights>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var weights = new FamilyWeights(buckets);
            ModelBinary.ReadHashed(reader, weights.Hashed, Classes);
            for (var j = 0; j < weights.Dense.Length; j++)
            {
                weights.Dense[j] = reader.ReadSingle();
            }

            families[name] = weights;
        }

        return new SentimentModel(version, buckets, families);
    });
}

/// <summary>The weights of one language family: hashed buckets × classes, then dense features × classes (row-major).</summary>
internal sealed class FamilyWeights
{
    public FamilyWeights(int buckets)
    {
        Hashed = new float[buckets * SentimentModel.Classes];
        Dense = new float[SentimentFeatures.DenseCount * SentimentModel.Classes];
    }

    public float[] Hashed { get; }

    public float[] Dense { get; }

    /// <summary>Raw class scores (logits) into <paramref name="scores"/>.</summary>
    public void Scores(List<HashedFeature> features, ReadOnlySpan<float> dense, Span<double> scores)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var h = Hashed;
        foreach (var f in features)
        {
            var o = f.Bucket * SentimentModel.Classes;
            s0 += h[o];
            s1 += h[o + 1];
            s2 += h[o + 2];
            s3 += h[o + 3];
        }

        var scale = Scale(features.Count);
        s0 *= scale;
        s1 *= scale;
        s2 *= scale;
        s3 *= scale;
        var d = Dense;
        for (var j = 0; j < dense.Length; j++)
        {
            var x = dense[j];
            if (x != 0)
            {
                var o = j * SentimentModel.Classes;
                s0 += x * d[o];
                s1 += x * d[o + 1];
                s2 += x * d[o + 2];
                s3 += x * d[o + 3];
            }
        }

        scores[0] = s0;
        scores[1] = s1;
        scores[2] = s2;
        scores[3] = s3;
    }

    /// <summary>Hashed features count 1/√n each (n features in the text), so long texts do not drown the lexicon features.</summary>
    public static double Scale(int count) => count <= 1 ? 1 : 1 / Math.Sqrt(count);

    /// <summary>How much a bucket favours a class over the mean of the classes.</summary>
    public double Contribution(int bucket, int label)
    {
        var o = bucket * SentimentModel.Classes;
        var mean = (Hashed[o] + Hashed[o + 1] + Hashed[o + 2] + Hashed[o + 3]) / 4.0;
        return Hashed[o + label] - mean;
    }
}
