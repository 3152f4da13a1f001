namespace SocialFirst.Platforms.Tests.TestSupport;

/// <summary>Reads the payload samples under Fixtures/ (copied to the output directory) as raw bytes.</summary>
internal static class Fixtures
{
    public static byte[] Bytes(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath));
}
