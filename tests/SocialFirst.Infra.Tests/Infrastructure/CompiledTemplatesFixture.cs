using System.Text.Json;
using System.Text.Json.Nodes;

namespace SocialFirst.Infra.Tests.Infrastructure;

/// <summary>
/// Compiles every template under infra/ once (<c>bicep build --pattern</c>, ~1 s) and lints them once, for all test
/// classes of the "Compiled templates" collection. The compiled JSON lands in a temp folder that is deleted afterwards.
/// </summary>
public sealed class CompiledTemplatesFixture : IDisposable
{
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public CompiledTemplatesFixture()
    {
        OutputDirectory = Directory.CreateTempSubdirectory("socialfirst-infra-").FullName;
        Build = BicepCli.Run(RepoPaths.Root, "build", "--pattern", "infra/**/*.bicep", "--outdir", OutputDirectory);
        Lint = BicepCli.Run(RepoPaths.Root, "lint", "--pattern", "infra/**/*.bicep");

        var mainJson = Path.Combine(OutputDirectory, "main.json");
        Main = File.Exists(mainJson) ? Load(mainJson) : new JsonObject();
        CompiledFiles = Directory.EnumerateFiles(OutputDirectory, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(OutputDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public string OutputDirectory { get; }

    public BicepResult Build { get; }

    public BicepResult Lint { get; }

    /// <summary>Compiled infra/main.bicep, with every module inlined as a nested deployment.</summary>
    public JsonObject Main { get; }

    /// <summary>Compiled files relative to the output folder, e.g. <c>main.json</c>, <c>modules/storage.json</c>.</summary>
    public IReadOnlyList<string> CompiledFiles { get; }

    public JsonObject Module(string deploymentName) => ArmTemplate.ModuleTemplate(Main, deploymentName);

    public static JsonObject Load(string path) =>
        JsonNode.Parse(File.ReadAllText(path), documentOptions: JsonOptions) as JsonObject
        ?? throw new InvalidDataException($"{path} is not a JSON object");

    public void Dispose()
    {
        try
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CompiledTemplatesCollection : ICollectionFixture<CompiledTemplatesFixture>
{
    public const string Name = "Compiled templates";
}
