using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Watch.Application;

/// <summary>Cases in a given state for the watch tests.</summary>
internal static class WatchCases
{
    /// <summary>Monday 5 January 2026, 00:00 UTC.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static Case Open(
        string key,
        DateTimeOffset at,
        string brand = "acme",
        string author = "a1",
        double urgency = 0.5,
        bool urgent = false,
        Sentiment sentiment = Sentiment.Neutral,
        params string[] categories) =>
        Case.Open(CaseId.Create(key), brand, Platform.Facebook, author, "@" + author, at, key, at.AddSeconds(5), "triage") with
        {
            Urgency = urgency,
            Urgent = urgent,
            LastSentiment = sentiment,
            Categories = categories,
        };

    public static Case Then(this Case c, CaseStatus to, DateTimeOffset at, string actor = "agent", string reason = "test") =>
        c.TransitionTo(to, actor, reason, at);
}

/// <summary>An outbox that only lists what the test put in.</summary>
internal sealed class ListOutbox : IEscalationOutbox
{
    private readonly List<OutboxEntry> _entries = [];

    public int Reads { get; private set; }

    public ListOutbox Add(OutboxEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    public Task<(OutboxEntry Entry, bool Created)> AddIfAbsentAsync(OutboxEntry entry, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<OutboxEntry?> GetAsync(string caseId, string action, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.FirstOrDefault(e => e.CaseId == caseId && e.Action == action));

    public Task<OutboxEntry?> TryUpdateAsync(OutboxEntry entry, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<OutboxEntry>> ListAsync(string caseId, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult<IReadOnlyList<OutboxEntry>>(_entries.Where(e => e.CaseId == caseId).ToList());
    }
}

/// <summary>Remembers every send; like Service Bus duplicate detection, <see cref="Distinct"/> drops repeated message ids.</summary>
internal sealed class RecordingSink : IEscalationSink
{
    private readonly List<EscalationMessage> _sent = [];

    public IReadOnlyList<EscalationMessage> Sent => [.. _sent];

    public IReadOnlyList<EscalationMessage> Distinct => _sent.DistinctBy(m => m.MessageId).ToList();

    public Task SendAsync(EscalationMessage message, CancellationToken cancellationToken)
    {
        _sent.Add(message);
        return Task.CompletedTask;
    }
}
