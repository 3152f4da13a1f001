namespace SocialFirst.Core.Escalation;

/// <summary>
/// An escalation message that cannot be acted on: its body does not parse, or its case does not exist. Recorded once
/// (by <see cref="Key"/>) so a person can look, and the message is completed rather than retried.
/// </summary>
/// <param name="Key">Identifies the message: its message id, or a hash of its body.</param>
/// <param name="CaseId">The case id it names, when it could be read.</param>
/// <param name="Reason">Why it was set aside.</param>
/// <param name="Body">The message body, cut to <see cref="MaxBodyLength"/> characters (escalation bodies hold no customer text).</param>
/// <param name="RecordedAt">When.</param>
public sealed record EscalationPoison(string Key, string? CaseId, string Reason, string Body, DateTimeOffset RecordedAt)
{
    public const int MaxBodyLength = 8000;

    public static string Cut(string? body) => body is null ? string.Empty : body.Length <= MaxBodyLength ? body : body[..MaxBodyLength];
}

/// <summary>Where unusable escalation messages are kept (the <c>escalationpoison</c> table).</summary>
public interface IEscalationPoisonStore
{
    /// <summary>Records the message unless its key is there already (the first record is kept); true when it was new.</summary>
    Task<bool> RecordAsync(EscalationPoison poison, CancellationToken cancellationToken);

    Task<IReadOnlyList<EscalationPoison>> ListAsync(CancellationToken cancellationToken);
}
