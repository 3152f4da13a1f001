using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Escalation.Templates;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Tests.Triage;
using static SocialFirst.Core.Tests.Escalation.EscalationTestData;

namespace SocialFirst.Core.Tests.Escalation;

public sealed class EscalationServiceTests
{
    private const string CaseId = "K3F9QX2M7A";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryCaseStore _cases = new();
    private readonly InMemoryOutbox _outbox = new();
    private readonly InMemoryPoisonStore _poison = new();
    private readonly RecordingAlertSink _alerts = new();
    private readonly FakeMessenger _messenger = new(Platform.Facebook, Platform.Instagram, Platform.X, Platform.WeChat, Platform.Weibo);

    private EscalationService CreateSut(EscalationOptions? options = null, IEscalationOutbox? outbox = null)
    {
        var monitor = new TestOptionsMonitor<BrandOptions>(AcmeBrands());
        return new EscalationService(
            _cases,
            outbox ?? _outbox,
            _poison,
            new PrivateMessengerSelector([_messenger], [_messenger]),
            new FileTemplateStore(Options.Create(new TemplateOptions()), NullLogger<FileTemplateStore>.Instance),
            new BrandResolver(monitor, NullLogger<BrandResolver>.Instance),
            monitor,
            [_alerts],
            Options.Create(options ?? new EscalationOptions()),
            _time,
            NullLogger<EscalationService>.Instance);
    }

    private async Task<Case> SeedCaseAsync(
        Platform platform = Platform.Facebook,
        MentionKind kind = MentionKind.Comment,
        TimeSpan? age = null,
        string[]? categories = null,
        string? language = "en",
        CaseStatus status = CaseStatus.Escalated,
        bool triageRecorded = true)
    {
        var written = Now - (age ?? TimeSpan.FromHours(1));
        var c = Case.Open(CaseId, "acme", platform, AuthorId, "dana", written, "facebook:created:e1", Now, "triage")
            .TransitionTo(CaseStatus.Triaged, "triage", "triaged", Now);
        if (status != CaseStatus.Triaged)
        {
            c = c.TransitionTo(CaseStatus.Escalated, "triage", "escalated at level 1", Now);
            if (status != CaseStatus.Escalated)
            {
                c = c.TransitionTo(status, "agent-1", "test", Now);
            }
        }

        c = c with
        {
            Categories = categories ?? ["safety"],
            Language = language,
            Urgent = true,
            Urgency = 0.9,
            EscalationLevel = triageRecorded ? 1 : 0,
            PendingEscalation = triageRecorded ? null : new PendingEscalation(1, "facebook:created:e1", Now),
        };
        var seeded = _cases.Seed(c);
        var appended = await _cases.TryAppendMentionAsync(seeded, FirstMention(CaseId, platform, kind, written), CancellationToken.None);
        return appended.Case!;
    }

    private static EscalationMessage Message(Platform platform = Platform.Facebook, params string[] categories) => new()
    {
        CaseId = CaseId,
        BrandId = "acme",
        Level = 1,
        Platform = platform.ToString(),
        Reason = "urgent: safety",
        RaisedAt = Now,
        Categories = categories,
    };

    private async Task<Case> CaseAsync() => (await _cases.GetCaseAsync(CaseId, CancellationToken.None))!;

    [Fact]
    public async Task HandleAsync_DryRunByDefault_RecordsExactTextAndNeverCallsThePlatform()
    {
        await SeedCaseAsync();
        var sut = CreateSut();

        var result = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.Equal(OutboxStatus.DryRun, result.Status);
        Assert.Empty(_messenger.Calls);
        var entry = Assert.Single(_outbox.All);
        Assert.Equal("private-reply-L1", entry.Action);
        Assert.Contains(CaseId, entry.Text, StringComparison.Ordinal);
        Assert.Contains("Acme Foods", entry.Text, StringComparison.Ordinal);
        Assert.StartsWith("*/safety/en/private", entry.TemplateId, StringComparison.Ordinal);
        Assert.Equal(CommentId, entry.TargetId);
        var c = await CaseAsync();
        Assert.Equal(CaseStatus.Escalated, c.Status);
        Assert.Contains(c.History, h => h.Actor == EscalationService.Actor && h.Reason.StartsWith("dry run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_PlatformWithoutPrivateChannel_NeedsHumanWithAlert_InsteadOfFailing()
    {
        await SeedCaseAsync(platform: Platform.Generic, kind: MentionKind.Mention, categories: ["billing"]);
        var sut = CreateSut();

        var result = await sut.HandleAsync(Message(Platform.Generic, "billing"), CancellationToken.None);

        Assert.Equal(OutboxStatus.NeedsHuman, result.Status);
        Assert.Empty(_messenger.Calls);
        Assert.Contains("Generic", Assert.Single(_outbox.All).Detail, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.NeedsHuman, (await CaseAsync()).Status);
    }

    [Fact]
    public async Task HandleAsync_NotDryRunButPlatformNotEnabled_RecordsDryRun()
    {
        await SeedCaseAsync();
        var sut = CreateSut(Sending(Platform.X));

        var result = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.Equal(OutboxStatus.DryRun, result.Status);
        Assert.Contains("Escalation:Platforms:Facebook:Enabled", Assert.Single(_outbox.All).Detail, StringComparison.Ordinal);
        Assert.Empty(_messenger.Calls);
    }

    [Fact]
    public async Task HandleAsync_Allowed_SendsOneCommentPrivateReplyAndCaseAwaitsCustomer()
    {
        await SeedCaseAsync(language: "de");
        _messenger.Default = SendOutcome.Sent("m_mid.42");
        var sut = CreateSut(Sending(Platform.Facebook));

        var result = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.Equal(OutboxStatus.Sent, result.Status);
        var call = Assert.Single(_messenger.Calls);
        Assert.Equal(PageId, call.Target.BrandAccountId);
        Assert.Equal(CommentId, call.Target.ReplyToId);
        Assert.Equal($"{CaseId}:private-reply-L1", call.Key);
        var entry = Assert.Single(_outbox.All);
        Assert.Equal("m_mid.42", entry.PlatformMessageId);
        Assert.Equal(call.Text, entry.Text);
        Assert.StartsWith("*/safety/de/", entry.TemplateId, StringComparison.Ordinal);
        Assert.Equal(nameof(MessagingAction.CommentPrivateReply), entry.Channel);
        Assert.True(entry.CaseRecorded);
        Assert.Null(entry.ClaimedAt);
        Assert.Equal(CaseStatus.AwaitingCustomer, (await CaseAsync()).Status);
    }

    [Fact]
    public async Task HandleAsync_PlatformSaysAlreadyDone_RecordsSent()
    {
        await SeedCaseAsync();
        _messenger.Then(SendOutcome.AlreadyDone("facebook: 10900 Activity already replied to", "10900"));
        var sut = CreateSut(Sending(Platform.Facebook));

        var result = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.Equal(OutboxStatus.Sent, result.Status);
        Assert.StartsWith("AlreadyDone", Assert.Single(_outbox.All).Detail, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.AwaitingCustomer, (await CaseAsync()).Status);
    }

    [Fact]
    public async Task HandleAsync_RetryLater_ThrowsLeavesPendingReleased_AndRedeliverySendsAgain()
    {
        await SeedCaseAsync();
        _messenger.Then(SendOutcome.RetryLater("facebook: HTTP 503", TimeSpan.FromSeconds(30)));
        var sut = CreateSut(Sending(Platform.Facebook));

        var ex = await Assert.ThrowsAsync<EscalationRetryException>(() => sut.HandleAsync(Message(), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        var pending = Assert.Single(_outbox.All);
        Assert.Equal(OutboxStatus.Pending, pending.Status);
        Assert.Null(pending.ClaimedAt);
        Assert.Equal(CaseStatus.Escalated, (await CaseAsync()).Status);

        var retry = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.Equal(OutboxStatus.Sent, retry.Status);
        Assert.Equal(2, _messenger.Calls.Count);
        Assert.Equal(2, Assert.Single(_outbox.All).Attempts);
    }

    [Fact]
    public async Task HandleAsync_CommentOlderThanSevenDays_NeedsHumanWithReasonAndAlert_NoPlatformCall()
    {
        await SeedCaseAsync(age: TimeSpan.FromDays(8), categories: ["billing"]);
        var sut = CreateSut(Sending(Platform.Facebook));

        var result = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.Equal(OutboxStatus.NeedsHuman, result.Status);
        Assert.Empty(_messenger.Calls);
        var c = await CaseAsync();
        Assert.Equal(CaseStatus.NeedsHuman, c.Status);
        Assert.Contains("WindowExpired", c.History[^1].Reason, StringComparison.Ordinal);
        var alert = Assert.Single(_alerts.Alerts);
        Assert.Equal(AlertKind.NeedsHuman, alert.Kind);
        Assert.Equal($"{CaseId}:private-reply-L1", alert.IdempotencyKey);
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task HandleAsync_PlatformRefuses_NeedsHumanOnCaseAndAlert_NoRetry(SendOutcome refusal)
    {
        await SeedCaseAsync(categories: ["billing"]);
        _messenger.Then(refusal);
        var sut = CreateSut(Sending(Platform.Facebook));

        var result = await sut.HandleAsync(Message(), CancellationToken.None);
        var again = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.Equal(OutboxStatus.NeedsHuman, result.Status);
        Assert.Equal(OutboxStatus.NeedsHuman, again.Status);
        Assert.Single(_messenger.Calls);
        Assert.Equal(CaseStatus.NeedsHuman, (await CaseAsync()).Status);
        Assert.Contains(refusal.Detail, (await CaseAsync()).History[^1].Reason, StringComparison.Ordinal);
        Assert.Single(_alerts.Alerts);
    }

    public static TheoryData<SendOutcome> Refusals => new()
    {
        SendOutcome.WindowExpired("facebook: 10/2018278 outside of allowed window", "10"),
        SendOutcome.NotPermitted("facebook: 551 This person isn't available", "551"),
        SendOutcome.Failed("facebook: 9999 unknown", "9999"),
    };

    [Fact]
    public async Task HandleAsync_UnknownCase_RecordsPoisonAndReturnsNormally()
    {
        var sut = CreateSut(Sending(Platform.Facebook));

        var result = await sut.HandleAsync(Message(), CancellationToken.None);
        var again = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.Null(result.Status);
        Assert.True(result.Created);
        Assert.False(again.Created);
        var poison = Assert.Single(_poison.All);
        Assert.Equal(CaseId, poison.CaseId);
        Assert.Equal("unknown case", poison.Reason);
        Assert.Empty(_outbox.All);
        Assert.Empty(_messenger.Calls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HandleAsync_RedeliveryAfterFinalStatus_SendsNothingAndWritesNothing(bool sending)
    {
        await SeedCaseAsync();
        var sut = CreateSut(sending ? Sending(Platform.Facebook) : null);
        await sut.HandleAsync(Message(), CancellationToken.None);
        var writes = _cases.Writes;
        var entry = Assert.Single(_outbox.All);

        var again = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.False(again.Created);
        Assert.Equal(sending ? 1 : 0, _messenger.Calls.Count);
        Assert.Equal(writes, _cases.Writes);
        Assert.Equal(entry, Assert.Single(_outbox.All));
        Assert.Single(_alerts.Alerts);
    }

    [Fact]
    public async Task HandleAsync_CrashBetweenSendAndRecord_MetaComment_ResendsOnceAfterLease_AlreadyDoneIsSent()
    {
        await SeedCaseAsync();
        _messenger.Then(SendOutcome.Sent("m_mid.1")).Then(SendOutcome.AlreadyDone("facebook: 10900 Activity already replied to", "10900"));
        _outbox.CrashOnceBeforeRecording = OutboxStatus.Sent;
        var sut = CreateSut(Sending(Platform.Facebook));

        await Assert.ThrowsAsync<IOException>(() => sut.HandleAsync(Message(), CancellationToken.None));
        Assert.Equal(OutboxStatus.Pending, Assert.Single(_outbox.All).Status);

        // Redelivered while the claim is fresh: it may still be in flight elsewhere, so nothing is sent.
        await Assert.ThrowsAsync<EscalationRetryException>(() => sut.HandleAsync(Message(), CancellationToken.None));
        Assert.Single(_messenger.Calls);

        _time.Advance(TimeSpan.FromSeconds(61));
        var result = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.Equal(OutboxStatus.Sent, result.Status);
        Assert.Equal(2, _messenger.Calls.Count);
        Assert.All(_messenger.Calls, c => Assert.Equal(CommentId, c.Target.ReplyToId));
        Assert.Equal(_messenger.Calls.First().Text, _messenger.Calls.Last().Text);
        Assert.Equal(CaseStatus.AwaitingCustomer, (await CaseAsync()).Status);

        await sut.HandleAsync(Message(), CancellationToken.None);
        Assert.Equal(2, _messenger.Calls.Count);
    }

    [Fact]
    public async Task HandleAsync_CrashBetweenSendAndRecord_XDirectMessage_NeedsHumanPossiblySent_NoResend()
    {
        await SeedCaseAsync(Platform.X, MentionKind.DirectMessage, categories: ["billing"]);
        _outbox.CrashOnceBeforeRecording = OutboxStatus.Sent;
        var sut = CreateSut(Sending(Platform.X));

        await Assert.ThrowsAsync<IOException>(() => sut.HandleAsync(Message(Platform.X), CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(61));
        var result = await sut.HandleAsync(Message(Platform.X), CancellationToken.None);

        Assert.Equal(OutboxStatus.NeedsHuman, result.Status);
        Assert.Single(_messenger.Calls);
        Assert.Contains("possibly sent, verify", Assert.Single(_outbox.All).Detail, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.NeedsHuman, (await CaseAsync()).Status);
        Assert.Single(_alerts.Alerts);
    }

    [Fact]
    public async Task HandleAsync_TwoConcurrentDeliveries_OneSend()
    {
        await SeedCaseAsync();
        _messenger.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = CreateSut(Sending(Platform.Facebook));
        var second = CreateSut(Sending(Platform.Facebook));

        var sending = first.HandleAsync(Message(), CancellationToken.None);
        await _messenger.Started.Task.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);
        var concurrent = await Assert.ThrowsAsync<EscalationRetryException>(() => second.HandleAsync(Message(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System));
        _messenger.Hold.SetResult();
        var result = await sending;
        var redelivered = await second.HandleAsync(Message(), CancellationToken.None);

        Assert.Contains("being sent by another delivery", concurrent.Message, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, result.Status);
        Assert.Equal(OutboxStatus.Sent, redelivered.Status);
        Assert.Single(_messenger.Calls);
    }

    [Fact]
    public async Task HandleAsync_XDirectMessageRefused_FallsBackToOnePublicReplyWithoutPersonalData()
    {
        await SeedCaseAsync(Platform.X, MentionKind.Mention, categories: ["billing"]);
        _messenger.Then(SendOutcome.NotPermitted("x: 403 not allowed to send a message to this user")).Then(SendOutcome.Sent("1790000000000000099"));
        var sut = CreateSut(Sending(Platform.X));

        var result = await sut.HandleAsync(Message(Platform.X), CancellationToken.None);
        var again = await sut.HandleAsync(Message(Platform.X), CancellationToken.None);

        Assert.Equal("public-reply-L1", result.Action);
        Assert.Equal(OutboxStatus.Sent, result.Status);
        Assert.Equal(OutboxStatus.Sent, again.Status);
        Assert.Equal(2, _messenger.Calls.Count);
        var publicCall = _messenger.Calls.Last();
        Assert.True(publicCall.Public);
        Assert.DoesNotContain(CaseId, publicCall.Text, StringComparison.Ordinal);
        var dm = _outbox.All.Single(e => e.Action == "private-reply-L1");
        Assert.Equal("public-reply-L1", dm.FallbackAction);
        Assert.Equal(CaseStatus.AwaitingCustomer, (await CaseAsync()).Status);
        Assert.Empty(_alerts.Alerts);
    }

    [Fact]
    public async Task HandleAsync_SafetyCase_AlertsTheBrandOnce()
    {
        await SeedCaseAsync(categories: ["safety"]);
        var sut = CreateSut(Sending(Platform.Facebook));

        await sut.HandleAsync(Message(), CancellationToken.None);
        await sut.HandleAsync(Message(), CancellationToken.None);

        var alert = Assert.Single(_alerts.Alerts);
        Assert.Equal(AlertKind.Safety, alert.Kind);
        Assert.Equal(OutboxStatus.Sent, alert.Status);
        Assert.Equal("acme", alert.BrandId);
        Assert.NotNull(Assert.Single(_outbox.All).AlertedAt);
    }

    [Fact]
    public async Task HandleAsync_AlertFails_ThrowsAndRedeliveryAlertsWithoutSendingAgain()
    {
        await SeedCaseAsync(categories: ["safety"]);
        _alerts.FailNext = 1;
        var sut = CreateSut(Sending(Platform.Facebook));

        await Assert.ThrowsAsync<HttpRequestException>(() => sut.HandleAsync(Message(), CancellationToken.None));
        var result = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.Equal(OutboxStatus.Sent, result.Status);
        Assert.Single(_messenger.Calls);
        Assert.Single(_alerts.Alerts);
        Assert.Equal(CaseStatus.AwaitingCustomer, (await CaseAsync()).Status);
    }

    [Fact]
    public async Task HandleAsync_TriageHasNotRecordedTheEscalationYet_RecordsItForTriage()
    {
        await SeedCaseAsync(status: CaseStatus.Triaged, triageRecorded: false);
        var sut = CreateSut(Sending(Platform.Facebook));

        await sut.HandleAsync(Message(), CancellationToken.None);

        var c = await CaseAsync();
        Assert.Null(c.PendingEscalation);
        Assert.Equal(1, c.EscalationLevel);
        Assert.Equal(CaseStatus.AwaitingCustomer, c.Status);
        Assert.Contains(c.History, h => h.To == CaseStatus.Escalated && h.Actor == EscalationService.Actor);
    }

    [Fact]
    public async Task HandleAsync_ResolvedCase_SkippedWithoutSending()
    {
        await SeedCaseAsync(status: CaseStatus.Resolved);
        var sut = CreateSut(Sending(Platform.Facebook));

        var result = await sut.HandleAsync(Message(), CancellationToken.None);

        Assert.Equal(OutboxStatus.Skipped, result.Status);
        Assert.Empty(_messenger.Calls);
        Assert.Equal(CaseStatus.Resolved, (await CaseAsync()).Status);
    }

    [Fact]
    public async Task HandleAsync_BrandHasNoAccountOnThePlatform_NeedsHuman()
    {
        await SeedCaseAsync(Platform.Weibo, MentionKind.DirectMessage, categories: ["billing"]);
        var sut = CreateSut(Sending(Platform.Weibo));

        var result = await sut.HandleAsync(Message(Platform.Weibo), CancellationToken.None);

        Assert.Equal(OutboxStatus.NeedsHuman, result.Status);
        Assert.Contains("Brands:acme:Accounts", Assert.Single(_outbox.All).Detail, StringComparison.Ordinal);
        Assert.Empty(_messenger.Calls);
    }

    [Fact]
    public async Task RecordDeadLetteredAsync_PendingEntry_CaseNeedsHumanWithReasonAndAlert_Idempotent()
    {
        await SeedCaseAsync(categories: ["billing"]);
        _messenger.Default = SendOutcome.RetryLater("facebook: HTTP 503");
        var sut = CreateSut(Sending(Platform.Facebook));
        await Assert.ThrowsAsync<EscalationRetryException>(() => sut.HandleAsync(Message(), CancellationToken.None));

        await sut.RecordDeadLetteredAsync(Message(), "MaxDeliveryCountExceeded", CancellationToken.None);
        await sut.RecordDeadLetteredAsync(Message(), "MaxDeliveryCountExceeded", CancellationToken.None);

        var c = await CaseAsync();
        Assert.Equal(CaseStatus.NeedsHuman, c.Status);
        Assert.Single(c.History, h => h.Reason.StartsWith("escalation dead-lettered: MaxDeliveryCountExceeded", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.NeedsHuman, Assert.Single(_outbox.All).Status);
        Assert.All(_alerts.Alerts, a => Assert.Equal(AlertKind.DeadLettered, a.Kind));
        Assert.NotEmpty(_alerts.Alerts);
    }

    [Fact]
    public async Task RecordDeadLetteredAsync_UnknownCase_Poisoned()
    {
        var sut = CreateSut();

        await sut.RecordDeadLetteredAsync(Message(), "MaxDeliveryCountExceeded", CancellationToken.None);

        Assert.Contains("dead-lettered", Assert.Single(_poison.All).Reason, StringComparison.Ordinal);
    }
}
