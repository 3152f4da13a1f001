using System.Text.Json;
using System.Text.Json.Serialization;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Escalation.Templates;

/// <summary>A template file (or built-in set) that failed validation; <see cref="Errors"/> lists every problem found.</summary>
public sealed class TemplateValidationException : Exception
{
    public TemplateValidationException()
        : this([])
    {
    }

    public TemplateValidationException(string message)
        : this([message])
    {
    }

    public TemplateValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public TemplateValidationException(IReadOnlyList<string> errors)
        : base("Invalid message templates: " + string.Join(" | ", errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; } = [];
}

/// <summary>A template chosen for a request, with the set (brand values, version) it is rendered with.</summary>
public sealed record TemplateMatch(MessageTemplate Template, string? SafetyLine, bool LanguageMatched);

/// <summary>
/// All templates: the shipped defaults (brand "*") plus any brand sets, validated at load. Selection is by brand,
/// language (the customer's first, then the brand's default, then the shipped default) and category (the case's, then
/// "default"); a brand's own template beats a shipped one for the same language and category, and a template naming
/// the platform beats one for every platform.
/// </summary>
public sealed class TemplateCatalog
{
    /// <summary>The template file format version this code reads.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>The source name of the shipped set.</summary>
    public const string BuiltInSource = "built-in";

    private readonly Dictionary<string, TemplateSet> _sets;

    private TemplateCatalog(Dictionary<string, TemplateSet> sets) => _sets = sets;

    /// <summary>The shipped defaults only.</summary>
    public static TemplateCatalog Default { get; } = Load([]);

    /// <summary>The loaded sets by brand ("*" = shipped defaults).</summary>
    public IReadOnlyDictionary<string, TemplateSet> Sets => _sets;

    /// <summary>
    /// Loads the shipped defaults and <paramref name="brandFiles"/> (source name, JSON text). Throws
    /// <see cref="TemplateValidationException"/> listing every problem if anything is invalid.
    /// </summary>
    public static TemplateCatalog Load(IEnumerable<(string Source, string Json)> brandFiles)
    {
        ArgumentNullException.ThrowIfNull(brandFiles);
        var errors = new List<string>();
        var sets = new Dictionary<string, TemplateSet>(StringComparer.OrdinalIgnoreCase);
        foreach (var (source, json) in brandFiles.Prepend((BuiltInSource, DefaultTemplates.Json)))
        {
            var set = Parse(source, json, errors, shipped: source == BuiltInSource);
            if (set is null)
            {
                continue;
            }

            if (set.Brand != TemplateSet.AnyBrand && source == BuiltInSource)
            {
                errors.Add("built-in: the shipped set must be for brand '*'");
            }
            else if (set.Brand == TemplateSet.AnyBrand && source != BuiltInSource)
            {
                errors.Add($"{source}: brand '*' is reserved for the shipped defaults; name a brand id");
            }
            else if (!sets.TryAdd(set.Brand, set))
            {
                errors.Add($"{source}: brand '{set.Brand}' already has a template file ({sets[set.Brand].Templates.FirstOrDefault()?.Source})");
            }
        }

        if (errors.Count > 0)
        {
            throw new TemplateValidationException(errors);
        }

        return new TemplateCatalog(sets);
    }

    /// <summary>Validates one template file without loading it into a catalog; returns the problems (empty = valid).</summary>
    public static IReadOnlyList<string> Validate(string source, string json)
    {
        var errors = new List<string>();
        _ = Parse(source, json, errors, shipped: false);
        return errors;
    }

    /// <summary>
    /// The best template for a brand, category, customer language, channel and platform. Never null: the shipped set
    /// always has a "default" template in its default language for both channels.
    /// </summary>
    public TemplateMatch Select(string brandId, string category, string? customerLanguage, TemplateChannel channel, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(brandId);
        var shipped = _sets[TemplateSet.AnyBrand];
        _sets.TryGetValue(brandId, out var brand);
        if (brand == shipped)
        {
            brand = null;
        }

        var customer = LanguageTags.Fallbacks(customerLanguage);
        var languages = customer
            .Concat(LanguageTags.Fallbacks(brand?.DefaultLanguage))
            .Concat(LanguageTags.Fallbacks(shipped.DefaultLanguage))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        string[] categories = TemplateCategory.IsKnown(category) && category != TemplateCategory.Default
            ? [category, TemplateCategory.Default]
            : [TemplateCategory.Default];
        TemplateSet?[] order = [brand, shipped];

        foreach (var language in languages)
        {
            foreach (var cat in categories)
            {
                foreach (var set in order)
                {
                    var found = Find(set, cat, language, channel, platform);
                    if (found is not null)
                    {
                        var matched = customer.Contains(language, StringComparer.OrdinalIgnoreCase);
                        return new TemplateMatch(found, brand?.SafetyLine, matched);
                    }
                }
            }
        }

        throw new InvalidOperationException($"No '{channel}' template for {platform} in the shipped set; it failed validation.");
    }

    private static MessageTemplate? Find(TemplateSet? set, string category, string language, TemplateChannel channel, Platform platform)
    {
        if (set is null)
        {
            return null;
        }

        MessageTemplate? general = null;
        foreach (var t in set.Templates)
        {
            if (t.Channel != channel || t.Category != category || !string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase) || !t.AppliesTo(platform))
            {
                continue;
            }

            if (t.Platforms.Count > 0)
            {
                return t;
            }

            general ??= t;
        }

        return general;
    }

    private static TemplateSet? Parse(string source, string json, List<string> errors, bool shipped)
    {
        TemplateFile? file;
        try
        {
            file = JsonSerializer.Deserialize<TemplateFile>(json, Json);
        }
        catch (JsonException ex)
        {
            errors.Add($"{source}: not a valid template file: {ex.Message}");
            return null;
        }

        if (file is null)
        {
            errors.Add($"{source}: empty template file");
            return null;
        }

        var before = errors.Count;
        if (file.SchemaVersion != SchemaVersion)
        {
            errors.Add($"{source}: schemaVersion must be {SchemaVersion} (found {file.SchemaVersion})");
        }

        if (string.IsNullOrWhiteSpace(file.Version))
        {
            errors.Add($"{source}: 'version' is required (e.g. \"2025-06-01\"); it is recorded with every message sent");
        }

        if (string.IsNullOrWhiteSpace(file.Brand))
        {
            errors.Add($"{source}: 'brand' is required (a brand id from the Brands configuration)");
        }

        var defaultLanguage = LanguageTags.Normalize(file.DefaultLanguage);
        if (defaultLanguage is null)
        {
            errors.Add($"{source}: 'defaultLanguage' must be a language tag such as en or zh-Hans");
        }

        if (file.SafetyLine is { Length: > Placeholders.SafetyLineMaxLength })
        {
            errors.Add($"{source}: 'safetyLine' is longer than {Placeholders.SafetyLineMaxLength} characters");
        }

        var templates = new List<(MessageTemplate Template, TemplateText Text)>();
        foreach (var (entry, index) in (file.Templates ?? []).Select((t, i) => (t, i)))
        {
            var where = $"{source}: templates[{index}] ({entry.Category}/{entry.Language}/{entry.Channel.ToString().ToLowerInvariant()})";
            var template = ParseEntry(file, entry, source, where, errors);
            if (template is not null)
            {
                templates.Add(template.Value);
            }
        }

        if (templates.Count == 0 && (file.Templates ?? []).Count == 0)
        {
            errors.Add($"{source}: 'templates' is empty");
        }

        CheckDuplicatesAndLengths(source, templates, errors);

        if (shipped && defaultLanguage is not null)
        {
            foreach (var channel in Enum.GetValues<TemplateChannel>())
            {
                foreach (var platform in MessageLimits.PlatformsFor(channel))
                {
                    if (!templates.Any(t => t.Template.Category == TemplateCategory.Default && t.Template.Channel == channel && t.Template.Language == defaultLanguage && t.Template.AppliesTo(platform)))
                    {
                        errors.Add($"{source}: the shipped set needs a 'default' {channel.ToString().ToLowerInvariant()} template in {defaultLanguage} for {platform}");
                    }
                }
            }
        }

        return errors.Count > before
            ? null
            : new TemplateSet(file.Brand!, file.Version!, defaultLanguage!, string.IsNullOrWhiteSpace(file.SafetyLine) ? null : file.SafetyLine.Trim(), templates.Select(t => t.Template).ToList());
    }

    private static (MessageTemplate, TemplateText)? ParseEntry(TemplateFile file, TemplateEntry entry, string source, string where, List<string> errors)
    {
        var before = errors.Count;
        if (!TemplateCategory.IsKnown(entry.Category))
        {
            errors.Add($"{where}: unknown category '{entry.Category}' (known: {string.Join(", ", TemplateCategory.All)})");
        }

        var language = LanguageTags.Normalize(entry.Language);
        if (language is null)
        {
            errors.Add($"{where}: 'language' must be a language tag such as en or zh-Hans");
        }

        var platforms = new List<Platform>();
        foreach (var name in entry.Platforms ?? [])
        {
            if (!Enum.TryParse<Platform>(name, ignoreCase: true, out var p) || !MessageLimits.PlatformsFor(entry.Channel).Contains(p) || int.TryParse(name, out _))
            {
                errors.Add($"{where}: platform '{name}' is not one of {string.Join(", ", MessageLimits.PlatformsFor(entry.Channel).Select(x => x.ToString().ToLowerInvariant()))} for this channel");
            }
            else if (!platforms.Contains(p))
            {
                platforms.Add(p);
            }
        }

        if (string.IsNullOrWhiteSpace(entry.Text))
        {
            errors.Add($"{where}: 'text' is empty");
            return null;
        }

        var text = TemplateText.Parse(entry.Text, where, errors);
        if (text is not null)
        {
            var names = text.Names;
            if (entry.Channel == TemplateChannel.Private && !names.Contains(Placeholders.CaseRef))
            {
                errors.Add($"{where}: a private template must contain {{{Placeholders.CaseRef}}}");
            }

            if (entry.Channel == TemplateChannel.Private && entry.Category == TemplateCategory.Safety && !names.Contains(Placeholders.SafetyLine))
            {
                errors.Add($"{where}: a safety template must offer the brand's safety line: [[ ... {{{Placeholders.SafetyLine}?}}]]");
            }

            if (entry.Channel == TemplateChannel.Public && names.Contains(Placeholders.FirstName))
            {
                errors.Add($"{where}: a public reply must not contain personal data such as {{{Placeholders.FirstName}?}}");
            }

            if (entry.Channel == TemplateChannel.Public && entry.Category != TemplateCategory.Default)
            {
                errors.Add($"{where}: public replies use category 'default' only (a public reply must not reveal what the case is about)");
            }
        }

        return errors.Count > before || text is null
            ? null
            : (new MessageTemplate(file.Brand ?? string.Empty, entry.Category!, language!, entry.Channel, platforms, entry.Text, file.Version ?? string.Empty, source), text);
    }

    private static void CheckDuplicatesAndLengths(string source, List<(MessageTemplate Template, TemplateText Text)> templates, List<string> errors)
    {
        foreach (var group in templates.GroupBy(t => (t.Template.Category, t.Template.Language, t.Template.Channel)))
        {
            var items = group.ToList();
            foreach (var (template, text) in items)
            {
                foreach (var platform in MessageLimits.PlatformsFor(template.Channel))
                {
                    if (!template.AppliesTo(platform))
                    {
                        continue;
                    }

                    var owners = items.Count(o => o.Template.Platforms.Contains(platform));
                    if (template.Platforms.Count > 0 && owners > 1)
                    {
                        errors.Add($"{source}: {template.Id}: more than one template for {platform}");
                        continue;
                    }

                    // A general template need not fit a platform that has its own variant.
                    if (template.Platforms.Count == 0 && owners > 0)
                    {
                        continue;
                    }

                    var limit = MessageLimits.For(platform, template.Channel);
                    var worst = text.WorstCaseLength(limit.Unit);
                    if (worst > limit.Max)
                    {
                        errors.Add($"{source}: {template.Id}: can reach {worst} of {limit.Max} ({limit.Unit}) on {platform} with the longest values; shorten it or add a shorter variant with \"platforms\": [\"{platform.ToString().ToLowerInvariant()}\"]");
                    }
                }
            }

            if (items.Count(t => t.Template.Platforms.Count == 0) > 1)
            {
                errors.Add($"{source}: {items[0].Template.Id}: defined more than once");
            }
        }
    }

    private sealed class TemplateFile
    {
        public int SchemaVersion { get; set; }

        public string? Version { get; set; }

        public string? Brand { get; set; }

        public string? DefaultLanguage { get; set; }

        public string? SafetyLine { get; set; }

        public List<TemplateEntry>? Templates { get; set; }
    }

    private sealed class TemplateEntry
    {
        public string? Category { get; set; }

        public string? Language { get; set; }

        public TemplateChannel Channel { get; set; } = TemplateChannel.Private;

        public List<string>? Platforms { get; set; }

        public string? Text { get; set; }
    }
}
