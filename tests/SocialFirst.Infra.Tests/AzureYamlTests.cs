using System.Text.RegularExpressions;
using SocialFirst.Infra.Tests.Infrastructure;

namespace SocialFirst.Infra.Tests;

/// <summary>azure.yaml at the repo root (read as text: no YAML parser is needed for these few keys).</summary>
public sealed partial class AzureYamlTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "azure.yaml"))
        .Where(l => !l.TrimStart().StartsWith('#') && !string.IsNullOrWhiteSpace(l))
        .ToArray();

    [Fact]
    public void Name_IsLowercaseWithHyphens()
    {
        var name = Assert.Single(Lines, l => l.StartsWith("name:", StringComparison.Ordinal))["name:".Length..].Trim();

        Assert.Matches(AzdName(), name);
    }

    [Fact]
    public void FunctionsService_IsADotnetFunctionDeployedFromTheFunctionsProject()
    {
        var service = ServiceBlock("functions");

        Assert.Contains("host: function", service);
        Assert.Contains("language: dotnet", service);
        Assert.Contains("project: functions/SocialFirst.Functions", service);
        Assert.Contains("remoteBuild: false", service);
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.Root, "functions", "SocialFirst.Functions")));
    }

    [Fact]
    public void Infra_IsBicepUnderInfraMain() =>
        Assert.Multiple(
            () => Assert.Contains("  provider: bicep", Lines),
            () => Assert.Contains("  path: infra", Lines),
            () => Assert.Contains("  module: main", Lines));

    private static List<string> ServiceBlock(string service)
    {
        var start = Array.IndexOf(Lines, $"  {service}:");
        Assert.True(start > 0, $"service {service} not found");
        Assert.Equal("services:", Lines[..start].Last(l => !l.StartsWith(' ')));
        return Lines.Skip(start + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex AzdName();
}
