using SocialFirst.Azure.Cases;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Triage;
using SocialFirst.Testing;
using static SocialFirst.Azure.Tests.Cases.CaseTestSupport;

namespace SocialFirst.Azure.Tests.Cases;

public class TableCaseStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Case NewCase(string key, DateTimeOffset opened, string brand = "acme", string author = "u1") =>
        Case.Open(CaseId.Create(key), brand, Platform.X, author, "@" + author, opened, key, opened.AddSeconds(5), "triage");

    private static CaseMention MentionOf(Case c, string dedupKey, DateTimeOffset at, string text = "hi") => new()
    {
        CaseId = c.Id,
        Key = CaseMention.KeyFor(at, dedupKey),
        DedupKey = dedupKey,
        Platform = c.Platform,
        Kind = MentionKind.Mention,
        EventId = dedupKey,
        ObjectId = dedupKey,
        AuthorId = c.AuthorId,
        Text = text,
        Sentiment = Sentiment.Negative,
        Categories = [CareCategory.Billing],
        CreatedAt = at,
        TriagedAt = at.AddSeconds(1),
    };

    [Fact]
    public async Task TryCreateCaseAsync_RoundTripsEverything_AndRefusesSecondCreate()
    {
        var store = await CreateStoreAsync(azurite);
        var c = NewCase("x:created:1", T0) with
        {
            Urgency = 0.72,
            Urgent = true,
            UrgencyDecision = "urgent: score 0.72 vs threshold 0.6",
            UrgencyFactors = [new UrgencyFactor("sentiment", 0.8, 0.45, 0.36, "negative 0.8 (negative)")],
            PolicyVersion = "default-1",
            Categories = [CareCategory.Billing],
            LastSentiment = Sentiment.Negative,
            PendingEscalation = new PendingEscalation(1, "x:created:1", T0),
        };

        var created = await store.TryCreateCaseAsync(c, CancellationToken.None);
        var again = await store.TryCreateCaseAsync(c, CancellationToken.None);
        var read = await store.GetCaseAsync(c.Id, CancellationToken.None);

        Assert.NotNull(created);
        Assert.Null(again);
        Assert.NotNull(read);
        Assert.Equal(created!.Version, read!.Version);
        Assert.Equal(1, read.Revision);
        Assert.Equal(c.UrgencyFactors, read.UrgencyFactors);
        Assert.Equal(c.History, read.History);
        Assert.Equal(c.PendingEscalation, read.PendingEscalation);
        Assert.Equal(c with { Version = read.Version, Revision = 1, UrgencyFactors = read.UrgencyFactors, History = read.History, Categories = read.Categories }, read);
        Assert.Equal(c.Categories, read.Categories);
    }

    [Fact]
    public async Task GetCaseAsync_UnknownOrMalformedId_Null()
    {
        var store = await CreateStoreAsync(azurite);

        Assert.Null(await store.GetCaseAsync("ZZZZZZZZZZ", CancellationToken.None));
        Assert.Null(await store.GetCaseAsync("../../x", CancellationToken.None));
    }

    [Fact]
    public async Task TryAppendMentionAsync_StaleVersion_ConflictAndNothingWritten()
    {
        var store = await CreateStoreAsync(azurite);
        var c = (await store.TryCreateCaseAsync(NewCase("x:created:2", T0), CancellationToken.None))!;
        var first = await store.TryAppendMentionAsync(c with { MentionCount = 1 }, MentionOf(c, "x:created:2", T0), CancellationToken.None);

        var stale = await store.TryAppendMentionAsync(c with { MentionCount = 1 }, MentionOf(c, "x:created:3", T0.AddMinutes(1)), CancellationToken.None);

        Assert.Equal(AppendStatus.Appended, first.Status);
        Assert.Equal(2, first.Case!.Revision);
        Assert.Equal(AppendStatus.Conflict, stale.Status);
        Assert.Single(await store.GetMentionsAsync(c.Id, CancellationToken.None));
    }

    [Fact]
    public async Task TryAppendMentionAsync_SameMentionAgain_AlreadyPresentAndCaseUnchanged()
    {
        var store = await CreateStoreAsync(azurite);
        var c = (await store.TryCreateCaseAsync(NewCase("x:created:4", T0), CancellationToken.None))!;
        var appended = (await store.TryAppendMentionAsync(c with { MentionCount = 1 }, MentionOf(c, "x:created:4", T0), CancellationToken.None)).Case!;

        var again = await store.TryAppendMentionAsync(appended with { MentionCount = 2 }, MentionOf(c, "x:created:4", T0), CancellationToken.None);

        Assert.Equal(AppendStatus.AlreadyPresent, again.Status);
        Assert.Equal(1, (await store.GetCaseAsync(c.Id, CancellationToken.None))!.MentionCount);
    }

    [Fact]
    public async Task GetMentionsAsync_ReturnsInWrittenOrder_WithLongTextCut()
    {
        var store = await CreateStoreAsync(azurite);
        var c = (await store.TryCreateCaseAsync(NewCase("x:created:5", T0), CancellationToken.None))!;
        foreach (var (key, minutes, text) in new[] { ("b", 30, "later"), ("a", 10, new string('z', 40_000)), ("c", 20, "middle") })
        {
            var current = (await store.GetCaseAsync(c.Id, CancellationToken.None))!;
            var r = await store.TryAppendMentionAsync(current with { MentionCount = current.MentionCount + 1 }, MentionOf(c, key, T0.AddMinutes(minutes), text), CancellationToken.None);
            Assert.Equal(AppendStatus.Appended, r.Status);
        }

        var mentions = await store.GetMentionsAsync(c.Id, CancellationToken.None);

        Assert.Equal(["a", "c", "b"], mentions.Select(m => m.DedupKey));
        Assert.Equal(30_000, mentions[0].Text.Length);
        Assert.True(mentions[0].TextTruncated);
        Assert.Equal([CareCategory.Billing], mentions[1].Categories);
    }

    [Fact]
    public async Task TrySetAuthorPointerAsync_InsertIfAbsentThenReplaceIfUnchanged()
    {
        var store = await CreateStoreAsync(azurite);
        var pointer = new AuthorCasePointer("acme", Platform.X, "a/b#c", "AAAAAAAAAA", T0, "k1");

        Assert.True(await store.TrySetAuthorPointerAsync(pointer, CancellationToken.None));
        Assert.False(await store.TrySetAuthorPointerAsync(pointer with { CaseId = "BBBBBBBBBB" }, CancellationToken.None));
        var read = (await store.GetAuthorPointerAsync("acme", Platform.X, "a/b#c", CancellationToken.None))!;
        Assert.Equal("AAAAAAAAAA", read.CaseId);
        Assert.True(await store.TrySetAuthorPointerAsync(read with { CaseId = "CCCCCCCCCC" }, CancellationToken.None));
        Assert.False(await store.TrySetAuthorPointerAsync(read with { CaseId = "DDDDDDDDDD" }, CancellationToken.None));
        Assert.Equal("CCCCCCCCCC", (await store.GetAuthorPointerAsync("acme", Platform.X, "a/b#c", CancellationToken.None))!.CaseId);
    }

    [Fact]
    public async Task UpdateMentionAsync_AppliesChangeAndKeepsKey()
    {
        var store = await CreateStoreAsync(azurite);
        var c = (await store.TryCreateCaseAsync(NewCase("x:created:6", T0), CancellationToken.None))!;
        var m = MentionOf(c, "x:created:6", T0, "secret");
        await store.TryAppendMentionAsync(c with { MentionCount = 1 }, m, CancellationToken.None);
        var location = new MentionLocation(c.Id, m.Key);
        await store.RecordMentionLocationAsync(Platform.X, m.ObjectId, location, CancellationToken.None);

        var found = await store.FindMentionAsync(Platform.X, m.ObjectId, CancellationToken.None);
        var updated = await store.UpdateMentionAsync(found!, x => x with { Text = string.Empty, Deleted = true, DeletedAt = T0.AddHours(1) }, CancellationToken.None);

        Assert.Equal(location, found);
        Assert.True(updated!.Deleted);
        var stored = Assert.Single(await store.GetMentionsAsync(c.Id, CancellationToken.None));
        Assert.Equal(string.Empty, stored.Text);
        Assert.Equal(T0.AddHours(1), stored.DeletedAt);
        Assert.Null(await store.FindMentionAsync(Platform.X, "nope", CancellationToken.None));
    }

    [Fact]
    public async Task ListCasesAsync_PagesWithContinuationTokens_InBothOrders()
    {
        var store = await CreateStoreAsync(azurite);
        var expectedByAge = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var created = (await store.TryCreateCaseAsync(NewCase("x:created:list" + i, T0.AddHours(i), author: "a" + i), CancellationToken.None))!;
            var scored = created with { Urgency = i / 10.0, Urgent = i >= 6, Status = i == 3 ? CaseStatus.Resolved : CaseStatus.Triaged, Revision = 5 };
            await store.IndexCaseAsync(scored, CancellationToken.None);
            expectedByAge.Add(created.Id);
        }

        await store.IndexCaseAsync((await store.TryCreateCaseAsync(NewCase("x:created:other", T0, brand: "globex"), CancellationToken.None))!, CancellationToken.None);

        var byAge = await ReadAllAsync(store, new CaseQuery { BrandId = "acme", PageSize = 3 });
        var byUrgency = await ReadAllAsync(store, new CaseQuery { BrandId = "acme", PageSize = 2, Order = CaseOrder.MostUrgent });
        var since = await ReadAllAsync(store, new CaseQuery { BrandId = "acme", PageSize = 10, Since = T0.AddHours(4) });
        var urgentOnly = await ReadAllAsync(store, new CaseQuery { BrandId = "acme", PageSize = 10, Urgent = true });
        var resolved = await ReadAllAsync(store, new CaseQuery { BrandId = "acme", PageSize = 10, Status = CaseStatus.Resolved });

        Assert.Equal(expectedByAge, byAge.Ids);
        Assert.Equal(3, byAge.Pages);
        Assert.Equal([6, 5, 4, 2, 1, 0], byUrgency.Ids.Select(id => expectedByAge.IndexOf(id)));
        Assert.Equal(expectedByAge.Skip(4), since.Ids);
        Assert.Equal([expectedByAge[6]], urgentOnly.Ids);
        Assert.Equal([expectedByAge[3]], resolved.Ids);
    }

    [Fact]
    public async Task IndexCaseAsync_OlderRevision_DoesNotOverwriteNewer()
    {
        var store = await CreateStoreAsync(azurite);
        var c = (await store.TryCreateCaseAsync(NewCase("x:created:rev", T0), CancellationToken.None))!;
        await store.IndexCaseAsync(c with { Urgency = 0.9, Revision = 3 }, CancellationToken.None);

        await store.IndexCaseAsync(c with { Urgency = 0.1, Revision = 2 }, CancellationToken.None);
        await store.IndexCaseAsync(c with { Urgency = 0.5, Revision = 4 }, CancellationToken.None);

        var page = await store.ListCasesAsync(new CaseQuery { BrandId = "acme", Order = CaseOrder.MostUrgent }, null, CancellationToken.None);
        Assert.Equal(0.5, Assert.Single(page.Items).Urgency);
    }

    [Fact]
    public async Task IndexCaseAsync_CaseCloses_LeavesUrgencyListButStaysInAgeList()
    {
        var store = await CreateStoreAsync(azurite);
        var c = (await store.TryCreateCaseAsync(NewCase("x:created:close", T0), CancellationToken.None))!;
        await store.IndexCaseAsync(c with { Status = CaseStatus.Triaged, Revision = 2 }, CancellationToken.None);

        await store.IndexCaseAsync(c with { Status = CaseStatus.Closed, Revision = 3 }, CancellationToken.None);

        Assert.Empty((await store.ListCasesAsync(new CaseQuery { BrandId = "acme", Order = CaseOrder.MostUrgent }, null, CancellationToken.None)).Items);
        Assert.Equal(CaseStatus.Closed, Assert.Single((await store.ListCasesAsync(new CaseQuery { BrandId = "acme" }, null, CancellationToken.None)).Items).Status);
    }

    [Fact]
    public async Task ListCasesAsync_TokenFromOtherOrder_Rejected()
    {
        var store = await CreateStoreAsync(azurite);

        await Assert.ThrowsAsync<ArgumentException>(() => store.ListCasesAsync(new CaseQuery { BrandId = "acme" }, "dTAwMDAw", CancellationToken.None));
    }

    [Fact]
    public async Task RecordAuthorActivityAsync_CountsOncePerMention_AndListsOpenCases()
    {
        var store = await CreateStoreAsync(azurite);
        var activity = new AuthorActivity(Platform.X, "u1", "@u1", "U One", 1_000, MentionKind.Reply, Sentiment.Negative, T0, "x:created:p1");
        await store.RecordAuthorActivityAsync(activity, CancellationToken.None);
        await store.RecordAuthorActivityAsync(activity, CancellationToken.None);
        await store.RecordAuthorActivityAsync(activity with { Sentiment = Sentiment.Positive, DedupKey = "x:created:p2", At = T0.AddDays(1), Followers = 1_200 }, CancellationToken.None);
        var open = (await store.TryCreateCaseAsync(NewCase("x:created:p1", T0), CancellationToken.None))!;
        await store.IndexCaseAsync(open with { Status = CaseStatus.Triaged, Revision = 2 }, CancellationToken.None);
        var closed = (await store.TryCreateCaseAsync(NewCase("x:created:p0", T0.AddDays(-10)), CancellationToken.None))!;
        await store.IndexCaseAsync(closed with { Status = CaseStatus.Closed, Revision = 2 }, CancellationToken.None);

        var profile = await store.GetAuthorAsync(Platform.X, "u1", CancellationToken.None);

        Assert.NotNull(profile);
        Assert.Equal((1, 1, 2), (profile!.Negative, profile.Positive, profile.Mentions));
        Assert.Equal(1_200, profile.Followers);
        Assert.Equal(T0, profile.FirstSeen);
        Assert.Equal([open.Id], profile.OpenCaseIds);
        Assert.Equal(AuthorRole.Critic, profile.Role);
        Assert.Equal(1, await store.CountAuthorCasesAsync(Platform.X, "u1", "acme", T0.AddDays(-30), open.Id, CancellationToken.None));
        Assert.Null(await store.GetAuthorAsync(Platform.X, "nobody", CancellationToken.None));
    }

    [Fact]
    public async Task MarkProcessedAsync_ThenFind_ReturnsCase()
    {
        var store = await CreateStoreAsync(azurite);

        Assert.Null(await store.FindProcessedAsync("x:created:9?#/", CancellationToken.None));
        await store.MarkProcessedAsync("x:created:9?#/", "AAAAAAAAAA", CancellationToken.None);

        Assert.Equal("AAAAAAAAAA", await store.FindProcessedAsync("x:created:9?#/", CancellationToken.None));
    }

    [Fact]
    public async Task TryUpdateCaseAsync_AssignedToAndMergedInto_RoundTrip()
    {
        var store = await CreateStoreAsync(azurite);
        var c = (await store.TryCreateCaseAsync(NewCase("x:created:agent", T0), CancellationToken.None))!;
        Assert.Null(c.AssignedTo);
        Assert.Null((await store.GetCaseAsync(c.Id, CancellationToken.None))!.MergedInto);

        var updated = await store.TryUpdateCaseAsync(c with { AssignedTo = "agent-bo", MergedInto = "K3F9QX2M7A", Status = CaseStatus.Closed }, CancellationToken.None);
        var read = await store.GetCaseAsync(c.Id, CancellationToken.None);

        Assert.NotNull(updated);
        Assert.Equal("agent-bo", read!.AssignedTo);
        Assert.Equal("K3F9QX2M7A", read.MergedInto);
        Assert.Equal(updated with { History = read.History, Categories = read.Categories, UrgencyFactors = read.UrgencyFactors }, read);
    }

    [Fact]
    public async Task ListCasesAsync_AssignedToFilter_ListsOnlyThatAgentsCases_WithAssignee()
    {
        var store = await CreateStoreAsync(azurite);
        var owners = new[] { "agent-bo", null, "agent-ana", "agent-bo" };
        var ids = new List<string>();
        for (var i = 0; i < owners.Length; i++)
        {
            var created = (await store.TryCreateCaseAsync(NewCase("x:created:assigned" + i, T0.AddHours(i), author: "a" + i), CancellationToken.None))!;
            var stored = (await store.TryUpdateCaseAsync(created with { AssignedTo = owners[i], Status = CaseStatus.Triaged }, CancellationToken.None))!;
            await store.IndexCaseAsync(stored, CancellationToken.None);
            ids.Add(stored.Id);
        }

        var bo = await store.ListCasesAsync(new CaseQuery { BrandId = "acme", AssignedTo = "agent-bo" }, null, CancellationToken.None);
        var boUrgent = await store.ListCasesAsync(new CaseQuery { BrandId = "acme", AssignedTo = "agent-bo", Order = CaseOrder.MostUrgent }, null, CancellationToken.None);
        var everyone = await store.ListCasesAsync(new CaseQuery { BrandId = "acme" }, null, CancellationToken.None);

        Assert.Equal([ids[0], ids[3]], bo.Items.Select(i => i.Id));
        Assert.All(bo.Items, i => Assert.Equal("agent-bo", i.AssignedTo));
        Assert.Equal(2, boUrgent.Items.Count);
        Assert.Equal(owners, everyone.Items.Select(i => i.AssignedTo));
    }

    private static async Task<(List<string> Ids, int Pages)> ReadAllAsync(TableCaseStore store, CaseQuery query)
    {
        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListCasesAsync(query, token, CancellationToken.None);
            Assert.True(page.Items.Count <= query.PageSize);
            ids.AddRange(page.Items.Select(i => i.Id));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        return (ids, pages);
    }
}
