using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Core.Tests.Watch.Application;

public class AuthorErasureServiceTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("hi ed, thanks", "hi X, thanks")]
    [InlineData("we need ed", "we need X")]
    [InlineData("need", "need")]
    [InlineData("@ed: x:ed_1", "@X: x:X_1")]
    [InlineData("Ed Smith wrote", "X wrote")]
    [InlineData("5800001 and 158000012", "X and 158000012")]
    public void Scrub_ReplacesWholeTokensOnly(string input, string expected)
    {
        var matcher = AuthorErasureService.Matcher(["ed", "Ed Smith", "5800001"]);

        Assert.Equal(expected, AuthorErasureService.Scrub(input, matcher, "X"));
    }

    [Fact]
    public void Scrub_JsonDocument_ScrubsStringValuesButNotNamesNumbersOrCodes()
    {
        // Handles that collide with the document's own vocabulary, and a numeric id that appears as a number.
        var matcher = AuthorErasureService.Matcher(["to", "triaged", "1"]);
        const string history = """[{"from":"new","to":"triaged","actor":"triage","reason":"triaged: reply to @to soon","at":"2026-01-05T09:00:00+00:00","level":1}]""";

        var scrubbed = AuthorErasureService.Scrub(history, matcher, "X");

        using var doc = System.Text.Json.JsonDocument.Parse(scrubbed!);
        var entry = doc.RootElement[0];
        Assert.Equal("triaged", entry.GetProperty("to").GetString());
        Assert.Equal("X: reply X @X soon", entry.GetProperty("reason").GetString());
        Assert.Equal(1, entry.GetProperty("level").GetInt32());
        Assert.Equal("2026-01-05T09:00:00+00:00", entry.GetProperty("at").GetString());
    }

    [Fact]
    public void Matcher_NoIdentifiers_MatchesNothing()
    {
        Assert.DoesNotMatch(AuthorErasureService.Matcher(["", " "]), "anything");
    }

    [Fact]
    public void NewToken_IsRandom()
    {
        var a = AuthorErasureService.NewToken();

        Assert.Matches("^erased-[0-9a-f]{16}$", a);
        Assert.NotEqual(a, AuthorErasureService.NewToken());
    }

    [Fact]
    public async Task EraseAsync_ScrubsOutboxOfEveryCaseAndAsksForRawDeliveries()
    {
        var store = new Mock<IAuthorErasureStore>();
        store.Setup(s => s.EraseAuthorAsync(Platform.X, "42424242", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CaseStoreErasure(["CASE1", "CASE2"], ["42424242", "dana_x"], 2, 3, 1, 4, 5, 6));
        var raw = new Mock<IRawDeliveryEraser>();
        raw.Setup(r => r.EraseAsync(It.Is<IReadOnlyCollection<string>>(c => c.Contains("dana_x")), It.IsAny<CancellationToken>())).ReturnsAsync((10, 2));
        var outbox = new ListOutboxWithUpdates(
            new OutboxEntry("CASE1", "private-reply-L1", "X", OutboxStatus.Sent, "sent to dana_x", T) { Text = "Hi Dana, please DM us", TargetId = "42424242", Version = "1" },
            new OutboxEntry("CASE2", "private-reply-L1", "X", OutboxStatus.DryRun, "dry run", T) { Version = "1" });
        var sut = new AuthorErasureService(store.Object, outbox, raw.Object, NullLogger<AuthorErasureService>.Instance);

        var report = await sut.EraseAsync(Platform.X, "42424242", CancellationToken.None);

        Assert.Equal("x", report.Platform);
        Assert.Equal((2, 3, 1, 4, 5, 6), (report.Cases, report.Mentions, report.OtherMentions, report.IndexRows, report.LookupRows, report.AuthorRows));
        Assert.Equal((10, 2), (report.RawDeliveriesScanned, report.RawDeliveriesDeleted));
        Assert.Equal(1, report.OutboxEntries);
        var scrubbed = outbox.Entries.Single(e => e.CaseId == "CASE1");
        Assert.Null(scrubbed.Text);
        Assert.Equal("sent to " + report.Token, scrubbed.Detail);
        Assert.Equal(report.Token, scrubbed.TargetId);
        store.Verify(s => s.EraseAuthorAsync(Platform.X, "42424242", report.Token, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task EraseAsync_TrendDataWired_PassesTheAuthorsMentionKeysAndOwnCasesAndReportsCounts()
    {
        var store = new Mock<IAuthorErasureStore>();
        store.Setup(s => s.EraseAuthorAsync(Platform.Weibo, "1234567", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CaseStoreErasure(["CASE1", "CASE2"], ["1234567", "dana_w"], 1, 2, 0, 1, 1, 1) { MentionKeys = ["weibo:created:1234567:t:dm"], OwnCaseIds = ["CASE1"] });
        var trends = new Mock<ITrendDataEraser>();
        AuthorTrendKeys? seen = null;
        trends.Setup(t => t.EraseAsync(It.IsAny<AuthorTrendKeys>(), It.IsAny<CancellationToken>()))
            .Callback<AuthorTrendKeys, CancellationToken>((k, _) => seen = k)
            .ReturnsAsync(new TrendDataErasure(3, 1, 1));
        var sut = new AuthorErasureService(store.Object, new ListOutboxWithUpdates(), new Mock<IRawDeliveryEraser>().Object, NullLogger<AuthorErasureService>.Instance, trends.Object);

        var report = await sut.EraseAsync(Platform.Weibo, "1234567", CancellationToken.None);

        Assert.Equal((3, 1), (report.TrendObservations, report.Incidents));
        Assert.NotNull(seen);
        Assert.Equal((Platform.Weibo, "1234567", report.Token), (seen.Platform, seen.AuthorId, seen.Token));
        Assert.Equal(["weibo:created:1234567:t:dm"], seen.MentionIds);
        Assert.Equal(["CASE1"], seen.CaseIds);
        Assert.Contains("dana_w", seen.Identifiers);
    }

    [Fact]
    public async Task EraseAsync_OutboxConflict_ReadsAgainAndRetries()
    {
        var store = new Mock<IAuthorErasureStore>();
        store.Setup(s => s.EraseAuthorAsync(It.IsAny<Platform>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CaseStoreErasure(["CASE1"], ["7"], 1, 1, 0, 1, 1, 1));
        var raw = new Mock<IRawDeliveryEraser>();
        var outbox = new ListOutboxWithUpdates(new OutboxEntry("CASE1", "a", "X", OutboxStatus.Sent, "d", T) { Text = "text", Version = "1" }) { Conflicts = 2 };
        var sut = new AuthorErasureService(store.Object, outbox, raw.Object, NullLogger<AuthorErasureService>.Instance);

        var report = await sut.EraseAsync(Platform.X, "7", CancellationToken.None);

        Assert.Equal(1, report.OutboxEntries);
        Assert.Null(Assert.Single(outbox.Entries).Text);
    }

    private sealed class ListOutboxWithUpdates(params OutboxEntry[] entries) : IEscalationOutbox
    {
        private readonly List<OutboxEntry> _entries = [.. entries];

        public int Conflicts { get; set; }

        public IReadOnlyList<OutboxEntry> Entries => _entries;

        public Task<(OutboxEntry Entry, bool Created)> AddIfAbsentAsync(OutboxEntry entry, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<OutboxEntry?> GetAsync(string caseId, string action, CancellationToken cancellationToken) =>
            Task.FromResult(_entries.FirstOrDefault(e => e.CaseId == caseId && e.Action == action));

        public Task<OutboxEntry?> TryUpdateAsync(OutboxEntry entry, CancellationToken cancellationToken)
        {
            if (Conflicts-- > 0)
            {
                return Task.FromResult<OutboxEntry?>(null);
            }

            var i = _entries.FindIndex(e => e.IdempotencyKey == entry.IdempotencyKey && e.Version == entry.Version);
            if (i < 0)
            {
                return Task.FromResult<OutboxEntry?>(null);
            }

            _entries[i] = entry with { Version = entry.Version + "+" };
            return Task.FromResult<OutboxEntry?>(_entries[i]);
        }

        public Task<IReadOnlyList<OutboxEntry>> ListAsync(string caseId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OutboxEntry>>(_entries.Where(e => e.CaseId == caseId).ToList());
    }
}
