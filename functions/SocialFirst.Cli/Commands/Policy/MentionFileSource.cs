using System.Runtime.CompilerServices;

namespace SocialFirst.Cli.Commands.Policy;

/// <summary>JSON lines of mentions (<see cref="DryRunMention.TryParse"/>), one item per line; a bad line is skipped and reported.</summary>
internal sealed class MentionFileSource(TextReader reader, string name) : IDryRunSource
{
    public async IAsyncEnumerable<DryRunRead> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return DryRunMention.TryParse(line, lineNumber, out var mention, out var problem)
                ? DryRunRead.Of(new DryRunItem(mention!.Id, [mention]))
                : DryRunRead.Skip($"{name} line {lineNumber}: {problem}");
        }
    }
}
