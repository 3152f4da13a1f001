using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SocialFirst.Core.Escalation.Templates;

/// <summary>Where brand template files live. The shipped defaults are always loaded first.</summary>
public sealed class TemplateOptions
{
    public const string SectionName = "Escalation:Templates";

    /// <summary>
    /// A folder of brand template files (<c>*.json</c>, one brand per file, format in docs/escalation.md). Empty
    /// (the default) = shipped defaults only. Every file is validated at start; one bad file stops the app.
    /// </summary>
    public string Directory { get; set; } = string.Empty;
}

/// <summary>The loaded templates, for the escalation step and the CLI.</summary>
public interface ITemplateStore
{
    TemplateCatalog Catalog { get; }

    /// <summary>Selects and renders the template for <paramref name="request"/>.</summary>
    RenderedMessage Render(TemplateRequest request);
}

/// <summary>Loads the shipped defaults plus the files in <see cref="TemplateOptions.Directory"/>, once.</summary>
public sealed partial class FileTemplateStore : ITemplateStore
{
    private readonly Lazy<TemplateCatalog> _catalog;

    public FileTemplateStore(IOptions<TemplateOptions> options, ILogger<FileTemplateStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var directory = options.Value.Directory;
        _catalog = new Lazy<TemplateCatalog>(() =>
        {
            var catalog = LoadFrom(directory);
            Log.Loaded(logger, catalog.Sets.Count, catalog.Sets.Values.Sum(s => s.Templates.Count));
            return catalog;
        });
    }

    public TemplateCatalog Catalog => _catalog.Value;

    public RenderedMessage Render(TemplateRequest request) => TemplateRenderer.Render(Catalog, request);

    /// <summary>Loads the defaults and every <c>*.json</c> in <paramref name="directory"/> (none when empty).</summary>
    public static TemplateCatalog LoadFrom(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            return TemplateCatalog.Default;
        }

        if (!System.IO.Directory.Exists(directory))
        {
            throw new TemplateValidationException($"{TemplateOptions.SectionName}:Directory '{directory}' does not exist");
        }

        var files = System.IO.Directory.GetFiles(directory, "*.json", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
        return TemplateCatalog.Load(files);
    }

    private static partial class Log
    {
        [LoggerMessage(4301, LogLevel.Information, "Message templates loaded: {Sets} sets, {Templates} templates")]
        public static partial void Loaded(ILogger logger, int sets, int templates);
    }
}

/// <summary>Fails the start when a template file is invalid, naming the file and the problem.</summary>
public sealed class TemplateOptionsValidator : IValidateOptions<TemplateOptions>
{
    public ValidateOptionsResult Validate(string? name, TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            _ = FileTemplateStore.LoadFrom(options.Directory);
            return ValidateOptionsResult.Success;
        }
        catch (TemplateValidationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Errors);
        }
        catch (IOException ex)
        {
            return ValidateOptionsResult.Fail($"{TemplateOptions.SectionName}:Directory could not be read: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            return ValidateOptionsResult.Fail($"{TemplateOptions.SectionName}:Directory could not be read: {ex.Message}");
        }
    }
}
