using SocialFirst.Cli;
using SocialFirst.Cli.Commands;
using SocialFirst.Core.Triage;

namespace SocialFirst.Cli.Tests.Commands;

public class UrgencyCheckCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApplication.CreateRootCommand(TextReader.Null, output, error).Parse(args).Invoke();
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_TwoTrainingRows_PrintsPreviousAndCurrentDefaultWithCounts()
    {
        var dir = Directory.CreateTempSubdirectory("sf-urgency-check-");
        File.WriteAllLines(Path.Combine(dir.FullName, "social-en.jsonl"),
        [
            """{"id":"a","text":"The cap cut my thumb, blood everywhere","language":"en","sentiment":"negative","categories":["safety"],"urgent":true,"split":"train"}""",
            """{"id":"b","text":"Thank you so much, the new one works perfectly","language":"en","sentiment":"positive","categories":["praise"],"urgent":false,"split":"train"}""",
        ]);
        try
        {
            var (code, text, _) = Run("urgency-check", "--training", dir.FullName, "--devset", Path.Combine(dir.FullName, "none.jsonl"));

            Assert.Equal(0, code);
            Assert.Contains("on 2 training rows (1 urgent)", text, StringComparison.Ordinal);
            Assert.Contains("| default-1 | 1.000 | 1.000 | 1 | 0 | 0 |", text, StringComparison.Ordinal);
            Assert.Contains($"| {UrgencyPolicy.Default.Version} | 1.000 | 1.000 | 1 | 0 | 0 |", text, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Run_HeldOutFileAsDevSet_IsRefused()
    {
        var dir = Directory.CreateTempSubdirectory("sf-urgency-check-");
        File.WriteAllText(Path.Combine(dir.FullName, "social-en.jsonl"), """{"id":"a","text":"ok","language":"en","sentiment":"neutral","urgent":false}""");
        File.WriteAllText(Path.Combine(dir.FullName, "holdout9.jsonl"), """{"id":"h","text":"ok","language":"en","sentiment":"neutral","urgent":false,"split":"dev"}""");
        try
        {
            var (code, _, error) = Run("urgency-check", "--training", dir.FullName, "--devset", Path.Combine(dir.FullName, "holdout9.jsonl"));

            Assert.Equal(2, code);
            Assert.Contains("held-out", error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void PreviousDefault_ReproducesDefaultOneWeights()
    {
        var p = UrgencyCheckCommand.PreviousDefault;

        Assert.Equal((0.6, 0.45, 0.25, false), (p.Threshold, p.SentimentWeight, p.ReachWeight, p.CombineMinorCategoriesByMax));
        Assert.Equal(0.45, p.CategoryWeights["service_failure"]);
        Assert.Equal(0.32, UrgencyScorer.Reach(80, p), 2);
    }
}
