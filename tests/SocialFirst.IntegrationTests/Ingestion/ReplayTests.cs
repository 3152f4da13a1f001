using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Azure.Storage;
using SocialFirst.Cli.Commands;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Ingestion;

/// <summary>The replay command re-ingests archived deliveries through the same parsing, without duplicates.</summary>
public sealed class ReplayTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly SocialFirstAppFactory _factory;
    private readonly HttpClient _client;

    public ReplayTests(AzuriteFixture azurite)
    {
        _factory = new SocialFirstAppFactory(azurite, triggers: false);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Replay_AfterTheQueueWasLost_QueuesAgainOnce_AndASecondReplayQueuesNothing()
    {
        var storage = _factory.Services.GetRequiredService<StorageClients>();
        var queue = storage.Queue(_factory.MentionsQueue);
        var from = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        using (var response = await _client.SendAsync(MetaDeliveries.Signed(MetaDeliveries.Comment("770001", "6600001", "Flo", "The lid was broken when it arrived"))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Lose what was queued, and the ledger that remembers it, as if the queue had been purged.
        await queue.ClearMessagesAsync();
        await storage.Table(TableIngestLedger.TableBaseName).DeleteAsync();
        await storage.Table(TableIngestLedger.TableBaseName).CreateIfNotExistsAsync();
        var to = TimeProvider.System.GetUtcNow().AddMinutes(1);

        using var first = new StringWriter();
        var firstCode = await new ReplayCommand(first).RunAsync(_factory.Services, from, to, "meta", CancellationToken.None);
        using var second = new StringWriter();
        var secondCode = await new ReplayCommand(second).RunAsync(_factory.Services, from, to, null, CancellationToken.None);

        Assert.Equal(0, firstCode);
        Assert.Equal(0, secondCode);
        Assert.Contains("1 deliveries replayed: 1 mentions, 1 queued again", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("0 queued again, 1 already queued", second.ToString(), StringComparison.Ordinal);
        var messages = (await queue.PeekMessagesAsync(10)).Value;
        var message = Assert.Single(messages);
        Assert.Contains("770001", message.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_EmptyRange_ReplaysNothing()
    {
        using var output = new StringWriter();
        var far = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var code = await new ReplayCommand(output).RunAsync(_factory.Services, far, far.AddHours(2), "meta", CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Contains("0 deliveries replayed", output.ToString(), StringComparison.Ordinal);
    }
}
