namespace SocialFirst.Cli.Commands.Policy;

/// <summary>
/// One thing a dry run compares: a mention from a file, or a stored case with the inputs of each of its mentions (the
/// case keeps its strongest assessment, as triage does).
/// </summary>
/// <param name="Id">The mention id, or the case id.</param>
/// <param name="CaseId">Set when the item is a stored case.</param>
internal sealed record DryRunItem(string Id, IReadOnlyList<DryRunMention> Mentions, string? CaseId = null);

/// <summary>What a source read next: an item, or a problem (already phrased for the operator) that skips one.</summary>
internal sealed record DryRunRead(DryRunItem? Item, string? Problem)
{
    public static DryRunRead Of(DryRunItem item) => new(item, null);

    public static DryRunRead Skip(string problem) => new(null, problem);
}

/// <summary>Where the mentions of a dry run come from: a JSON-lines file or the app's read API.</summary>
internal interface IDryRunSource
{
    /// <summary>Items in order. Throws <see cref="DryRunSourceException"/> when the source as a whole cannot be read.</summary>
    IAsyncEnumerable<DryRunRead> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>The source cannot be read at all (app unreachable, wrong API key): the dry run stops with exit code 2.</summary>
internal sealed class DryRunSourceException : Exception
{
    public DryRunSourceException()
    {
    }

    public DryRunSourceException(string message)
        : base(message)
    {
    }

    public DryRunSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
