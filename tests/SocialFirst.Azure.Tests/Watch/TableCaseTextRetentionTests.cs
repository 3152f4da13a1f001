using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Storage;
using SocialFirst.Azure.Watch;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;
using SocialFirst.Testing;

namespace SocialFirst.Azure.Tests.Watch;

/// <summary>Text retention on the Table case store in Azurite: old cases lose texts and handles, keep counts; recent ones stay.</summary>
public class TableCaseTextRetentionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Old = new(2025, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Recent = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Cutoff = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private async Task<(StorageClients Clients, TableCaseStore Store, TableCaseTextRetention Sut)> CreateAsync()
    {
        var prefix = "r" + Guid.NewGuid().ToString("N")[..12];
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix }));
        var store = new TableCaseStore(clients, NullLogger<TableCaseStore>.Instance);
        await store.EnsureTablesAsync(CancellationToken.None);
        return (clients, store, new TableCaseTextRetention(clients));
    }

    private static async Task<Case> FileAsync(TableCaseStore store, string key, string author, string text, DateTimeOffset at, string brand = "acme")
    {
        var handle = "handle_" + author;
        var opened = Case.Open(CaseId.Create(key), brand, Platform.Facebook, author, handle, at, key, at, "triage");
        var created = await store.TryCreateCaseAsync(opened, CancellationToken.None);
        var mention = new CaseMention
        {
            CaseId = opened.Id,
            Key = CaseMention.KeyFor(at, key),
            DedupKey = key,
            Platform = Platform.Facebook,
            Kind = MentionKind.Comment,
            EventId = "evt-" + key,
            ObjectId = "obj-" + key,
            AuthorId = author,
            AuthorHandle = handle,
            Followers = 250,
            Text = text,
            Language = "en",
            Sentiment = Sentiment.Negative,
            Categories = ["service_failure"],
            Urgency = 0.7,
            CreatedAt = at,
            TriagedAt = at,
            Permalink = "https://facebook.com/" + handle + "/posts/1",
        };
        var updated = created!.TransitionTo(CaseStatus.Triaged, "triage", "classified and scored", at) with
        {
            MentionCount = 1,
            Urgency = 0.7,
            Categories = ["service_failure"],
            UrgencyDecision = "urgent: author @" + handle + " is on the VIP list",
            UrgencyFactors = [new Core.Triage.UrgencyFactor("vip", 1, 0.5, 0.5, "author @" + handle + " is on the VIP list")],
        };
        var appended = await store.TryAppendMentionAsync(updated, mention, CancellationToken.None);
        await store.IndexCaseAsync(appended.Case!, CancellationToken.None);
        await store.RecordAuthorActivityAsync(new AuthorActivity(Platform.Facebook, author, handle, "Name of " + author, 250, MentionKind.Comment, Sentiment.Negative, at, key), CancellationToken.None);
        return appended.Case!;
    }

    private static async Task<List<string>> AllRowsAsync(StorageClients clients)
    {
        var rows = new List<string>();
        foreach (var table in TableCaseStore.TableBaseNames)
        {
            await foreach (var e in clients.Table(table).QueryAsync<TableEntity>())
            {
                rows.Add(string.Join("|", e.Select(p => p.Key + "=" + p.Value)));
            }
        }

        return rows;
    }

    [Fact]
    public async Task StripNextAsync_OldAndRecentCases_StripsOnlyTheOldAndKeepsCounts()
    {
        var (clients, store, sut) = await CreateAsync();
        var old = await FileAsync(store, "ret:old", "7001", "my old complaint about the soup", Old);
        var recent = await FileAsync(store, "ret:new", "7002", "my recent complaint about the bread", Recent);

        var batch = await sut.StripNextAsync("acme", Cutoff, 100, CancellationToken.None);
        await sut.SaveProgressAsync("acme", batch.Progress, CancellationToken.None);

        Assert.Equal(1, batch.Scanned);
        var stripped = Assert.Single(batch.Cases);
        Assert.Equal((old.Id, 1, true), (stripped.CaseId, stripped.Mentions, stripped.Changed));
        Assert.Contains("handle_7001", stripped.Identifiers);
        Assert.False(batch.More);
        var rows = await AllRowsAsync(clients);
        Assert.DoesNotContain(rows, r => r.Contains("old complaint", StringComparison.Ordinal) || r.Contains("handle_7001", StringComparison.Ordinal) || r.Contains("Name of 7001", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("recent complaint about the bread", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("handle_7002", StringComparison.Ordinal));

        var kept = await store.GetCaseAsync(old.Id, CancellationToken.None);
        Assert.Equal((1, 0.7, CaseStatus.Triaged, old.UpdatedAt), (kept!.MentionCount, kept.Urgency, kept.Status, kept.UpdatedAt));
        Assert.Null(kept.AuthorHandle);
        Assert.Equal("urgent: author @[removed] is on the VIP list", kept.UrgencyDecision);
        Assert.Equal("author @[removed] is on the VIP list", Assert.Single(kept.UrgencyFactors).Detail);
        Assert.Equal(["service_failure"], kept.Categories);
        var mention = Assert.Single(await store.GetMentionsAsync(old.Id, CancellationToken.None));
        Assert.Equal((string.Empty, (string?)null, (string?)null, 0.7), (mention.Text, mention.AuthorHandle, mention.Permalink, mention.Urgency));
        var profile = await store.GetAuthorAsync(Platform.Facebook, "7001", CancellationToken.None);
        Assert.Equal((1, (string?)null, (string?)null), (profile!.Mentions, profile.Handle, profile.DisplayName));
        Assert.Equal("my recent complaint about the bread", Assert.Single(await store.GetMentionsAsync(recent.Id, CancellationToken.None)).Text);
    }

    [Fact]
    public async Task StripNextAsync_AfterProgressWasSaved_FindsNothingNewUntilMoreCasesTurnOld()
    {
        var (_, store, sut) = await CreateAsync();
        await FileAsync(store, "ret2:old", "7101", "first old text", Old);
        await FileAsync(store, "ret2:mid", "7102", "second text", Cutoff.AddDays(10));
        var first = await sut.StripNextAsync("acme", Cutoff, 100, CancellationToken.None);
        await sut.SaveProgressAsync("acme", first.Progress, CancellationToken.None);

        var repeat = await sut.StripNextAsync("acme", Cutoff, 100, CancellationToken.None);
        var later = await sut.StripNextAsync("acme", Cutoff.AddDays(30), 100, CancellationToken.None);

        Assert.Equal((0, false), (repeat.Scanned, repeat.More));
        Assert.Equal(1, later.Scanned);
        Assert.True(Assert.Single(later.Cases).Changed);
    }

    [Fact]
    public async Task StripNextAsync_ProgressNotSaved_RepeatsIdempotently()
    {
        var (_, store, sut) = await CreateAsync();
        var old = await FileAsync(store, "ret3:old", "7201", "an old text", Old);
        await sut.StripNextAsync("acme", Cutoff, 100, CancellationToken.None);

        var repeat = await sut.StripNextAsync("acme", Cutoff, 100, CancellationToken.None);

        var again = Assert.Single(repeat.Cases);
        Assert.Equal((old.Id, 0, false), (again.CaseId, again.Mentions, again.Changed));
    }

    [Fact]
    public async Task StripNextAsync_MoreCasesThanTheLimit_ContinuesFromTheSavedPosition()
    {
        var (_, store, sut) = await CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await FileAsync(store, "ret4:" + i, "730" + i, "old text " + i, Old.AddMinutes(i));
        }

        var seen = new HashSet<string>();
        var steps = 0;
        CaseTextRetentionBatchProbe? last = null;
        do
        {
            var batch = await sut.StripNextAsync("acme", Cutoff, 2, CancellationToken.None);
            await sut.SaveProgressAsync("acme", batch.Progress, CancellationToken.None);
            seen.UnionWith(batch.Cases.Select(c => c.CaseId));
            last = new CaseTextRetentionBatchProbe(batch.Scanned, batch.More);
            steps++;
        }
        while (last.More && steps < 10);

        Assert.Equal(5, seen.Count);
        Assert.InRange(steps, 3, 4);
    }

    private sealed record CaseTextRetentionBatchProbe(int Scanned, bool More);
}
