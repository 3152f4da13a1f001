using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SocialFirst.Infra.Tests.Infrastructure;

/// <summary>
/// Rules the compiled templates must satisfy, written as functions returning the problems found, so they can also be
/// tested on deliberately bad templates (see TemplateChecksTests).
/// </summary>
public static partial class TemplateChecks
{
    public const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";

    /// <summary>Literal app-setting values that are known not to be secrets.</summary>
    public static readonly IReadOnlySet<string> SafeLiteralValues = new HashSet<string>(StringComparer.Ordinal)
    {
        string.Empty, "managedidentity", "custom", "~4", "true", "false", "Embedded", "Cascade", "0",
    };

    /// <summary>
    /// Each role assignment must: have a deterministic <c>guid(...)</c> name that starts with its scope's id; name a
    /// <c>scope</c> that is exactly one resource declared in the same template (never the resource group or the
    /// subscription, which is what a missing scope means); and use a built-in role definition id.
    /// </summary>
    public static IReadOnlyList<string> RoleAssignmentProblems(JsonObject template)
    {
        var problems = new List<string>();
        foreach (var ra in ArmTemplate.AllResources(template).Where(r => r.Type == RoleAssignmentType))
        {
            var name = ra.Name ?? string.Empty;
            var scope = ra.Node["scope"]?.GetValue<string>();
            if (!name.StartsWith("[guid(", StringComparison.Ordinal) || name.Contains("newGuid(", StringComparison.Ordinal) || name.Contains("utcNow(", StringComparison.Ordinal))
            {
                problems.Add($"{ra}: name is not a deterministic guid(...)");
            }

            if (scope is null)
            {
                problems.Add($"{ra}: no scope, so it applies to the whole resource group or subscription");
                continue;
            }

            var match = SingleResourceScope().Match(scope);
            if (!match.Success || scope.Contains("resourceGroup()", StringComparison.Ordinal) || scope.Contains("subscription()", StringComparison.Ordinal))
            {
                problems.Add($"{ra}: scope '{scope}' is not exactly one resource");
                continue;
            }

            var scopeType = match.Groups["type"].Value;
            var declared = ArmTemplate.Resources(ra.Template)
                .Any(r => (string?)r["type"] == scopeType && r["existing"]?.GetValue<bool>() != true);
            if (!declared || scopeType is "Microsoft.Resources/resourceGroups")
            {
                problems.Add($"{ra}: scope type '{scopeType}' is not a resource declared in the same template");
            }

            var scopeId = scope[1..^1];
            if (!name.StartsWith($"[guid({scopeId}, ", StringComparison.Ordinal))
            {
                problems.Add($"{ra}: name does not start with guid(<scope id>, ...)");
            }

            var roleDefinition = ra.Properties?["roleDefinitionId"]?.GetValue<string>() ?? string.Empty;
            if (!roleDefinition.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ", StringComparison.Ordinal))
            {
                problems.Add($"{ra}: roleDefinitionId is not a built-in role reference");
            }
        }

        return problems;
    }

    /// <summary>The role definition GUID of a compiled role assignment (resolving <c>variables('...')</c>).</summary>
    public static string RoleDefinitionGuid(ArmResource roleAssignment)
    {
        var expression = ArmTemplate.ResolveVariables(roleAssignment.Template, roleAssignment.Properties?["roleDefinitionId"]?.GetValue<string>()) ?? string.Empty;
        var guid = Guid().Match(expression);
        return guid.Success ? guid.Value : throw new InvalidOperationException($"{roleAssignment}: no role GUID in {expression}");
    }

    /// <summary>
    /// App settings must not carry secrets: a literal value must be one of <see cref="SafeLiteralValues"/>; literals
    /// inside expressions must not look like keys or tokens; settings whose name says secret/token/key must be Key
    /// Vault references.
    /// </summary>
    public static IReadOnlyList<string> AppSettingProblems(IEnumerable<(string Name, string Value)> settings)
    {
        var problems = new List<string>();
        foreach (var (name, value) in settings)
        {
            if (ArmTemplate.IsExpression(value))
            {
                // Names passed to parameters()/variables() are identifiers, not values.
                var withoutReferences = Reference().Replace(value, "ref");
                foreach (var literal in ArmTemplate.Literals(withoutReferences).Where(l => SecretLike().IsMatch(l)))
                {
                    problems.Add($"{name}: expression contains a secret-like literal '{literal[..4]}…'");
                }
            }
            else if (!SafeLiteralValues.Contains(value) && !IsKeyVaultReference(value))
            {
                problems.Add($"{name}: literal value is not on the list of known non-secret values");
            }

            if (SecretName().IsMatch(name) && !IsKeyVaultReference(value))
            {
                problems.Add($"{name}: looks like a secret but is not a Key Vault reference");
            }
        }

        return problems;
    }

    public static bool IsKeyVaultReference(string value) =>
        ArmTemplate.IsExpression(value)
            ? ArmTemplate.Literals(value).Any(l => l.StartsWith("@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal) && l.EndsWith(')'))
            : value.StartsWith("@Microsoft.KeyVault(SecretUri=https://", StringComparison.Ordinal);

    // resourceId('Microsoft.X/y[/z]', args...) and nothing else.
    [GeneratedRegex(@"^\[resourceId\('(?<type>Microsoft\.[A-Za-z]+(?:/[A-Za-z]+)+)'(?:, (?:parameters|variables)\('[^']+'\)|, '[^']*')+\)\]$")]
    private static partial Regex SingleResourceScope();

    [GeneratedRegex(@"\b(?:parameters|variables)\('[^']*'\)")]
    private static partial Regex Reference();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    // Long runs of key/token alphabet without spaces or template punctuation.
    [GeneratedRegex("^[A-Za-z0-9+/=_-]{16,}$")]
    private static partial Regex SecretLike();

    [GeneratedRegex("(Secret|Token|Password|AesKey|__Key$)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
