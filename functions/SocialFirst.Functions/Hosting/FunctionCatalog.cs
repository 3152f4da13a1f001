using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace SocialFirst.Functions.Hosting;

/// <summary>
/// The functions of this app, read from the <c>*/function.json</c> files next to the executable: the same files the
/// Functions host reads, so the standalone runner and the host see the same triggers, queues and schedules.
/// </summary>
public sealed partial class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<FunctionDefinition> functions) => Functions = functions;

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public FunctionDefinition? Find(string name) => Functions.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public static FunctionCatalog Load(string appRoot, IConfiguration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var functions = new List<FunctionDefinition>();
        foreach (var dir in Directory.EnumerateDirectories(appRoot).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(dir, "function.json");
            if (File.Exists(file))
            {
                functions.Add(Parse(Path.GetFileName(dir), File.ReadAllText(file), settings));
            }
        }

        return new FunctionCatalog(functions);
    }

    public static FunctionDefinition Parse(string name, string json, IConfiguration settings)
    {
        using var doc = JsonDocument.Parse(json);
        var bindings = new List<BindingDefinition>();
        foreach (var b in doc.RootElement.GetProperty("bindings").EnumerateArray())
        {
            bindings.Add(new BindingDefinition(
                Str(b, "type") ?? throw new InvalidDataException($"{name}: binding without type"),
                Str(b, "direction") ?? "in",
                Str(b, "name") ?? throw new InvalidDataException($"{name}: binding without name"),
                Str(b, "route"),
                b.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToList() : null,
                Str(b, "authLevel"),
                Resolve(Str(b, "queueName"), settings),
                Resolve(Str(b, "schedule"), settings),
                Str(b, "connection"),
                b.TryGetProperty("runOnStartup", out var r) && r.ValueKind == JsonValueKind.True));
        }

        return new FunctionDefinition(name, bindings);
    }

    /// <summary>Replaces <c>%Setting%</c> with the app setting's value, as the host does.</summary>
    public static string? Resolve(string? value, IConfiguration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return value is null ? null : SettingReference().Replace(value, m =>
            settings[m.Groups[1].Value] ?? throw new InvalidOperationException($"app setting '{m.Groups[1].Value}' used in function.json is not set"));
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex("%([A-Za-z0-9_:.-]+)%")]
    private static partial Regex SettingReference();
}
