using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Cases;

public sealed class CaseActionsServiceMergeTests
{
    private const string Source = "SRC0000001";
    private const string Target = "TGT0000001";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0.AddHours(3));
    private readonly InMemoryCaseStore _store = new();

    private CaseActionsService CreateSut(ICaseStore? store = null) => new(store ?? _store, _time, NullLogger<CaseActionsService>.Instance);

    private async Task<Case> SeedAsync(string id, DateTimeOffset opened, int mentions, string brand = "acme", string author = "u1", CaseStatus status = CaseStatus.Triaged, string[]? categories = null, double urgency = 0.2)
    {
        var c = Case.Open(id, brand, Platform.Facebook, author, "dana", opened, "facebook:" + id + ":0", opened, "triage");
        c = status == CaseStatus.Closed
            ? c.TransitionTo(CaseStatus.Closed, "triage", "test", opened)
            : c.TransitionTo(CaseStatus.Triaged, "triage", "scored", opened);
        if (status is not (CaseStatus.Triaged or CaseStatus.Closed))
        {
            c = c.TransitionTo(status, "agent-1", "test", opened);
        }

        c = _store.Seed(c with { Categories = categories ?? [], Urgency = urgency });
        for (var i = 0; i < mentions; i++)
        {
            var at = opened.AddMinutes(i);
            var dedup = "facebook:" + id + ":" + i;
            var mention = new CaseMention
            {
                CaseId = id,
                Key = CaseMention.KeyFor(at, dedup),
                DedupKey = dedup,
                Platform = Platform.Facebook,
                Kind = MentionKind.Comment,
                EventId = "e" + i,
                ObjectId = id + "_c" + i,
                AuthorId = author,
                Text = "mention " + i,
                CreatedAt = at,
            };
            c = (await _store.TryAppendMentionAsync(c with { MentionCount = c.MentionCount + 1, LastMentionAt = at }, mention, CancellationToken.None)).Case!;
            await _store.RecordMentionLocationAsync(Platform.Facebook, mention.ObjectId, new MentionLocation(id, mention.Key), CancellationToken.None);
        }

        await _store.IndexCaseAsync(c, CancellationToken.None);
        return c;
    }

    [Fact]
    public async Task MergeAsync_SameBrand_TargetGainsMentionsAndSourceIsClosedWithPointer()
    {
        await SeedAsync(Source, T0.AddHours(1), mentions: 2, categories: ["billing"], urgency: 0.7);
        await SeedAsync(Target, T0, mentions: 1, categories: ["delivery"]);

        var result = await CreateSut().MergeAsync(Source, Target, "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Applied, result.Status);
        Assert.False(result.AlreadyMerged);
        var source = (await _store.GetCaseAsync(Source, CancellationToken.None))!;
        var target = (await _store.GetCaseAsync(Target, CancellationToken.None))!;
        Assert.Equal(CaseStatus.Closed, source.Status);
        Assert.Equal(Target, source.MergedInto);
        Assert.Equal(new CaseTransition(CaseStatus.Triaged, CaseStatus.Closed, "agent-ana", CaseActionsService.MergedIntoPrefix + Target, _time.GetUtcNow()), source.History[^1]);
        Assert.Equal(3, target.MentionCount);
        Assert.Equal(3, (await _store.GetMentionsAsync(Target, CancellationToken.None)).Count);
        Assert.All(await _store.GetMentionsAsync(Target, CancellationToken.None), m => Assert.Equal(Target, m.CaseId));
        Assert.Equal(Target, (await _store.FindMentionAsync(Platform.Facebook, Source + "_c1", CancellationToken.None))!.CaseId);
        Assert.Equal(T0.AddHours(1).AddMinutes(1), target.LastMentionAt);
        Assert.Equal(["delivery", "billing"], target.Categories);
        Assert.Equal(0.7, target.Urgency);
        Assert.Equal(CaseStatus.Triaged, target.Status);
        Assert.Equal(new CaseTransition(CaseStatus.Triaged, CaseStatus.Triaged, "agent-ana", CaseActionsService.MergedFromPrefix + Source, _time.GetUtcNow()), target.History[^1]);
        var listed = await _store.ListCasesAsync(new CaseQuery { BrandId = "acme", Status = CaseStatus.Closed }, null, CancellationToken.None);
        Assert.Equal(Source, Assert.Single(listed.Items).Id);
    }

    [Fact]
    public async Task MergeAsync_Again_NoOpWithNothingWritten()
    {
        await SeedAsync(Source, T0.AddHours(1), mentions: 2);
        await SeedAsync(Target, T0, mentions: 1);
        var sut = CreateSut();
        await sut.MergeAsync(Source, Target, "agent-ana", CancellationToken.None);
        var writes = _store.Writes;

        var again = await sut.MergeAsync(Source, Target, "agent-bo", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Applied, again.Status);
        Assert.True(again.AlreadyMerged);
        Assert.Equal(writes, _store.Writes);
        Assert.Equal(3, (await _store.GetCaseAsync(Target, CancellationToken.None))!.MentionCount);
    }

    [Fact]
    public async Task MergeAsync_InterruptedBeforeClosingSource_RetryFinishesWithoutDuplicates()
    {
        await SeedAsync(Source, T0.AddHours(1), mentions: 3);
        await SeedAsync(Target, T0, mentions: 1);
        var crashing = new CrashOnSourceUpdateStore(_store);

        await Assert.ThrowsAsync<IOException>(() => CreateSut(crashing).MergeAsync(Source, Target, "agent-ana", CancellationToken.None));
        var retry = await CreateSut().MergeAsync(Source, Target, "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Applied, retry.Status);
        var target = (await _store.GetCaseAsync(Target, CancellationToken.None))!;
        Assert.Equal(4, target.MentionCount);
        Assert.Equal(4, (await _store.GetMentionsAsync(Target, CancellationToken.None)).Count);
        Assert.Single(target.History, h => h.Reason == CaseActionsService.MergedFromPrefix + Source);
        Assert.Equal(Target, (await _store.GetCaseAsync(Source, CancellationToken.None))!.MergedInto);
    }

    [Fact]
    public async Task MergeAsync_SameAuthor_AuthorPointerMovesToTarget()
    {
        await SeedAsync(Source, T0.AddHours(1), mentions: 1);
        var target = await SeedAsync(Target, T0, mentions: 1);
        Assert.True(await _store.TrySetAuthorPointerAsync(new AuthorCasePointer("acme", Platform.Facebook, "u1", Source, T0.AddHours(1), "facebook:" + Source + ":0"), CancellationToken.None));

        await CreateSut().MergeAsync(Source, Target, "agent-ana", CancellationToken.None);

        var pointer = (await _store.GetAuthorPointerAsync("acme", Platform.Facebook, "u1", CancellationToken.None))!;
        Assert.Equal(Target, pointer.CaseId);
        Assert.Equal(target.FirstMentionKey, pointer.FirstMentionKey);
    }

    [Fact]
    public async Task MergeAsync_DifferentBrands_InvalidNothingWritten()
    {
        await SeedAsync(Source, T0, mentions: 1, brand: "other");
        await SeedAsync(Target, T0, mentions: 1);
        var writes = _store.Writes;

        var result = await CreateSut().MergeAsync(Source, Target, "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Invalid, result.Status);
        Assert.Contains("different brands", result.Error, StringComparison.Ordinal);
        Assert.Equal(writes, _store.Writes);
    }

    public static TheoryData<string?, string?> BadRequests => new()
    {
        { Source, "agent-ana" },
        { "src0000001", "agent-ana" },
        { null, "agent-ana" },
        { " ", "agent-ana" },
        { Target, null },
        { Target, "triage" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task MergeAsync_SameCaseMissingIntoOrActor_Invalid(string? into, string? actor)
    {
        await SeedAsync(Source, T0, mentions: 1);
        await SeedAsync(Target, T0, mentions: 1);

        var result = await CreateSut().MergeAsync(Source, into, actor, CancellationToken.None);

        Assert.Equal(CaseActionStatus.Invalid, result.Status);
        Assert.Null((await _store.GetCaseAsync(Source, CancellationToken.None))!.MergedInto);
    }

    [Fact]
    public async Task MergeAsync_UnknownSourceOrTarget_NotFound()
    {
        await SeedAsync(Source, T0, mentions: 1);

        var noTarget = await CreateSut().MergeAsync(Source, "NOSUCHCASE", "agent-ana", CancellationToken.None);
        var noSource = await CreateSut().MergeAsync("NOSUCHCASE", Source, "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.NotFound, noTarget.Status);
        Assert.Equal(CaseActionStatus.NotFound, noSource.Status);
    }

    [Theory]
    [InlineData(CaseStatus.Closed, CaseStatus.Triaged)]
    [InlineData(CaseStatus.Triaged, CaseStatus.Closed)]
    [InlineData(CaseStatus.Triaged, CaseStatus.Resolved)]
    public async Task MergeAsync_ClosedSourceOrFinishedTarget_RejectedNothingWritten(CaseStatus source, CaseStatus target)
    {
        await SeedAsync(Source, T0, mentions: 1, status: source);
        await SeedAsync(Target, T0, mentions: 1, status: target);
        var writes = _store.Writes;

        var result = await CreateSut().MergeAsync(Source, Target, "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Rejected, result.Status);
        Assert.Equal(writes, _store.Writes);
    }

    [Fact]
    public async Task MergeAsync_SourceMergedElsewhereOrTargetMerged_Rejected()
    {
        const string third = "THD0000001";
        await SeedAsync(Source, T0, mentions: 1);
        await SeedAsync(Target, T0, mentions: 1);
        await SeedAsync(third, T0, mentions: 1);
        var sut = CreateSut();
        Assert.Equal(CaseActionStatus.Applied, (await sut.MergeAsync(Source, Target, "agent-ana", CancellationToken.None)).Status);

        var elsewhere = await sut.MergeAsync(Source, third, "agent-ana", CancellationToken.None);
        var intoMerged = await sut.MergeAsync(third, Source, "agent-ana", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Rejected, elsewhere.Status);
        Assert.Contains("merged into case " + Target, elsewhere.Error, StringComparison.Ordinal);
        Assert.Equal(CaseActionStatus.Rejected, intoMerged.Status);
    }

    [Fact]
    public async Task AssignAsync_SetsAssignedTo_AndCaseListFiltersByIt()
    {
        await SeedAsync(Source, T0, mentions: 1);
        await SeedAsync(Target, T0, mentions: 1);

        var result = await CreateSut().AssignAsync(Source, " agent-bo ", "lead-cy", CancellationToken.None);

        Assert.Equal(CaseActionStatus.Applied, result.Status);
        Assert.Equal("agent-bo", result.Case!.AssignedTo);
        Assert.Equal("lead-cy", result.Case.History[^1].Actor);
        var mine = await _store.ListCasesAsync(new CaseQuery { BrandId = "acme", AssignedTo = "agent-bo" }, null, CancellationToken.None);
        var item = Assert.Single(mine.Items);
        Assert.Equal(Source, item.Id);
        Assert.Equal("agent-bo", item.AssignedTo);
    }

    [Fact]
    public async Task MergeAsync_UnassignedTarget_TakesSourceAssignee()
    {
        await SeedAsync(Source, T0, mentions: 1);
        await SeedAsync(Target, T0, mentions: 1);
        var sut = CreateSut();
        await sut.AssignAsync(Source, "agent-bo", "lead-cy", CancellationToken.None);

        var result = await sut.MergeAsync(Source, Target, "agent-ana", CancellationToken.None);

        Assert.Equal("agent-bo", result.Target!.AssignedTo);
    }

    /// <summary>The process "dies" when the merge closes the source (after the target got everything).</summary>
    private sealed class CrashOnSourceUpdateStore(InMemoryCaseStore inner) : DelegatingCaseStore(inner)
    {
        public override Task<Case?> TryUpdateCaseAsync(Case updated, CancellationToken cancellationToken) =>
            updated.Id == Source ? throw new IOException("simulated crash") : base.TryUpdateCaseAsync(updated, cancellationToken);
    }
}
