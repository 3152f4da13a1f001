using System.Text.Encodings.Web;
using System.Text.Json;

namespace SocialFirst.Cli;

/// <summary>JSON settings of every command's output: camelCase, one line, non-ASCII text left readable.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };
}
