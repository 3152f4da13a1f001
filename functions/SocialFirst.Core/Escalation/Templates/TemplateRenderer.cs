using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Escalation.Templates;

/// <summary>What to render: the case's brand, category, the customer's language, and where it is sent.</summary>
public sealed record TemplateRequest
{
    public required string BrandId { get; init; }

    /// <summary>The brand's display name ({brandName}).</summary>
    public required string BrandName { get; init; }

    /// <summary>A template category, or the case's care categories picked with <see cref="TemplateCategory.Pick"/>.</summary>
    public required string Category { get; init; }

    /// <summary>The customer's language (BCP-47), if known.</summary>
    public string? CustomerLanguage { get; init; }

    public required Platform Platform { get; init; }

    public TemplateChannel Channel { get; init; } = TemplateChannel.Private;

    /// <summary>The case reference ({caseRef}).</summary>
    public required string CaseRef { get; init; }

    /// <summary>The customer's display name; only a sanitised first name is used, and never in public replies.</summary>
    public string? CustomerDisplayName { get; init; }
}

/// <summary>A rendered message and where it came from (recorded with the outbox entry).</summary>
/// <param name="Text">The text to send.</param>
/// <param name="TemplateId">brand/category/language/channel[/platforms].</param>
/// <param name="Language">The template's language (may differ from the customer's when none matched).</param>
/// <param name="Version">The template set's version.</param>
/// <param name="Length">The length in <see cref="Limit"/>'s unit.</param>
/// <param name="Limit">The platform's limit.</param>
/// <param name="LanguageMatched">Whether the customer's language was found.</param>
public sealed record RenderedMessage(string Text, string TemplateId, string Language, string Version, int Length, MessageLimit Limit, bool LanguageMatched)
{
    public bool FitsLimit => Length <= Limit.Max;
}

/// <summary>Fills templates. Pure; the CLI calls <see cref="Preview"/> to show what a case would receive.</summary>
public static class TemplateRenderer
{
    /// <summary>Selects and renders the template for <paramref name="request"/>; throws if the result is over the platform's limit.</summary>
    public static RenderedMessage Render(TemplateCatalog catalog, TemplateRequest request)
    {
        var preview = Preview(catalog, request);
        return preview.FitsLimit
            ? preview
            : throw new TemplateValidationException($"{preview.TemplateId}: {preview.Length} is over the {request.Platform} limit of {preview.Limit.Max} ({preview.Limit.Unit})");
    }

    /// <summary>Like <see cref="Render"/> but never throws for length: the caller sees <see cref="RenderedMessage.FitsLimit"/>.</summary>
    public static RenderedMessage Preview(TemplateCatalog catalog, TemplateRequest request)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CaseRef);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.BrandName);
        var match = catalog.Select(request.BrandId, request.Category, request.CustomerLanguage, request.Channel, request.Platform);
        var values = new TemplateValues(
            request.CaseRef.Trim(),
            request.BrandName.Trim(),
            request.Channel == TemplateChannel.Private ? TemplateValues.SanitizeFirstName(request.CustomerDisplayName) : null,
            match.SafetyLine);
        return Render(match, values, request.Platform);
    }

    /// <summary>Renders a selected template with explicit values.</summary>
    public static RenderedMessage Render(TemplateMatch match, TemplateValues values, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(values);
        var template = match.Template;
        var errors = new List<string>();
        var text = TemplateText.Parse(template.Text, template.Id, errors)
            ?? throw new TemplateValidationException(errors);
        var rendered = text.Render(name => name switch
        {
            Placeholders.CaseRef => values.CaseRef,
            Placeholders.BrandName => values.BrandName,
            Placeholders.FirstName => template.Channel == TemplateChannel.Private ? values.FirstName : null,
            Placeholders.SafetyLine => values.SafetyLine,
            _ => null,
        });
        var limit = MessageLimits.For(platform, template.Channel);
        return new RenderedMessage(rendered, template.Id, template.Language, template.Version, MessageLimits.Measure(rendered, limit.Unit), limit, match.LanguageMatched);
    }
}
