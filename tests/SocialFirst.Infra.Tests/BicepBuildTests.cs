using System.Text.Json.Nodes;
using SocialFirst.Infra.Tests.Infrastructure;

namespace SocialFirst.Infra.Tests;

/// <summary>infra/ as a whole: it compiles and lints offline with no diagnostics, and the linter is strict.</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class BicepBuildTests
{
    // Rules that are deliberately off (reasons in infra/bicepconfig.json).
    private static readonly HashSet<string> RulesAllowedOff = new(StringComparer.Ordinal)
    {
        "use-recent-api-versions",
        "use-recent-module-versions",
    };

    private readonly CompiledTemplatesFixture _templates;

    public BicepBuildTests(CompiledTemplatesFixture templates) => _templates = templates;

    [Fact]
    public void Build_EveryTemplate_CompilesWithoutErrorsOrWarnings()
    {
        Assert.True(_templates.Build.ExitCode == 0, _templates.Build.Output);
        Assert.Empty(_templates.Build.Diagnostics);

        var expected = Directory.EnumerateFiles(RepoPaths.Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.ChangeExtension(Path.GetRelativePath(RepoPaths.Infra, f), ".json").Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("main.json", expected);
        Assert.Contains("modules/functionapp.json", expected);
        Assert.Equal(expected, _templates.CompiledFiles);
    }

    [Fact]
    public void Lint_EveryTemplate_HasNoFindings()
    {
        Assert.True(_templates.Lint.ExitCode == 0, _templates.Lint.Output);
        Assert.Empty(_templates.Lint.Diagnostics);
    }

    [Fact]
    public void BicepConfig_EveryLinterRule_IsErrorUnlessDeliberatelyOff()
    {
        var config = CompiledTemplatesFixture.Load(Path.Combine(RepoPaths.Infra, "bicepconfig.json"));
        var core = config["analyzers"]?["core"] as JsonObject;
        Assert.NotNull(core);
        Assert.True(core["enabled"]?.GetValue<bool>());
        var rules = Assert.IsType<JsonObject>(core["rules"]);

        Assert.True(rules.Count >= 30, "the config should list every core rule");
        foreach (var (rule, settings) in rules)
        {
            var level = settings?["level"]?.GetValue<string>();
            Assert.True(
                level == "error" || (level == "off" && RulesAllowedOff.Contains(rule)),
                $"linter rule {rule} has level {level}");
        }
    }

    [Fact]
    public void BicepConfig_TemplateWithUnusedParameter_FailsLint()
    {
        // Proves the config is picked up and turns a finding into a failing exit code.
        var dir = Directory.CreateTempSubdirectory("socialfirst-lint-").FullName;
        try
        {
            File.Copy(Path.Combine(RepoPaths.Infra, "bicepconfig.json"), Path.Combine(dir, "bicepconfig.json"));
            File.WriteAllText(Path.Combine(dir, "bad.bicep"), "param unused string\noutput ok string = 'ok'\n");

            var result = BicepCli.Run(dir, "lint", "bad.bicep");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains(result.Diagnostics, d => d.Contains(": Error no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Templates_ModuleReferences_AreLocalFilesOnly()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Infra, "*.bicep", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file).Where(l => l.TrimStart().StartsWith("module ", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain("'br:", line, StringComparison.Ordinal);
                Assert.DoesNotContain("'br/", line, StringComparison.Ordinal);
                Assert.DoesNotContain("'ts:", line, StringComparison.Ordinal);
                Assert.Contains("'modules/", line, StringComparison.Ordinal);
            }
        }
    }
}
