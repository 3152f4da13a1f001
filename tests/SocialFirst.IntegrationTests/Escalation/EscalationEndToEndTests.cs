using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SocialFirst.Azure.Escalation;
using SocialFirst.Azure.Storage;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.Functions.Standalone;
using SocialFirst.IntegrationTests.Support;
using SocialFirst.Testing;

namespace SocialFirst.IntegrationTests.Escalation;

/// <summary>
/// Signed Meta comment → triage (urgent, safety) → escalation stand-in queue → Escalate → a real MetaMessenger POST to a
/// fake Graph API on 127.0.0.1, with sending switched on. The customer must get exactly one private reply, whatever
/// the redeliveries and crashes.
/// </summary>
public sealed class EscalationEndToEndTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string PageToken = "page-token-for-tests";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private readonly AzuriteFixture _azurite;
    private FakeGraphApi _graph = null!;

    public EscalationEndToEndTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    public async Task InitializeAsync() => _graph = await FakeGraphApi.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private SocialFirstAppFactory CreateFactory(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Brands:acme:DisplayName"] = "Acme Foods",
            ["Brands:acme:Accounts:0"] = "facebook:" + MetaDeliveries.PageId,
            ["Escalation:DryRun"] = "false",
            ["Escalation:Platforms:Facebook:Enabled"] = "true",
            ["Escalation:ClaimLeaseSeconds"] = "1",
            ["Escalation:Brands:acme:SafetyAlertWebhook"] = _graph.BaseUrl + "/alerts/acme-safety",
            ["Messaging:Meta:GraphBaseUrl"] = _graph.BaseUrl,
            ["Messaging:Meta:PageTokens:" + MetaDeliveries.PageId] = PageToken,
            ["Standalone:MaxDeliveryCount"] = "10",
            ["Standalone:RetryDelaySeconds"] = "1.5",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        return new SocialFirstAppFactory(_azurite, triggers: true, settings);
    }

    /// <summary>A comment written a few minutes ago (inside Meta's 7-day private-reply window).</summary>
    private static string RecentComment(string commentId, string authorId, string message) =>
        MetaDeliveries.Comment(commentId, authorId, "Dana", message, TimeProvider.System.GetUtcNow().AddMinutes(-5).ToUnixTimeSeconds());

    private static async Task<Case> WaitForCaseAsync(IServiceProvider services, string commentId, Func<Case, bool> done, string what)
    {
        var store = services.GetRequiredService<ICaseStore>();
        return await Eventually.GetAsync(
            async () => await store.FindMentionAsync(Platform.Facebook, "555_" + commentId, CancellationToken.None) is { } at
                && await store.GetCaseAsync(at.CaseId, CancellationToken.None) is { } c && done(c) ? c : null,
            Timeout,
            what);
    }

    private static async Task<OutboxEntry> WaitForSentAsync(IServiceProvider services, string caseId)
    {
        var outbox = services.GetRequiredService<IEscalationOutbox>();
        return await Eventually.GetAsync(
            async () => await outbox.GetAsync(caseId, "private-reply-L1", CancellationToken.None) is { Status: OutboxStatus.Sent, CaseRecorded: true } e ? e : null,
            Timeout,
            "the outbox entry to be Sent");
    }

    private static HttpRequestMessage EscalateInvocation(EscalationMessage message, int deliveryCount)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(message, StorageJson.Options);
        var payload = HostPayloads.ServiceBus("escalation", body, message.MessageId, deliveryCount, TimeProvider.System.GetUtcNow(), TimeProvider.System.GetUtcNow(), "Escalate");
        return new HttpRequestMessage(HttpMethod.Post, "/Escalate") { Content = new ByteArrayContent(payload) };
    }

    [Fact]
    public async Task CutThumbComment_EscalationDeliveredAgainAndAgain_ExactlyOnePrivateReplyReachesMeta()
    {
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();
        const string commentId = "990001";

        using var webhook = await client.SendAsync(MetaDeliveries.Signed(RecentComment(commentId, "6600001", "The cap on your salad dressing cut my thumb open, there was blood everywhere")));
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        var c = await WaitForCaseAsync(factory.Services, commentId, c => c.Status == CaseStatus.AwaitingCustomer, "the case to await the customer");
        var entry = await WaitForSentAsync(factory.Services, c.Id);

        // Redeliveries: the same message through the stand-in sink (dropped by message id), then straight to the
        // function twice in a row and twice at once, as the host would on Service Bus redelivery.
        var message = new EscalationMessage
        {
            CaseId = c.Id,
            BrandId = c.BrandId,
            Level = 1,
            Platform = c.Platform.ToString(),
            Reason = c.UrgencyDecision,
            RaisedAt = TimeProvider.System.GetUtcNow(),
            Categories = c.Categories,
        };
        await new StorageQueueEscalationSink(factory.Services.GetRequiredService<StorageClients>()).SendAsync(message, CancellationToken.None);
        for (var i = 2; i <= 3; i++)
        {
            using var again = await client.SendAsync(EscalateInvocation(message, i));
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var together = await Task.WhenAll(client.SendAsync(EscalateInvocation(message, 4)), client.SendAsync(EscalateInvocation(message, 5)));
        Assert.All(together, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);

        var call = Assert.Single(_graph.CallsFor("555_" + commentId));
        Assert.Equal(200, call.Status);
        Assert.Equal($"/v21.0/{MetaDeliveries.PageId}/messages", call.Path);
        Assert.Equal("Bearer " + PageToken, call.Authorization);
        Assert.Contains(c.Id, call.Text, StringComparison.Ordinal);
        Assert.Equal(call.Text, entry.Text);
        Assert.StartsWith("m_mid.", entry.PlatformMessageId, StringComparison.Ordinal);
        var alert = Assert.Single(_graph.Alerts, a => a.Contains(c.Id, StringComparison.Ordinal));
        Assert.Contains("\"kind\":\"safety\"", alert, StringComparison.Ordinal);
        var final = await factory.Services.GetRequiredService<ICaseStore>().GetCaseAsync(c.Id, CancellationToken.None);
        Assert.Equal(CaseStatus.AwaitingCustomer, final!.Status);
        Assert.Single(final.History, h => h.To == CaseStatus.AwaitingCustomer);
        foreach (var r in together)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task ProcessDiesBetweenSendAndRecord_RedeliveryResendsOnce_MetaRefusesTheSecond_CustomerGetsOneReply()
    {
        await using var baseFactory = CreateFactory();
        await using var factory = baseFactory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<IEscalationOutbox>(sp => new CrashOnceOutbox(new TableEscalationOutbox(sp.GetRequiredService<StorageClients>())))));
        using var client = factory.CreateClient();
        const string commentId = "990002";

        using var webhook = await client.SendAsync(MetaDeliveries.Signed(RecentComment(commentId, "6600002", "The cap on your salad dressing cut my thumb open, there was blood everywhere")));
        var c = await WaitForCaseAsync(factory.Services, commentId, c => c.Status == CaseStatus.AwaitingCustomer, "the case to await the customer");
        var entry = await WaitForSentAsync(factory.Services, c.Id);

        var calls = _graph.CallsFor("555_" + commentId);
        Assert.Equal(2, calls.Count);
        Assert.Single(calls, x => x.Status == 200);
        Assert.Equal(400, calls[1].Status);
        Assert.Equal(calls[0].Text, calls[1].Text);
        Assert.Equal(2, entry.Attempts);
        Assert.StartsWith("AlreadyDone", entry.Detail, StringComparison.Ordinal);
        Assert.True(((CrashOnceOutbox)factory.Services.GetRequiredService<IEscalationOutbox>()).Crashed);
    }

    [Fact]
    public async Task PlatformDownUntilDeadLettered_DrainRecordsNeedsHumanOnTheCase()
    {
        await using var factory = CreateFactory(new Dictionary<string, string?>
        {
            ["Standalone:MaxDeliveryCount"] = "3",
            ["Standalone:RetryDelaySeconds"] = "0",
        });
        using var client = factory.CreateClient();
        const string commentId = "990003";
        _graph.Unavailable["555_" + commentId] = true;

        using var webhook = await client.SendAsync(MetaDeliveries.Signed(RecentComment(commentId, "6600003", "The cap on your salad dressing cut my thumb open, there was blood everywhere")));
        var c = await WaitForCaseAsync(factory.Services, commentId, c => c.Status == CaseStatus.Escalated, "the escalated case");
        var deadLetters = factory.Services.GetRequiredService<StorageClients>().Queue(QueueTriggerRunner.DeadLetterQueueName(factory.EscalationsQueue));
        await Eventually.TrueAsync(async () => (await deadLetters.PeekMessagesAsync(1)).Value.Length > 0, Timeout, "the escalation in the dead-letter queue");

        var timer = HostPayloads.Timer("timer", null, TimeProvider.System.GetUtcNow().AddMinutes(5), isPastDue: false, TimeProvider.System.GetUtcNow(), "DeadLetterDrain");
        using var drain = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/DeadLetterDrain") { Content = new ByteArrayContent(timer) });

        Assert.Equal(HttpStatusCode.OK, drain.StatusCode);
        using (var answer = System.Text.Json.JsonDocument.Parse(await drain.Content.ReadAsStringAsync()))
        {
            Assert.Equal("{\"drained\":1,\"poisoned\":0,\"failed\":0}", answer.RootElement.GetProperty("Logs")[0].GetString());
        }

        var stored = await factory.Services.GetRequiredService<ICaseStore>().GetCaseAsync(c.Id, CancellationToken.None);
        Assert.Equal(CaseStatus.NeedsHuman, stored!.Status);
        Assert.StartsWith("escalation dead-lettered: MaxDeliveryCountExceeded", stored.History[^1].Reason, StringComparison.Ordinal);
        Assert.Equal(3, _graph.CallsFor("555_" + commentId).Count);
        var entry = await factory.Services.GetRequiredService<IEscalationOutbox>().GetAsync(c.Id, "private-reply-L1", CancellationToken.None);
        Assert.Equal(OutboxStatus.NeedsHuman, entry!.Status);
        Assert.Empty((await deadLetters.PeekMessagesAsync(1)).Value);
        Assert.Contains(_graph.Alerts, a => a.Contains(c.Id, StringComparison.Ordinal) && a.Contains("\"kind\":\"deadLettered\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnparseableEscalation_RecordedInPoisonTableAndCompleted()
    {
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();
        var payload = HostPayloads.ServiceBus("escalation", "{\"not\":\"an escalation\"", "bad-1", 1, null, TimeProvider.System.GetUtcNow(), "Escalate");

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/Escalate") { Content = new ByteArrayContent(payload) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var poison = await factory.Services.GetRequiredService<IEscalationPoisonStore>().ListAsync(CancellationToken.None);
        Assert.Equal("bad-1", Assert.Single(poison).Key);
    }

    /// <summary>The outbox, except that the first time a send's outcome is recorded the "process dies" (throws) instead.</summary>
    private sealed class CrashOnceOutbox(IEscalationOutbox inner) : IEscalationOutbox
    {
        private int _crashed;

        public bool Crashed => _crashed == 1;

        public Task<(OutboxEntry Entry, bool Created)> AddIfAbsentAsync(OutboxEntry entry, CancellationToken cancellationToken) => inner.AddIfAbsentAsync(entry, cancellationToken);

        public Task<OutboxEntry?> GetAsync(string caseId, string action, CancellationToken cancellationToken) => inner.GetAsync(caseId, action, cancellationToken);

        public Task<OutboxEntry?> TryUpdateAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
            entry.Status == OutboxStatus.Sent && Interlocked.CompareExchange(ref _crashed, 1, 0) == 0
                ? throw new IOException("simulated crash after the platform accepted the message")
                : inner.TryUpdateAsync(entry, cancellationToken);

        public Task<IReadOnlyList<OutboxEntry>> ListAsync(string caseId, CancellationToken cancellationToken) => inner.ListAsync(caseId, cancellationToken);
    }
}
