using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Tests.Escalation;
using SocialFirst.Core.Tests.Triage;
using static SocialFirst.Core.Tests.Escalation.EscalationTestData;

namespace SocialFirst.Core.Tests.Cases;

public sealed class CaseReplyServiceTests
{
    private const string Id = "K3F9QX2M7A";
    private const string Text = "Hi Dana, we are so sorry. Could you send us the batch number?";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryCaseStore _cases = new();
    private readonly InMemoryOutbox _outbox = new();
    private readonly FakeMessenger _messenger = new(Platform.Facebook, Platform.Instagram, Platform.X, Platform.WeChat, Platform.Weibo);
    private readonly RecordingLogger _log = new();

    private CaseReplyService CreateSut(EscalationOptions? options = null) =>
        new(
            _cases,
            _outbox,
            new PrivateMessengerSelector([_messenger], [_messenger]),
            new TestOptionsMonitor<BrandOptions>(AcmeBrands()),
            Options.Create(options ?? Sending(Platform.Facebook, Platform.X)),
            _time,
            _log);

    private async Task<Case> SeedAsync(
        Platform platform = Platform.Facebook,
        MentionKind kind = MentionKind.Comment,
        TimeSpan? age = null,
        CaseStatus status = CaseStatus.Triaged)
    {
        var written = Now - (age ?? TimeSpan.FromHours(1));
        var c = Case.Open(Id, "acme", platform, AuthorId, "dana", written, "facebook:created:e1", written, "triage");
        if (status != CaseStatus.New)
        {
            c = c.TransitionTo(CaseStatus.Triaged, "triage", "triaged", written);
            if (status != CaseStatus.Triaged)
            {
                c = c.TransitionTo(status, "agent-1", "test", written);
            }
        }

        var seeded = _cases.Seed(c);
        return (await _cases.TryAppendMentionAsync(seeded, FirstMention(Id, platform, kind, written), CancellationToken.None)).Case!;
    }

    private Task<CaseReplyResult> ReplyAsync(CaseReplyService sut, string? key = "req-1", string text = Text, ReplyChannel channel = ReplyChannel.Private, string actor = "agent-ana") =>
        sut.ReplyAsync(Id, text, actor, channel, key, CancellationToken.None);

    private async Task<Case> StoredAsync() => (await _cases.GetCaseAsync(Id, CancellationToken.None))!;

    [Fact]
    public async Task ReplyAsync_SendingEnabled_SendsOncePrivatelyAndRecordsFirstResponse()
    {
        await SeedAsync();

        var result = await ReplyAsync(CreateSut());

        Assert.Equal(CaseReplyStatus.Sent, result.Status);
        var call = Assert.Single(_messenger.Calls);
        Assert.False(call.Public);
        Assert.Equal(CommentId, call.Target.ReplyToId);
        Assert.Equal(Text, call.Text);
        var entry = Assert.Single(_outbox.All);
        Assert.Equal(OutboxStatus.Sent, entry.Status);
        Assert.Equal(nameof(MessagingAction.CommentPrivateReply), entry.Channel);
        Assert.Equal(CaseReplyService.ActionFor("req-1"), entry.Action);
        Assert.Equal("agent:agent-ana", entry.TemplateId);
        Assert.True(entry.CaseRecorded);
        var c = await StoredAsync();
        Assert.Equal(CaseStatus.AwaitingCustomer, c.Status);
        Assert.Equal(Now, c.FirstResponseAt);
        Assert.Null(c.WaitingSince);
        Assert.Equal("agent-ana", c.History[^1].Actor);
        Assert.StartsWith("agent reply sent on Facebook (private reply)", c.History[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyAsync_SameKeyAgain_SendsNothingAndAnswersTheSameResult()
    {
        await SeedAsync();
        var sut = CreateSut();
        var first = await ReplyAsync(sut);
        var historyCount = (await StoredAsync()).History.Count;
        _time.Advance(TimeSpan.FromMinutes(5));

        var second = await ReplyAsync(sut);
        var third = await ReplyAsync(sut, key: "req-1");

        Assert.Single(_messenger.Calls);
        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.True(third.Replayed);
        Assert.Equal(CaseReplyStatus.Sent, second.Status);
        Assert.Equal(first.Entry!.PlatformMessageId, second.Entry!.PlatformMessageId);
        Assert.Equal(first.Entry.RecordedAt, second.Entry.RecordedAt);
        Assert.Single(_outbox.All);
        Assert.Equal(historyCount, (await StoredAsync()).History.Count);
    }

    [Fact]
    public async Task ReplyAsync_TwoKeys_OnMetaComment_SecondRefusedByTheOneReplyRule()
    {
        await SeedAsync();
        var sut = CreateSut();
        await ReplyAsync(sut, key: "req-1");

        var second = await ReplyAsync(sut, key: "req-2", text: "Any news?");

        Assert.Equal(CaseReplyStatus.NeedsHuman, second.Status);
        Assert.Contains("already sent", second.Error, StringComparison.Ordinal);
        Assert.Single(_messenger.Calls);
        Assert.Equal(OutboxStatus.NeedsHuman, _outbox.All.Single(e => e.Action == CaseReplyService.ActionFor("req-2")).Status);
    }

    [Fact]
    public async Task ReplyAsync_EscalationAlreadyRepliedToTheComment_NeedsHumanWithoutCallingMeta()
    {
        await SeedAsync(status: CaseStatus.Escalated);
        await _outbox.AddIfAbsentAsync(
            new OutboxEntry(Id, EscalationService.PrivateAction(1), "Facebook", OutboxStatus.Sent, "Sent: sent", Now.AddMinutes(-30))
            {
                TargetId = CommentId,
                Channel = nameof(MessagingAction.CommentPrivateReply),
            },
            CancellationToken.None);

        var result = await ReplyAsync(CreateSut());

        Assert.Equal(CaseReplyStatus.NeedsHuman, result.Status);
        Assert.Empty(_messenger.Calls);
        var c = await StoredAsync();
        Assert.Equal(CaseStatus.Escalated, c.Status);
        Assert.StartsWith("agent reply not sent", c.History[^1].Reason, StringComparison.Ordinal);
        Assert.Equal("agent-ana", c.History[^1].Actor);
    }

    [Fact]
    public async Task ReplyAsync_CommentOlderThanSevenDays_NeedsHumanWindowExpired()
    {
        await SeedAsync(age: TimeSpan.FromDays(7));

        var result = await ReplyAsync(CreateSut());

        Assert.Equal(CaseReplyStatus.NeedsHuman, result.Status);
        Assert.StartsWith("WindowExpired", result.Entry!.Detail, StringComparison.Ordinal);
        Assert.Empty(_messenger.Calls);
        Assert.Null((await StoredAsync()).FirstResponseAt);
    }

    [Fact]
    public async Task ReplyAsync_DefaultOptions_DryRunRecordedWithTextNotSentNoFirstResponse()
    {
        await SeedAsync();

        var result = await ReplyAsync(CreateSut(new EscalationOptions()));

        Assert.Equal(CaseReplyStatus.DryRun, result.Status);
        Assert.Empty(_messenger.Calls);
        var entry = Assert.Single(_outbox.All);
        Assert.Equal(OutboxStatus.DryRun, entry.Status);
        Assert.Equal(Text, entry.Text);
        var c = await StoredAsync();
        Assert.Equal(CaseStatus.Triaged, c.Status);
        Assert.Null(c.FirstResponseAt);
        Assert.StartsWith("agent reply recorded as a dry run", c.History[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyAsync_GenericPlatform_NeedsHumanNoChannel()
    {
        await SeedAsync(platform: Platform.Generic, kind: MentionKind.Mention);

        var result = await ReplyAsync(CreateSut());

        Assert.Equal(CaseReplyStatus.NeedsHuman, result.Status);
        Assert.Empty(_messenger.Calls);
        Assert.Equal(OutboxStatus.NeedsHuman, Assert.Single(_outbox.All).Status);
    }

    [Fact]
    public async Task ReplyAsync_NewCase_MovesThroughTriagedToAwaitingCustomer()
    {
        await SeedAsync(status: CaseStatus.New);

        var result = await ReplyAsync(CreateSut());

        Assert.Equal(CaseReplyStatus.Sent, result.Status);
        var c = await StoredAsync();
        Assert.Equal([CaseStatus.New, CaseStatus.Triaged, CaseStatus.AwaitingCustomer], c.History.Select(h => h.To));
    }

    [Fact]
    public async Task ReplyAsync_MetaDirectMessageAfter24Hours_SentWithHumanAgentTag()
    {
        await SeedAsync(kind: MentionKind.DirectMessage, age: TimeSpan.FromHours(30));

        var result = await ReplyAsync(CreateSut());

        Assert.Equal(CaseReplyStatus.Sent, result.Status);
        Assert.True(Assert.Single(_messenger.Calls).Target.SentByHumanAgent);
    }

    [Fact]
    public async Task ReplyAsync_MetaDirectMessageWithin24Hours_SentWithoutTag()
    {
        await SeedAsync(kind: MentionKind.DirectMessage, age: TimeSpan.FromHours(2));

        await ReplyAsync(CreateSut());

        Assert.False(Assert.Single(_messenger.Calls).Target.SentByHumanAgent);
    }

    [Fact]
    public async Task ReplyAsync_PublicOnX_RepliesPublicly_AndPublicOnFacebookIsInvalid()
    {
        await SeedAsync(platform: Platform.X, kind: MentionKind.Mention);

        var result = await ReplyAsync(CreateSut(), channel: ReplyChannel.Public, text: "We are on it, please DM us.");

        Assert.Equal(CaseReplyStatus.Sent, result.Status);
        Assert.True(Assert.Single(_messenger.Calls).Public);
        Assert.Equal(nameof(MessagingAction.PublicReply), result.Entry!.Channel);
        Assert.StartsWith("agent reply sent on X (public reply)", (await StoredAsync()).History[^1].Reason, StringComparison.Ordinal);

        await SeedAsync();
        var facebook = await ReplyAsync(CreateSut(), key: "req-fb", channel: ReplyChannel.Public);
        Assert.Equal(CaseReplyStatus.Invalid, facebook.Status);
    }

    public static TheoryData<Platform, ReplyChannel, int> OverLimit => new()
    {
        { Platform.Facebook, ReplyChannel.Private, 2_001 },
        { Platform.X, ReplyChannel.Public, 281 },
        { Platform.Weibo, ReplyChannel.Private, 301 },
    };

    [Theory]
    [MemberData(nameof(OverLimit))]
    public async Task ReplyAsync_TextOverPlatformLimit_InvalidNothingRecorded(Platform platform, ReplyChannel channel, int length)
    {
        await SeedAsync(platform: platform, kind: MentionKind.Mention);

        var tooLong = await ReplyAsync(CreateSut(), text: new string('a', length), channel: channel);
        var fits = await ReplyAsync(CreateSut(), key: "req-fits", text: new string('a', length - 1), channel: channel);

        Assert.Equal(CaseReplyStatus.Invalid, tooLong.Status);
        Assert.Contains("too long", tooLong.Error, StringComparison.Ordinal);
        Assert.NotEqual(CaseReplyStatus.Invalid, fits.Status);
        Assert.Single(_outbox.All);
    }

    public static TheoryData<string?, string?, string?> BadRequests => new()
    {
        { null, Text, "agent-ana" },
        { "  ", Text, "agent-ana" },
        { new string('k', CaseReplyService.MaxKeyLength + 1), Text, "agent-ana" },
        { "req-1", "  ", "agent-ana" },
        { "req-1", Text, null },
        { "req-1", Text, "escalation" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task ReplyAsync_MissingKeyTextOrActor_InvalidNothingRecorded(string? key, string? text, string? actor)
    {
        await SeedAsync();
        var writes = _cases.Writes;

        var result = await CreateSut().ReplyAsync(Id, text, actor, ReplyChannel.Private, key, CancellationToken.None);

        Assert.Equal(CaseReplyStatus.Invalid, result.Status);
        Assert.Empty(_outbox.All);
        Assert.Empty(_messenger.Calls);
        Assert.Equal(writes, _cases.Writes);
    }

    [Fact]
    public async Task ReplyAsync_SameKeyDifferentText_KeyReusedNothingSent()
    {
        await SeedAsync();
        var sut = CreateSut();
        await ReplyAsync(sut);

        var reused = await ReplyAsync(sut, text: "Something else entirely");

        Assert.Equal(CaseReplyStatus.KeyReused, reused.Status);
        Assert.Single(_messenger.Calls);
    }

    [Theory]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.Spam)]
    public async Task ReplyAsync_CaseNotOpen_RejectedNothingRecorded(CaseStatus status)
    {
        await SeedAsync(status: status);

        var result = await ReplyAsync(CreateSut());

        Assert.Equal(CaseReplyStatus.Rejected, result.Status);
        Assert.Empty(_outbox.All);
    }

    [Fact]
    public async Task ReplyAsync_UnknownCase_NotFound()
    {
        var result = await ReplyAsync(CreateSut());

        Assert.Equal(CaseReplyStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task ReplyAsync_PlatformSaysRetryLater_ReleasedAndTheSameKeySendsAgain()
    {
        await SeedAsync();
        _messenger.Then(SendOutcome.RetryLater("Meta: 503", TimeSpan.FromSeconds(30)));
        var sut = CreateSut();

        var first = await ReplyAsync(sut);
        var second = await ReplyAsync(sut);

        Assert.Equal(CaseReplyStatus.RetryLater, first.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), first.RetryAfter);
        Assert.Equal(CaseReplyStatus.Sent, second.Status);
        Assert.Equal(2, _messenger.Calls.Count);
        Assert.Equal(2, second.Entry!.Attempts);
        Assert.Equal(CaseStatus.AwaitingCustomer, (await StoredAsync()).Status);
    }

    [Fact]
    public async Task ReplyAsync_SameKeyWhileFirstIsSending_InProgressAndOneSend()
    {
        await SeedAsync();
        _messenger.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sut = CreateSut();

        var first = ReplyAsync(sut);
        await _messenger.Started.Task;
        var second = await ReplyAsync(sut);
        _messenger.Hold.SetResult();

        Assert.Equal(CaseReplyStatus.InProgress, second.Status);
        Assert.NotNull(second.RetryAfter);
        Assert.Equal(CaseReplyStatus.Sent, (await first).Status);
        Assert.Single(_messenger.Calls);
    }

    [Fact]
    public async Task ReplyAsync_FirstAttemptAnsweredAlreadyDone_NeedsHumanNotSent()
    {
        await SeedAsync();
        _messenger.Then(SendOutcome.AlreadyDone("Meta: Graph error 10900: Activity already replied to", "10900"));

        var result = await ReplyAsync(CreateSut());

        Assert.Equal(CaseReplyStatus.NeedsHuman, result.Status);
        Assert.Equal(CaseStatus.Triaged, (await StoredAsync()).Status);
    }

    [Fact]
    public async Task ReplyAsync_CaseKeepsChangingWhileRecording_ConflictThenSameKeyRecordsOnceWithoutResending()
    {
        await SeedAsync();
        var options = Sending(Platform.Facebook);
        options.MaxCaseUpdateAttempts = 2;
        var racing = new FailingUpdatesStore(_cases, failures: 2);
        var sut = new CaseReplyService(
            racing,
            _outbox,
            new PrivateMessengerSelector([_messenger], [_messenger]),
            new TestOptionsMonitor<BrandOptions>(AcmeBrands()),
            Options.Create(options),
            _time,
            _log);

        var first = await ReplyAsync(sut);
        var second = await ReplyAsync(sut);

        Assert.Equal(CaseReplyStatus.Conflict, first.Status);
        Assert.Equal(OutboxStatus.Sent, first.Entry!.Status);
        Assert.Equal(CaseReplyStatus.Sent, second.Status);
        Assert.Single(_messenger.Calls);
        var c = await StoredAsync();
        Assert.Equal(CaseStatus.AwaitingCustomer, c.Status);
        Assert.Single(c.History, h => h.To == CaseStatus.AwaitingCustomer);
    }

    [Fact]
    public async Task ReplyAsync_ProcessDiedAfterMetaCommentSend_SameKeyResendsOnceAndMetaAlreadyDoneCountsAsSent()
    {
        await SeedAsync();
        _outbox.CrashOnceBeforeRecording = OutboxStatus.Sent;
        var sut = CreateSut();

        await Assert.ThrowsAsync<IOException>(() => ReplyAsync(sut));
        var during = await ReplyAsync(sut);
        _time.Advance(TimeSpan.FromSeconds(61));
        _messenger.Then(SendOutcome.AlreadyDone("Meta: Graph error 10900: Activity already replied to", "10900"));
        var after = await ReplyAsync(sut);

        Assert.Equal(CaseReplyStatus.InProgress, during.Status);
        Assert.Equal(CaseReplyStatus.Sent, after.Status);
        Assert.Equal(2, after.Entry!.Attempts);
        Assert.Equal(2, _messenger.Calls.Count);
    }

    [Fact]
    public async Task ReplyAsync_ProcessDiedAfterDirectMessageSend_NotResentNeedsHuman()
    {
        await SeedAsync(kind: MentionKind.DirectMessage);
        _outbox.CrashOnceBeforeRecording = OutboxStatus.Sent;
        var sut = CreateSut();

        await Assert.ThrowsAsync<IOException>(() => ReplyAsync(sut));
        _time.Advance(TimeSpan.FromSeconds(61));
        var after = await ReplyAsync(sut);

        Assert.Equal(CaseReplyStatus.NeedsHuman, after.Status);
        Assert.StartsWith("possibly sent", after.Entry!.Detail, StringComparison.Ordinal);
        Assert.Single(_messenger.Calls);
    }

    [Fact]
    public async Task ReplyAsync_NeverLogsTheText()
    {
        await SeedAsync();
        var sut = CreateSut();

        await ReplyAsync(sut);
        await ReplyAsync(sut);
        await ReplyAsync(sut, text: "a different secret text");

        Assert.NotEmpty(_log.Lines);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("batch number", StringComparison.Ordinal) || l.Contains("secret text", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, true, ReplyChannel.Private)]
    [InlineData("", true, ReplyChannel.Private)]
    [InlineData("Public", true, ReplyChannel.Public)]
    [InlineData("private", true, ReplyChannel.Private)]
    [InlineData("1", false, ReplyChannel.Private)]
    [InlineData("dm", false, ReplyChannel.Private)]
    public void TryParseChannel_Values(string? value, bool ok, ReplyChannel expected)
    {
        Assert.Equal(ok, CaseReplyService.TryParseChannel(value, out var channel));
        if (ok)
        {
            Assert.Equal(expected, channel);
        }
    }

    /// <summary>The first <c>failures</c> case updates lose to a concurrent writer (nothing written).</summary>
    private sealed class FailingUpdatesStore(InMemoryCaseStore inner, int failures) : DelegatingCaseStore(inner)
    {
        private int _left = failures;

        public override Task<Case?> TryUpdateCaseAsync(Case updated, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref _left) >= 0 ? Task.FromResult<Case?>(null) : base.TryUpdateCaseAsync(updated, cancellationToken);
    }

    /// <summary>Keeps every formatted log line and every structured value, to check what reaches the logs.</summary>
    private sealed class RecordingLogger : ILogger<CaseReplyService>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("|", pairs.Select(p => p.Value)) : string.Empty;
            Lines.Enqueue(formatter(state, exception) + " " + values);
        }
    }
}
