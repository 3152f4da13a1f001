using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SocialFirst.Core.Escalation.Templates;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// <c>socialfirst templates preview --brand acme --brand-name "Acme Foods" --category safety --language de --platform Facebook [--dir templates/]</c>:
/// validates the shipped templates plus a brand's template files and shows exactly what a customer would receive,
/// with the template chosen, its version, its length against the platform's limit, and whether the language matched.
/// </summary>
public sealed class TemplatesCommand : Command
{
    public TemplatesCommand(TextWriter output)
        : base("templates", "Preview and validate reply templates.")
    {
        var preview = new Command("preview", "Render the reply a customer would get, without sending anything.");
        var brand = new Option<string>("--brand") { Description = "Brand id", DefaultValueFactory = _ => "default" };
        var brandName = new Option<string>("--brand-name") { Description = "Brand name as customers see it", DefaultValueFactory = _ => "Acme" };
        var category = new Option<string>("--category") { Description = "safety, legal, security, billing, service_failure, churn or default", DefaultValueFactory = _ => "default" };
        var language = new Option<string?>("--language") { Description = "The customer's language (BCP-47); the brand default when absent" };
        var platform = new Option<Platform>("--platform") { Description = "Facebook, Instagram, X, WeChat or Weibo", DefaultValueFactory = _ => Platform.Facebook };
        var channel = new Option<TemplateChannel>("--channel") { Description = "Private or Public", DefaultValueFactory = _ => TemplateChannel.Private };
        var name = new Option<string?>("--name") { Description = "Customer display name (only a first name is used, never publicly)" };
        var dir = new Option<string?>("--dir") { Description = "Folder of brand template files (as Escalation:Templates:Directory)" };
        foreach (var o in new Option[] { brand, brandName, category, language, platform, channel, name, dir })
        {
            preview.Options.Add(o);
        }

        preview.SetAction(async (parse, ct) =>
        {
            try
            {
                var store = new FileTemplateStore(Microsoft.Extensions.Options.Options.Create(new TemplateOptions { Directory = parse.GetValue(dir) ?? string.Empty }), NullLogger<FileTemplateStore>.Instance);
                var rendered = store.Render(new TemplateRequest
                {
                    BrandId = parse.GetValue(brand)!,
                    BrandName = parse.GetValue(brandName)!,
                    Category = parse.GetValue(category)!,
                    CustomerLanguage = parse.GetValue(language),
                    Platform = parse.GetValue(platform),
                    Channel = parse.GetValue(channel),
                    CaseRef = "SF7K3M9Q2X",
                    CustomerDisplayName = parse.GetValue(name),
                });
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"template {rendered.TemplateId}@{rendered.Version} ({rendered.Language}{(rendered.LanguageMatched ? string.Empty : ", customer's language not available")}), {rendered.Length} of {rendered.Limit.Max} {rendered.Limit.Unit} allowed"));
                await output.WriteLineAsync();
                await output.WriteLineAsync(rendered.Text);
                return 0;
            }
            catch (TemplateValidationException ex)
            {
                await output.WriteLineAsync("invalid templates:");
                foreach (var error in ex.Errors)
                {
                    await output.WriteLineAsync("  " + error);
                }

                return 1;
            }
        });
        Subcommands.Add(preview);
    }
}
