using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SocialFirst.Infra.Tests.Infrastructure;

/// <summary>A resource found in a compiled template, with the (nested) template that declares it.</summary>
public sealed record ArmResource(JsonObject Node, JsonObject Template, string DeploymentPath)
{
    public string Type => (string?)Node["type"] ?? string.Empty;

    public string? Name => Node["name"]?.GetValue<string>();

    public JsonObject? Properties => Node["properties"] as JsonObject;

    public override string ToString() => $"{DeploymentPath}: {Type} {Name}";
}

/// <summary>Read-only helpers over compiled ARM JSON (both the array form and the symbolic-name object form).</summary>
public static partial class ArmTemplate
{
    public const string DeploymentsType = "Microsoft.Resources/deployments";

    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject byName => byName.Select(kv => kv.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>Every resource of the template and of the templates of its nested deployments (modules).</summary>
    public static IEnumerable<ArmResource> AllResources(JsonObject template, string path = "main")
    {
        foreach (var resource in Resources(template))
        {
            var armResource = new ArmResource(resource, template, path);
            yield return armResource;
            if (armResource.Type == DeploymentsType && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in AllResources(nested, $"{path}/{armResource.Name}"))
                {
                    yield return inner;
                }
            }
        }
    }

    public static JsonObject Deployment(JsonObject template, string name) =>
        Resources(template).SingleOrDefault(r => (string?)r["type"] == DeploymentsType && (string?)r["name"] == name)
        ?? throw new KeyNotFoundException($"No module deployment named '{name}'");

    public static JsonObject ModuleTemplate(JsonObject template, string name) =>
        Deployment(template, name)["properties"]?["template"] as JsonObject
        ?? throw new KeyNotFoundException($"Module deployment '{name}' has no inline template");

    public static IEnumerable<JsonObject> OfType(JsonObject template, string type) =>
        Resources(template).Where(r => (string?)r["type"] == type);

    public static JsonObject Single(JsonObject template, string type) =>
        OfType(template, type).Single();

    /// <summary>The value of <c>variables('name')</c> in the given template.</summary>
    public static JsonNode? Variable(JsonObject template, string name) => template["variables"]?[name];

    /// <summary>A literal string, or the literal that a single <c>[variables('x')]</c> reference stands for.</summary>
    public static string? ResolveVariables(JsonObject template, string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        return VariableReference().Replace(expression, m =>
            Variable(template, m.Groups["name"].Value) is JsonValue v && v.TryGetValue<string>(out var s) ? $"'{s}'" : m.Value);
    }

    /// <summary>String literals inside an ARM expression (quotes are doubled inside literals).</summary>
    public static IEnumerable<string> Literals(string expression) =>
        LiteralPattern().Matches(expression).Select(m => m.Groups["text"].Value.Replace("''", "'", StringComparison.Ordinal));

    public static bool IsExpression(string value) => value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal);

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"'(?<text>(?:[^']|'')*)'")]
    private static partial Regex LiteralPattern();
}
