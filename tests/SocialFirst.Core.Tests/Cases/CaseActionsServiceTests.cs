using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Cases;

public class CaseActionsServiceTests
{
    private const string Id = "ABCDEFGH12";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0.AddHours(1));
    private readonly InMemoryCaseStore _store = new();

    private CaseActionsService CreateSut(ICaseStore? store = null) => new(store ?? _store, _time, NullLogger<CaseActionsService>.Instance);

    private Case Seed(CaseStatus status = CaseStatus.Triaged)
    {
        var c = Case.Open(Id, "acme", Platform.X, "u1", "@u1", T0, "x:created:1", T0, "triage");
        if (status == CaseStatus.Closed)
        {
            c = c.TransitionTo(CaseStatus.Closed, "triage", "test", T0);
        }
        else if (status != CaseStatus.New)
        {
            c = c.TransitionTo(CaseStatus.Triaged, "triage", "test", T0);
            c = status == CaseStatus.Triaged ? c : c.TransitionTo(status, "triage", "test", T0);
        }

        return _store.Seed(c);
    }

    /// <summary>The stored case, after checking that the case list (the index) shows the same status.</summary>
    private async Task<Case> StoredAndIndexedAsync()
    {
        var stored = (await _store.GetCaseAsync(Id, CancellationToken.None))!;
        var page = await _store.ListCasesAsync(new CaseQuery { BrandId = "acme" }, null, CancellationToken.None);
        Assert.Equal(stored.Status, Assert.Single(page.Items).Status);
        return stored;
    }

    [Fact]
    public async Task AddNoteAsync_OpenCase_AppendsNoteWithActorAndTime()
    {
        Seed();

        var result = await CreateSut().AddNoteAsync(Id, "  called the customer back ", "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Applied, result.Status);
        var stored = await StoredAndIndexedAsync();
        var entry = stored.History[^1];
        Assert.Equal("agent-ana", entry.Actor);
        Assert.Equal(CaseActionsService.NotePrefix + "called the customer back", entry.Reason);
        Assert.Equal(_time.GetUtcNow(), entry.At);
        Assert.Equal(CaseStatus.Triaged, entry.From);
        Assert.Equal(CaseStatus.Triaged, entry.To);
        Assert.Equal(CaseStatus.Triaged, stored.Status);
    }

    [Fact]
    public async Task AssignAsync_OpenCase_RecordsAssignment()
    {
        Seed(CaseStatus.Escalated);

        var result = await CreateSut().AssignAsync(Id, "agent-bo", "lead-cy", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Applied, result.Status);
        var entry = (await _store.GetCaseAsync(Id, CancellationToken.None))!.History[^1];
        Assert.Equal("lead-cy", entry.Actor);
        Assert.Equal(CaseActionsService.AssignedPrefix + "agent-bo", entry.Reason);
    }

    [Fact]
    public async Task ChangeStatusAsync_AllowedTransition_MovesCaseAndIndexesIt()
    {
        Seed();

        var result = await CreateSut().ChangeStatusAsync(Id, CaseStatus.Resolved, "refund issued", "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Applied, result.Status);
        var stored = await StoredAndIndexedAsync();
        Assert.Equal(CaseStatus.Resolved, stored.Status);
        Assert.Equal(new CaseTransition(CaseStatus.Triaged, CaseStatus.Resolved, "agent-ana", "refund issued", _time.GetUtcNow()), stored.History[^1]);
    }

    [Fact]
    public async Task ChangeStatusAsync_ForbiddenTransition_RejectedWithReasonAndNothingWritten()
    {
        Seed(CaseStatus.Closed);
        var writes = _store.Writes;

        var result = await CreateSut().ChangeStatusAsync(Id, CaseStatus.Triaged, null, "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Rejected, result.Status);
        Assert.Contains("Closed → Triaged is not an allowed transition", result.Error, StringComparison.Ordinal);
        Assert.Equal(writes, _store.Writes);
    }

    [Fact]
    public async Task MarkSpamAsync_TriagedCase_BecomesSpam_AndFromEscalatedIsRejected()
    {
        Seed();
        var sut = CreateSut();

        var spam = await sut.MarkSpamAsync(Id, null, "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Applied, spam.Status);
        Assert.Equal(CaseStatus.Spam, spam.Case!.Status);
        Assert.Equal("agent-ana", spam.Case.History[^1].Actor);

        Seed(CaseStatus.Escalated);
        var rejected = await sut.MarkSpamAsync(Id, "bot", "agent-ana", CancellationToken.None);
        Assert.Equal(CaseActionStatus.Rejected, rejected.Status);
    }

    [Theory]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.Closed)]
    public async Task AddNoteAsync_FinishedCase_Rejected(CaseStatus status)
    {
        Seed(status);
        var writes = _store.Writes;

        var result = await CreateSut().AddNoteAsync(Id, "late note", "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Rejected, result.Status);
        Assert.Equal(writes, _store.Writes);
    }

    public static TheoryData<string?> BadActors => new() { null, "", "   ", "triage", "Escalation", "sla-watch", new string('a', CaseActionsService.MaxActorLength + 1) };

    [Theory]
    [MemberData(nameof(BadActors))]
    public async Task EveryAction_MissingOrReservedActor_Invalid(string? actor)
    {
        Seed();
        var sut = CreateSut();

        var results = new[]
        {
            await sut.AssignAsync(Id, "agent-bo", actor, CancellationToken.None),
            await sut.AddNoteAsync(Id, "note", actor, CancellationToken.None),
            await sut.ChangeStatusAsync(Id, CaseStatus.Resolved, null, actor, CancellationToken.None),
            await sut.MarkSpamAsync(Id, null, actor, CancellationToken.None),
        };

        Assert.All(results, r => Assert.Equal(CaseActionStatus.Invalid, r.Status));
        Assert.Equal(CaseStatus.Triaged, (await _store.GetCaseAsync(Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task AddNoteAsync_EmptyOrTooLongText_Invalid()
    {
        Seed();
        var sut = CreateSut();

        var empty = await sut.AddNoteAsync(Id, " ", "agent-ana", CancellationToken.None);
        var tooLong = await sut.AddNoteAsync(Id, new string('x', CaseActionsService.MaxNoteLength + 1), "agent-ana", CancellationToken.None);
        var noAgent = await sut.AssignAsync(Id, null, "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Invalid, empty.Status);
        Assert.Equal(CaseActionStatus.Invalid, tooLong.Status);
        Assert.Equal(CaseActionStatus.Invalid, noAgent.Status);
    }

    [Fact]
    public async Task AddNoteAsync_UnknownCase_NotFound()
    {
        var result = await CreateSut().AddNoteAsync("NOSUCHCASE", "note", "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task ChangeStatusAsync_ConcurrentWriterOnce_RetriesOnFreshCaseAndKeepsBothChanges()
    {
        Seed();
        var racing = new RacingStore(_store, races: 1);

        var result = await CreateSut(racing).ChangeStatusAsync(Id, CaseStatus.Resolved, "done", "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Applied, result.Status);
        var stored = (await _store.GetCaseAsync(Id, CancellationToken.None))!;
        Assert.Equal(CaseStatus.Resolved, stored.Status);
        Assert.Contains(stored.History, h => h.Actor == "other" && h.Reason == CaseActionsService.NotePrefix + "race 1");
        Assert.Equal(2, racing.Attempts);
    }

    [Fact]
    public async Task AddNoteAsync_CaseKeepsChanging_ConflictAfterMaxAttempts()
    {
        Seed();
        var racing = new RacingStore(_store, races: int.MaxValue);

        var result = await CreateSut(racing).AddNoteAsync(Id, "mine", "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Conflict, result.Status);
        Assert.Equal(CaseActionsService.MaxAttempts, racing.Attempts);
        Assert.DoesNotContain((await _store.GetCaseAsync(Id, CancellationToken.None))!.History, h => h.Actor == "agent-ana");
    }

    /// <summary>Before each of the first <c>races</c> updates, another writer adds a note, so the update conflicts.</summary>
    private sealed class RacingStore(InMemoryCaseStore inner, int races) : DelegatingCaseStore(inner)
    {
        public int Attempts { get; private set; }

        public override async Task<Case?> TryUpdateCaseAsync(Case updated, CancellationToken cancellationToken)
        {
            Attempts++;
            if (Attempts <= races)
            {
                var current = (await inner.GetCaseAsync(updated.Id, cancellationToken))!;
                var note = new CaseTransition(current.Status, current.Status, "other", CaseActionsService.NotePrefix + "race " + Attempts, current.UpdatedAt);
                Assert.NotNull(await inner.TryUpdateCaseAsync(current with { History = [.. current.History, note] }, cancellationToken));
            }

            return await inner.TryUpdateCaseAsync(updated, cancellationToken);
        }
    }
}
