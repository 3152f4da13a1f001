using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace SocialFirst.Classification;

/// <summary>Reads the data files embedded in this assembly (Data/**): lexicons, rules, the Chinese dictionary.</summary>
internal static class ClassifierData
{
    private const string Prefix = "SocialFirst.Classification.Data/";

    private static readonly Assembly Assembly = typeof(ClassifierData).Assembly;

    /// <summary>Embedded resource names below Data/, with '/' separators (for example "rules/en.json").</summary>
    public static IEnumerable<string> Names() =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..].Replace('\\', '/'));

    public static string? TryRead(string name)
    {
        var resource = Assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n[Prefix.Length..].Replace('\\', '/') == name);
        if (resource is null)
        {
            return null;
        }

        using var stream = Assembly.GetManifestResourceStream(resource)!;
        using Stream source = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(source, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The raw bytes of a binary resource (for example "model/sentiment.bin"), or null when it is not shipped.</summary>
    public static byte[]? TryReadBytes(string name)
    {
        var resource = Assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n[Prefix.Length..].Replace('\\', '/') == name);
        if (resource is null)
        {
            return null;
        }

        using var stream = Assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static string Read(string name) => TryRead(name) ?? throw new InvalidOperationException($"Embedded classifier data '{name}' is missing.");
}
