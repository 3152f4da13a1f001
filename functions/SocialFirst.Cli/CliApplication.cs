using System.CommandLine;
using SocialFirst.Cli.Commands;

namespace SocialFirst.Cli;

/// <summary>
/// Builds the <c>socialfirst</c> command tree. Standard streams are passed in so tests can run any command in
/// process with a <see cref="StringReader"/> and <see cref="StringWriter"/>. Add new commands here, one class per
/// command in Commands/.
/// </summary>
public static class CliApplication
{
    public static RootCommand CreateRootCommand(TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand("SocialFirst: classify and triage social customer-care mentions.");
        root.Subcommands.Add(new ClassifyCommand(input, output));
        root.Subcommands.Add(new EvaluateCommand(output, error));
        root.Subcommands.Add(new DemoCommand(output));
        root.Subcommands.Add(new ReplayCommand(output));
        root.Subcommands.Add(new LoadCommand(output));
        root.Subcommands.Add(new TemplatesCommand(output));
        root.Subcommands.Add(new MetricsCommand(output));
        root.Subcommands.Add(new InfluencersCommand(output));
        root.Subcommands.Add(new PolicyCommand(input, output, error));
        root.Subcommands.Add(new BenchTriageCommand(output));
        root.Subcommands.Add(new BenchMetricsCommand(output));
        root.Subcommands.Add(new BenchInfluenceCommand(output));
        root.Subcommands.Add(new TrainSentimentCommand(output, error));
        root.Subcommands.Add(new TrainCategoriesCommand(output, error));
        root.Subcommands.Add(new UrgencyCheckCommand(output, error));
        return root;
    }
}
