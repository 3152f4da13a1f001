using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Azure.Cases;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Triage;
using SocialFirst.Testing;
using static SocialFirst.Azure.Tests.Cases.CaseTestSupport;

namespace SocialFirst.Azure.Tests.Cases;

/// <summary>TriageService against the real Table store on Azurite.</summary>
public class TableTriageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly RecordingEscalationSink _sink = new();
    private readonly FakeTimeProvider _time = new(T0.AddMinutes(2));

    private TriageService CreateSut(TableCaseStore store) => new(
        new KeywordClassifier(),
        Brands(),
        store,
        _sink,
        new RegexPiiRedactor(),
        UrgencyPolicy.Default,
        _time,
        new StaticOptionsMonitor<TriageOptions>(new TriageOptions()),
        NullLogger<TriageService>.Instance);

    [Fact]
    public async Task TriageAsync_AuthorWindow_JoinsWithin72HoursAndOpensNewAfter()
    {
        var store = await CreateStoreAsync(azurite);
        var sut = CreateSut(store);

        var first = await sut.TriageAsync(Mention("u1", T0), CancellationToken.None);
        var second = await sut.TriageAsync(Mention("u1", T0.AddHours(70)), CancellationToken.None);
        var third = await sut.TriageAsync(Mention("u1", T0.AddHours(70 + 73)), CancellationToken.None);

        Assert.Equal("acme", first.BrandId);
        Assert.Equal(first.CaseId, second.CaseId);
        Assert.NotEqual(first.CaseId, third.CaseId);
        Assert.Equal(2, (await store.GetCaseAsync(first.CaseId, CancellationToken.None))!.MentionCount);
        var profile = (await store.GetAuthorAsync(Platform.Facebook, "u1", CancellationToken.None))!;
        Assert.Equal(3, profile.Mentions);
        Assert.Equal([third.CaseId, first.CaseId], profile.OpenCaseIds);
    }

    [Fact]
    public async Task TriageAsync_ReplyInThread_JoinsTheThreadsCase()
    {
        var store = await CreateStoreAsync(azurite);
        var sut = CreateSut(store);
        var root = await sut.TriageAsync(Mention("u1", T0, objectId: "post_1_c1"), CancellationToken.None);

        var reply = await sut.TriageAsync(Mention("u2", T0.AddMinutes(5), parentId: "post_1_c1"), CancellationToken.None);
        var unrelated = await sut.TriageAsync(Mention("u3", T0.AddMinutes(6), parentId: "post_1"), CancellationToken.None);

        Assert.Equal(root.CaseId, reply.CaseId);
        Assert.NotEqual(root.CaseId, unrelated.CaseId);
        var mentions = await store.GetMentionsAsync(root.CaseId, CancellationToken.None);
        Assert.Equal(["u1", "u2"], mentions.Select(m => m.AuthorId));
    }

    [Fact]
    public async Task TriageAsync_EightConcurrentMentionsOfOneAuthor_OneCaseNoLostUpdate()
    {
        var store = await CreateStoreAsync(azurite);
        var sut = CreateSut(store);
        var mentions = Enumerable.Range(0, 8).Select(i => Mention("busy", T0.AddSeconds(i), text: "angry " + i)).ToList();

        var outcomes = await Task.WhenAll(mentions.Select(m => Task.Run(() => sut.TriageAsync(m, CancellationToken.None))));

        var caseId = Assert.Single(outcomes.Select(o => o.CaseId).Distinct());
        var c = (await store.GetCaseAsync(caseId, CancellationToken.None))!;
        Assert.Equal(8, c.MentionCount);
        Assert.Equal(8, (await store.GetMentionsAsync(caseId, CancellationToken.None)).Count);
        Assert.Equal(9, c.Revision);
        Assert.Equal(8, (await store.GetAuthorAsync(Platform.Facebook, "busy", CancellationToken.None))!.Negative);
        var listed = Assert.Single((await store.ListCasesAsync(new CaseQuery { BrandId = "acme" }, null, CancellationToken.None)).Items);
        Assert.Equal(8, listed.MentionCount);
    }

    [Fact]
    public async Task TriageAsync_Redelivery_DuplicateAndNothingChanged()
    {
        var store = await CreateStoreAsync(azurite);
        var sut = CreateSut(store);
        var mention = Mention("u1", T0, text: "angry about the bill");
        var first = await sut.TriageAsync(mention, CancellationToken.None);
        var before = await store.GetCaseAsync(first.CaseId, CancellationToken.None);

        var again = await sut.TriageAsync(mention, CancellationToken.None);

        Assert.True(again.Duplicate);
        Assert.Equal(first.CaseId, again.CaseId);
        var after = await store.GetCaseAsync(first.CaseId, CancellationToken.None);
        Assert.Equal(before!.Version, after!.Version);
        Assert.Single(await store.GetMentionsAsync(first.CaseId, CancellationToken.None));
        Assert.Equal(1, (await store.GetAuthorAsync(Platform.Facebook, "u1", CancellationToken.None))!.Mentions);
    }

    [Fact]
    public async Task TriageAsync_UrgentCase_RoutedExactlyOncePerLevel()
    {
        var store = await CreateStoreAsync(azurite);
        var sut = CreateSut(store);
        var fire = Mention("u1", T0, text: "fire in your store");

        var first = await sut.TriageAsync(fire, CancellationToken.None);
        await sut.TriageAsync(fire, CancellationToken.None);
        var followUp = await sut.TriageAsync(Mention("u1", T0.AddMinutes(1), text: "the fire alarm is still on"), CancellationToken.None);

        var sent = Assert.Single(_sink.Sent);
        Assert.Equal(first.CaseId + "-L1", sent.MessageId);
        Assert.Equal(first.CaseId, followUp.CaseId);
        Assert.True(followUp.Escalated);
        var c = (await store.GetCaseAsync(first.CaseId, CancellationToken.None))!;
        Assert.Equal(CaseStatus.Escalated, c.Status);
        Assert.Equal(1, c.EscalationLevel);
        var urgent = Assert.Single((await store.ListCasesAsync(new CaseQuery { BrandId = "acme", Urgent = true, Order = CaseOrder.MostUrgent }, null, CancellationToken.None)).Items);
        Assert.Equal(CaseStatus.Escalated, urgent.Status);
    }

    [Fact]
    public async Task TriageAsync_ConcurrentUrgentMentions_SendOnce()
    {
        var store = await CreateStoreAsync(azurite);
        var sut = CreateSut(store);
        var mentions = Enumerable.Range(0, 6).Select(i => Mention("u7", T0.AddSeconds(i), text: "fire " + i)).ToList();

        await Task.WhenAll(mentions.Select(m => Task.Run(() => sut.TriageAsync(m, CancellationToken.None))));

        Assert.Single(_sink.Sent);
    }

    [Fact]
    public async Task TriageAsync_DeleteAfterFiling_TombstonesStoredMention()
    {
        var store = await CreateStoreAsync(azurite);
        var sut = CreateSut(store);
        var original = Mention("u1", T0, text: "my phone is +1 555 123 4567");
        var filed = await sut.TriageAsync(original, CancellationToken.None);

        var deleted = await sut.TriageAsync(original with { Change = MentionChange.Deleted, EventId = "del-1", Text = string.Empty }, CancellationToken.None);
        var unknown = await sut.TriageAsync(Mention("u1", T0) with { Change = MentionChange.Deleted, ObjectId = "never-seen" }, CancellationToken.None);

        Assert.Equal(filed.CaseId, deleted.CaseId);
        var stored = Assert.Single(await store.GetMentionsAsync(filed.CaseId, CancellationToken.None));
        Assert.True(stored.Deleted);
        Assert.Equal(string.Empty, stored.Text);
        Assert.Equal("change for unknown mention ignored", unknown.Decision);
    }
}
