using Microsoft.Extensions.Options;
using SocialFirst.Azure.Escalation;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Escalation;
using SocialFirst.Testing;

namespace SocialFirst.Azure.Tests.Escalation;

public sealed class TableEscalationPoisonStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordAsync_SameKeyTwice_FirstKeptOnce_KeysWithForbiddenCharactersWork()
    {
        var sut = new TableEscalationPoisonStore(new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12] })));

        var first = await sut.RecordAsync(new EscalationPoison("a/b#c?-L1", null, "unparseable", "{not json", T0), CancellationToken.None);
        var again = await sut.RecordAsync(new EscalationPoison("a/b#c?-L1", null, "unparseable again", "{not json", T0.AddMinutes(1)), CancellationToken.None);
        await sut.RecordAsync(new EscalationPoison("NOSUCHCASE-L1", "NOSUCHCASE", "unknown case", string.Empty, T0), CancellationToken.None);

        var all = await sut.ListAsync(CancellationToken.None);
        Assert.True(first);
        Assert.False(again);
        Assert.Equal(2, all.Count);
        var bad = Assert.Single(all, p => p.Key == "a/b#c?-L1");
        Assert.Equal("unparseable", bad.Reason);
        Assert.Equal("{not json", bad.Body);
        Assert.Equal("NOSUCHCASE", Assert.Single(all, p => p.CaseId is not null).CaseId);
    }
}
