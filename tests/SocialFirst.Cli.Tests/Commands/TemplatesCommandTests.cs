using SocialFirst.Cli;

namespace SocialFirst.Cli.Tests.Commands;

public class TemplatesCommandTests
{
    private static (int Code, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        var code = CliApplication.CreateRootCommand(TextReader.Null, output, TextWriter.Null).Parse(args).Invoke();
        return (code, output.ToString());
    }

    [Fact]
    public void Preview_SafetyInGerman_ShowsTheGermanSafetyTemplateWithCaseRefAndBrand()
    {
        var (code, text) = Run("templates", "preview", "--brand-name", "Acme Foods", "--category", "safety", "--language", "de", "--platform", "Facebook");

        Assert.Equal(0, code);
        Assert.Contains("*/safety/de/private", text, StringComparison.Ordinal);
        Assert.Contains("SF7K3M9Q2X", text, StringComparison.Ordinal);
        Assert.Contains("Acme Foods", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_BadTemplateFolder_ExitsOneWithTheErrors()
    {
        var dir = Directory.CreateTempSubdirectory("sf-templates-");
        File.WriteAllText(Path.Combine(dir.FullName, "acme.json"), "{ \"brand\": \"acme\", \"templates\": [ { \"id\": 1 } ] }");
        try
        {
            var (code, text) = Run("templates", "preview", "--brand", "acme", "--dir", dir.FullName);

            Assert.Equal(1, code);
            Assert.Contains("invalid templates", text, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
