using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialFirst.Azure.Cases;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Testing;
using static SocialFirst.Azure.Tests.Cases.CaseTestSupport;

namespace SocialFirst.Azure.Tests.Cases;

public class TableCaseMentionFactsReaderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Case NewCase(string key, DateTimeOffset opened, string author = "u1") =>
        Case.Open(CaseId.Create(key), "acme", Platform.X, author, "@" + author, opened, key, opened.AddSeconds(5), "triage");

    private static CaseMention MentionOf(Case c, string author, DateTimeOffset at, Sentiment sentiment, long? followers = null, MentionKind kind = MentionKind.Comment, bool deleted = false) =>
        CaseMentions.ByAuthor(c.Id, author, at, sentiment, followers, kind, deleted);

    private async Task<(TableCaseStore Store, TableCaseMentionFactsReader Reader)> CreateAsync()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix }));
        var store = new TableCaseStore(clients, NullLogger<TableCaseStore>.Instance);
        await store.EnsureTablesAsync(CancellationToken.None);
        return (store, new TableCaseMentionFactsReader(clients));
    }

    private static async Task<Case> AppendAsync(TableCaseStore store, Case c, CaseMention m)
    {
        var outcome = await store.TryAppendMentionAsync(c, m, CancellationToken.None);
        Assert.Equal(AppendStatus.Appended, outcome.Status);
        return outcome.Case!;
    }

    [Fact]
    public async Task ReadAsync_ThePeriodInclusive_OnlyThisCase_WithTheFacts()
    {
        var (store, reader) = await CreateAsync();
        var c = (await store.TryCreateCaseAsync(NewCase("x:facts:1", T0), CancellationToken.None))!;
        var other = (await store.TryCreateCaseAsync(NewCase("x:facts:2", T0, "u2"), CancellationToken.None))!;
        c = await AppendAsync(store, c, MentionOf(c, "u1", T0.AddTicks(-1), Sentiment.Negative, 10));         // before: out
        c = await AppendAsync(store, c, MentionOf(c, "u1", T0, Sentiment.Negative, 1_234));                   // at from: in
        c = await AppendAsync(store, c, MentionOf(c, "u9", T0.AddDays(1), Sentiment.Positive, null, MentionKind.Reply, deleted: true));
        c = await AppendAsync(store, c, MentionOf(c, "u1", T0.AddDays(2), Sentiment.Mixed, 1_300));           // at to: in
        await AppendAsync(store, c, MentionOf(c, "u1", T0.AddDays(2).AddTicks(1), Sentiment.Negative, 10));    // after: out
        await AppendAsync(store, other, MentionOf(other, "u2", T0.AddDays(1), Sentiment.Negative, 10));

        var facts = await reader.ReadAsync(c.Id, T0, T0.AddDays(2), 100, CancellationToken.None);

        Assert.Equal([T0, T0.AddDays(1), T0.AddDays(2)], facts.Select(f => f.CreatedAt));
        Assert.All(facts, f => Assert.Equal(c.Id, f.CaseId));
        Assert.Equal(new CaseMentionFacts(c.Id, Platform.X, "u1", "@u1", 1_234, MentionKind.Comment, Sentiment.Negative, T0, false), facts[0]);
        Assert.Equal(new CaseMentionFacts(c.Id, Platform.X, "u9", "@u9", null, MentionKind.Reply, Sentiment.Positive, T0.AddDays(1), true), facts[1]);
        Assert.Equal(Sentiment.Mixed, facts[2].Sentiment);
    }

    [Fact]
    public async Task ReadAsync_Max_KeepsTheOldest()
    {
        var (store, reader) = await CreateAsync();
        var c = (await store.TryCreateCaseAsync(NewCase("x:facts:max", T0), CancellationToken.None))!;
        for (var i = 0; i < 5; i++)
        {
            c = await AppendAsync(store, c, MentionOf(c, "u1", T0.AddHours(i), Sentiment.Neutral));
        }

        var facts = await reader.ReadAsync(c.Id, T0, T0.AddDays(1), 3, CancellationToken.None);

        Assert.Equal([T0, T0.AddHours(1), T0.AddHours(2)], facts.Select(f => f.CreatedAt));
    }

    [Theory]
    [InlineData("no-such-case")]
    [InlineData("ABC' or PartitionKey ne '")]
    public async Task ReadAsync_NotACaseOfOurs_IsEmpty(string caseId)
    {
        var (store, reader) = await CreateAsync();
        var c = (await store.TryCreateCaseAsync(NewCase("x:facts:3", T0), CancellationToken.None))!;
        await AppendAsync(store, c, MentionOf(c, "u1", T0, Sentiment.Negative));

        Assert.Empty(await reader.ReadAsync(caseId, T0.AddDays(-1), T0.AddDays(1), 10, CancellationToken.None));
        Assert.Empty(await reader.ReadAsync(CaseId.Create("x:facts:unknown"), T0.AddDays(-1), T0.AddDays(1), 10, CancellationToken.None));
        Assert.Empty(await reader.ReadAsync(c.Id, T0.AddDays(1), T0.AddDays(-1), 10, CancellationToken.None));
    }

    [Fact]
    public async Task InfluenceService_OnTables_RanksTheStoredMentions()
    {
        var (store, reader) = await CreateAsync();
        var now = T0.AddDays(10);
        var loud = (await store.TryCreateCaseAsync(NewCase("x:facts:loud", now.AddDays(-1), "loud"), CancellationToken.None))!;
        loud = await AppendAsync(store, loud, MentionOf(loud, "loud", now.AddDays(-1), Sentiment.Negative, 999_999));
        loud = await AppendAsync(store, loud, MentionOf(loud, "loud", now, Sentiment.Negative, 999_999));
        await store.IndexCaseAsync(loud, CancellationToken.None);
        var quiet = (await store.TryCreateCaseAsync(NewCase("x:facts:quiet", now.AddDays(-1), "quiet"), CancellationToken.None))!;
        quiet = await AppendAsync(store, quiet, MentionOf(quiet, "quiet", now.AddDays(-1), Sentiment.Negative, 50));
        quiet = await AppendAsync(store, quiet, MentionOf(quiet, "quiet", now, Sentiment.Negative, 50));
        await store.IndexCaseAsync(quiet, CancellationToken.None);
        var time = new FakeTimeProvider(now);
        var sut = new InfluenceService(store, reader, Options.Create(new InfluenceOptions()), time, NullLogger<InfluenceService>.Instance);

        var report = await sut.RankAsync("acme", InfluenceList.Critic, 10, null, CancellationToken.None);

        Assert.Equal(["loud", "quiet"], report.Authors.Select(a => a.AuthorId));
        Assert.Equal(2, report.CasesRead);
        Assert.Equal(4, report.MentionsCounted);
    }

    [Fact]
    public void AddInfluenceStorage_ResolvesTheServiceWithTheTableReader()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Watch:Influence:LookbackDays"] = "30" }).Build());
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(Options.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }));
        services.AddSingleton<StorageClients>();
        services.AddTableCaseStore().AddInfluenceStorage();
        using var sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(sp.GetRequiredService<InfluenceService>());
        Assert.IsType<TableCaseMentionFactsReader>(sp.GetRequiredService<ICaseMentionFactsReader>());
        Assert.Equal(30, sp.GetRequiredService<IOptions<InfluenceOptions>>().Value.LookbackDays);
    }
}
