using Microsoft.Extensions.Options;
using SocialFirst.Azure.Escalation;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Escalation;
using SocialFirst.Testing;

namespace SocialFirst.Azure.Tests.Escalation;

public sealed class TableEscalationOutboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private TableEscalationOutbox CreateSut() =>
        new(new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12] })));

    private static OutboxEntry Pending(string caseId = "K3F9QX2M7A") => new(caseId, "private-reply-L1", "Facebook", OutboxStatus.Pending, "Allowed: within 7 days", T0)
    {
        Text = "Das tut uns sehr leid, Dana. Fall K3F9QX2M7A. – Acme",
        TemplateId = "*/safety/de/private@2025-06",
        TargetId = "555_880001",
        Channel = "CommentPrivateReply",
        Attempts = 1,
        ClaimedAt = T0,
        UpdatedAt = T0,
    };

    [Fact]
    public async Task AddIfAbsentAsync_SecondWriter_GetsTheFirstEntryNotCreated()
    {
        var sut = CreateSut();

        var (first, created) = await sut.AddIfAbsentAsync(Pending(), CancellationToken.None);
        var (second, createdAgain) = await sut.AddIfAbsentAsync(Pending() with { Status = OutboxStatus.DryRun, Text = "other" }, CancellationToken.None);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(OutboxStatus.Pending, second.Status);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Version, second.Version);
        Assert.NotNull(first.Version);
    }

    [Fact]
    public async Task AddIfAbsentAsync_TenConcurrentWriters_ExactlyOneCreates()
    {
        var sut = CreateSut();
        await sut.AddIfAbsentAsync(Pending("WARMUP0001"), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => sut.AddIfAbsentAsync(Pending() with { Detail = "writer " + i }, CancellationToken.None)));

        var winner = Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(winner.Entry.Detail, r.Entry.Detail));
    }

    [Fact]
    public async Task TryUpdateAsync_CurrentVersion_PendingToSent_RoundTripsEveryField()
    {
        var sut = CreateSut();
        var (pending, _) = await sut.AddIfAbsentAsync(Pending(), CancellationToken.None);

        var sent = await sut.TryUpdateAsync(
            pending with { Status = OutboxStatus.Sent, PlatformMessageId = "m_mid.42", ClaimedAt = null, LastOutcome = "Sent: sent", CaseRecorded = true, AlertedAt = T0.AddSeconds(1), FallbackAction = "public-reply-L1", UpdatedAt = T0.AddSeconds(2) },
            CancellationToken.None);
        var read = await sut.GetAsync(pending.CaseId, pending.Action, CancellationToken.None);

        Assert.NotNull(sent);
        Assert.NotEqual(pending.Version, sent.Version);
        Assert.Equal(sent, read);
        Assert.Equal(OutboxStatus.Sent, read!.Status);
        Assert.Equal("m_mid.42", read.PlatformMessageId);
        Assert.Equal(Pending().Text, read.Text);
        Assert.Equal(1, read.Attempts);
        Assert.Null(read.ClaimedAt);
        Assert.True(read.CaseRecorded);
        Assert.Equal(T0.AddSeconds(1), read.AlertedAt);
    }

    [Theory]
    [InlineData(OutboxStatus.Sent)]
    [InlineData(OutboxStatus.NeedsHuman)]
    [InlineData(OutboxStatus.DryRun)]
    public async Task TryUpdateAsync_StaleVersion_ReturnsNullAndLeavesTheWinnersRow(OutboxStatus loser)
    {
        var sut = CreateSut();
        var (pending, _) = await sut.AddIfAbsentAsync(Pending(), CancellationToken.None);
        var winner = await sut.TryUpdateAsync(pending with { Attempts = 2, ClaimedAt = T0.AddMinutes(5) }, CancellationToken.None);

        var stale = await sut.TryUpdateAsync(pending with { Status = loser }, CancellationToken.None);

        Assert.Null(stale);
        var read = await sut.GetAsync(pending.CaseId, pending.Action, CancellationToken.None);
        Assert.Equal(OutboxStatus.Pending, read!.Status);
        Assert.Equal(winner!.Version, read.Version);
        Assert.Equal(2, read.Attempts);
    }

    [Fact]
    public async Task TryUpdateAsync_WithoutVersion_Throws()
    {
        var sut = CreateSut();

        await Assert.ThrowsAsync<ArgumentException>(() => sut.TryUpdateAsync(Pending(), CancellationToken.None));
    }

    [Fact]
    public async Task GetAndList_BeforeAnythingWasRecorded_NullAndEmpty()
    {
        var sut = CreateSut();

        Assert.Null(await sut.GetAsync("K3F9QX2M7A", "private-reply-L1", CancellationToken.None));
        Assert.Empty(await sut.ListAsync("K3F9QX2M7A", CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_ReturnsOnlyThatCasesActions()
    {
        var sut = CreateSut();
        await sut.AddIfAbsentAsync(Pending("CASEAAAAAA"), CancellationToken.None);
        await sut.AddIfAbsentAsync(Pending("CASEAAAAAA") with { Action = "public-reply-L1" }, CancellationToken.None);
        await sut.AddIfAbsentAsync(Pending("CASEBBBBBB"), CancellationToken.None);

        var list = await sut.ListAsync("CASEAAAAAA", CancellationToken.None);

        Assert.Equal(["private-reply-L1", "public-reply-L1"], list.Select(e => e.Action).Order().ToArray());
    }
}
