using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;

namespace SocialFirst.Cli.Commands.Training;

/// <summary>
/// What <see cref="TrainSentimentCommand"/> and <see cref="TrainCategoriesCommand"/> share: the options
/// <c>--out --cv --devset --training --buckets --quick --verbose</c> (each command adds its own between
/// <c>--training</c> and <c>--buckets</c>), the argument checks, the loading of the training rows and the writing of
/// the model file with its one-line summary. Errors go to the error writer with exit code 2.
/// </summary>
public abstract class TrainModelCommand : Command
{
    /// <summary>Printed when there are fewer labelled rows than twice the number of folds.</summary>
    protected const string TooLittleData = "Too little training data: need labelled rows in the dev split or data/training/social-*.jsonl.";

    protected TrainModelCommand(string name, string description, TextWriter output, TextWriter error, string defaultOut, string foldsDescription, string bucketsDescription, int defaultBuckets)
        : base(name, description)
    {
        Output = output;
        Error = error;
        OutPath = new("--out", "-o")
        {
            Description = "Where to write the model (gzip binary, embedded by the classifier project).",
            DefaultValueFactory = _ => defaultOut,
        };
        Folds = new("--cv")
        {
            Description = foldsDescription,
            DefaultValueFactory = _ => 5,
        };
        Buckets = new("--buckets")
        {
            Description = bucketsDescription,
            DefaultValueFactory = _ => defaultBuckets,
        };
    }

    protected TextWriter Output { get; }

    protected TextWriter Error { get; }

    protected Option<string> OutPath { get; }

    protected Option<int> Folds { get; }

    protected Option<string> Devset { get; } = new("--devset")
    {
        Description = "Labelled dev set; only its split \"dev\" rows are used.",
        DefaultValueFactory = _ => EvaluateCommand.DefaultFile,
    };

    protected Option<string> Training { get; } = new("--training")
    {
        Description = "Folder with social-*.jsonl training files.",
        DefaultValueFactory = _ => "data/training",
    };

    protected Option<int> Buckets { get; }

    protected Option<bool> Quick { get; } = new("--quick")
    {
        Description = "A small settings grid (for tests and quick checks).",
    };

    protected Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Print the cross-validation score of every setting tried.",
    };

    /// <summary>Adds the options in their help order, the command's own <paramref name="own"/> after <c>--training</c>.</summary>
    protected void AddOptions(Option own)
    {
        Options.Add(OutPath);
        Options.Add(Folds);
        Options.Add(Devset);
        Options.Add(Training);
        Options.Add(own);
        Options.Add(Buckets);
        Options.Add(Quick);
        Options.Add(Verbose);
    }

    /// <summary>False (after printing why) unless there are at least two folds and the buckets are a power of two in [min, max].</summary>
    protected bool CheckFoldsAndBuckets(int cv, int hashBuckets, int min, int max)
    {
        if (cv < 2)
        {
            Error.WriteLine("--cv must be at least 2");
            return false;
        }

        if (hashBuckets < min || hashBuckets > max || (hashBuckets & (hashBuckets - 1)) != 0)
        {
            Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"--buckets must be a power of two between {min} and {max}"));
            return false;
        }

        return true;
    }

    /// <summary>
    /// Reads the training rows: the dev split of <paramref name="devsetPath"/> (when it is found), every
    /// <c>social-*.jsonl</c> of <paramref name="trainingDirectory"/>, then what <paramref name="more"/> gives; false
    /// (after printing the message) when the data cannot be read.
    /// </summary>
    protected bool TryLoad<T>(string devsetPath, string trainingDirectory, Func<string, IReadOnlyList<T>> dev, Func<string, IReadOnlyList<T>> social, Func<IReadOnlyList<T>>? more, out List<T> examples)
    {
        ArgumentNullException.ThrowIfNull(dev);
        ArgumentNullException.ThrowIfNull(social);
        examples = [];
        try
        {
            var devset = EvaluateCommand.Resolve(devsetPath);
            if (devset is not null)
            {
                examples.AddRange(dev(devset));
            }

            examples.AddRange(social(ResolveDirectory(trainingDirectory)));
            if (more is not null)
            {
                examples.AddRange(more());
            }

            return true;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or System.Text.Json.JsonException or IOException)
        {
            Error.WriteLine(ex.Message);
            return false;
        }
    }

    /// <summary>Writes the model file (creating its folder) and prints its size, version and hash prefix.</summary>
    protected void WriteModel(string modelPath, byte[] bytes, string version)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var full = Path.GetFullPath(modelPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {modelPath} ({bytes.Length / 1024.0:0.0} KB, model {version}, SHA-256 {Convert.ToHexString(SHA256.HashData(bytes))[..16]})"));
    }

    /// <summary>A relative folder that does not exist here is looked for in the parent folders (the repository root).</summary>
    protected static string ResolveDirectory(string path)
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
