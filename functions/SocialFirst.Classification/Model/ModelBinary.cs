using System.IO.Compression;
using System.Text;

namespace SocialFirst.Classification.Model;

/// <summary>
/// The file layout the trained models share: gzip-compressed little-endian binary that starts with a magic number and
/// a format version, and stores a hashed weight table (buckets × width, row-major) as its count of non-zero buckets,
/// then each such bucket's index and weights.
/// </summary>
internal static class ModelBinary
{
    /// <summary>Runs <paramref name="write"/> against a gzip stream and returns the compressed bytes.</summary>
    public static byte[] Write(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Checks the magic number and format version, then lets <paramref name="read"/> read the rest.</summary>
    public static T Read<T>(byte[] data, uint magic, int formatVersion, string kind, Func<BinaryReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var gzip = new GZipStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip, Encoding.UTF8);
        if (reader.ReadUInt32() != magic || reader.ReadInt32() != formatVersion)
        {
            throw new InvalidDataException($"Not a SocialFirst {kind} model (format {formatVersion}).");
        }

        return read(reader);
    }

    /// <summary>Writes the non-zero buckets of <paramref name="hashed"/>: their count, then each one's index and <paramref name="width"/> weights.</summary>
    public static void WriteHashed(BinaryWriter writer, float[] hashed, int buckets, int width)
    {
        var nonZero = 0;
        for (var b = 0; b < buckets; b++)
        {
            nonZero += IsZero(hashed, b, width) ? 0 : 1;
        }

        writer.Write(nonZero);
        for (var b = 0; b < buckets; b++)
        {
            if (!IsZero(hashed, b, width))
            {
                writer.Write(b);
                for (var k = 0; k < width; k++)
                {
                    writer.Write(hashed[(b * width) + k]);
                }
            }
        }
    }

    /// <summary>Reads what <see cref="WriteHashed"/> wrote into <paramref name="hashed"/> (all zero beforehand).</summary>
    public static void ReadHashed(BinaryReader reader, float[] hashed, int width)
    {
        var nonZero = reader.ReadInt32();
        for (var j = 0; j < nonZero; j++)
        {
            var b = reader.ReadInt32();
            for (var k = 0; k < width; k++)
            {
                hashed[(b * width) + k] = reader.ReadSingle();
            }
        }
    }

    private static bool IsZero(float[] hashed, int bucket, int width)
    {
        var o = bucket * width;
        for (var k = 0; k < width; k++)
        {
            if (hashed[o + k] != 0)
            {
                return false;
            }
        }

        return true;
    }
}
