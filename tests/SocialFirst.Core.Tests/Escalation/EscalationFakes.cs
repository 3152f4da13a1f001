using System.Collections.Concurrent;
using System.Globalization;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Escalation;

/// <summary>An outbox with the Table outbox's semantics (insert-if-absent, versioned conditional replace), in memory.</summary>
public sealed class InMemoryOutbox : IEscalationOutbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OutboxEntry> _rows = new(StringComparer.Ordinal);
    private int _version;

    /// <summary>Throws once, after the write is NOT done, when an update would record this status (a crash between send and record).</summary>
    public OutboxStatus? CrashOnceBeforeRecording { get; set; }

    public IReadOnlyList<OutboxEntry> All
    {
        get
        {
            lock (_gate)
            {
                return _rows.Values.ToList();
            }
        }
    }

    public Task<(OutboxEntry Entry, bool Created)> AddIfAbsentAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(entry.IdempotencyKey, out var existing))
            {
                return Task.FromResult((existing, false));
            }

            var stored = entry with { Version = Next() };
            _rows[entry.IdempotencyKey] = stored;
            return Task.FromResult((stored, true));
        }
    }

    public Task<OutboxEntry?> GetAsync(string caseId, string action, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault($"{caseId}:{action}"));
        }
    }

    public Task<OutboxEntry?> TryUpdateAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (CrashOnceBeforeRecording is { } crash && entry.Status == crash)
            {
                CrashOnceBeforeRecording = null;
                throw new IOException("simulated crash between send and record");
            }

            if (!_rows.TryGetValue(entry.IdempotencyKey, out var current) || current.Version != entry.Version)
            {
                return Task.FromResult<OutboxEntry?>(null);
            }

            var stored = entry with { Version = Next() };
            _rows[entry.IdempotencyKey] = stored;
            return Task.FromResult<OutboxEntry?>(stored);
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ListAsync(string caseId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(_rows.Values.Where(e => e.CaseId == caseId).ToList());
        }
    }

    private string Next() => (++_version).ToString(CultureInfo.InvariantCulture);
}

/// <summary>A platform messenger that answers from a script and records each call; <see cref="Hold"/> keeps sends waiting.</summary>
public sealed class FakeMessenger(params Platform[] platforms) : IPrivateMessenger, IPublicReplier
{
    private readonly ConcurrentQueue<SendOutcome> _script = new();

    public IReadOnlyCollection<Platform> Platforms { get; } = platforms;

    public ConcurrentQueue<(PrivateMessageTarget Target, string Text, string Key, bool Public)> Calls { get; } = new();

    /// <summary>When set, sends wait for it (to hold a send in flight).</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Signalled when a send starts.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answered when the script is empty.</summary>
    public SendOutcome Default { get; set; } = SendOutcome.Sent("m_mid.1");

    public FakeMessenger Then(SendOutcome outcome)
    {
        _script.Enqueue(outcome);
        return this;
    }

    public Task<SendOutcome> SendAsync(PrivateMessageTarget target, string text, string idempotencyKey, CancellationToken cancellationToken) =>
        RespondAsync(target, text, idempotencyKey, isPublic: false);

    public Task<SendOutcome> ReplyPubliclyAsync(PrivateMessageTarget target, string text, string idempotencyKey, CancellationToken cancellationToken) =>
        RespondAsync(target, text, idempotencyKey, isPublic: true);

    private async Task<SendOutcome> RespondAsync(PrivateMessageTarget target, string text, string key, bool isPublic)
    {
        Calls.Enqueue((target, text, key, isPublic));
        Started.TrySetResult();
        if (Hold is { } hold)
        {
            await hold.Task;
        }

        return _script.TryDequeue(out var next) ? next : Default;
    }
}

public sealed class RecordingAlertSink : IAlertSink
{
    public ConcurrentQueue<EscalationAlert> Alerts { get; } = new();

    /// <summary>How many of the next alerts fail.</summary>
    public int FailNext { get; set; }

    public Task AlertAsync(EscalationAlert alert, CancellationToken cancellationToken)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new HttpRequestException("alert webhook down");
        }

        Alerts.Enqueue(alert);
        return Task.CompletedTask;
    }
}

public sealed class InMemoryPoisonStore : IEscalationPoisonStore
{
    private readonly ConcurrentDictionary<string, EscalationPoison> _rows = new(StringComparer.Ordinal);

    public IReadOnlyList<EscalationPoison> All => _rows.Values.ToList();

    public Task<bool> RecordAsync(EscalationPoison poison, CancellationToken cancellationToken) => Task.FromResult(_rows.TryAdd(poison.Key, poison));

    public Task<IReadOnlyList<EscalationPoison>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(All);
}
