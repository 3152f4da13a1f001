using SocialFirst.Core.Escalation;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Escalation.Messaging;

public class SendOutcomeTests
{
    public static TheoryData<SendOutcome, OutboxStatus?, bool> Outcomes => new()
    {
        { SendOutcome.Sent("m_1"), OutboxStatus.Sent, false },
        { SendOutcome.AlreadyDone("(#10900) Activity already replied to", "10900"), OutboxStatus.Sent, false },
        { SendOutcome.RetryLater("HTTP 503"), null, true },
        { SendOutcome.WindowExpired("45015"), OutboxStatus.NeedsHuman, false },
        { SendOutcome.NotPermitted("token expired"), OutboxStatus.NeedsHuman, false },
        { SendOutcome.Failed("bad request", "400"), OutboxStatus.NeedsHuman, false },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void OutboxStatus_MapsEachKind(SendOutcome outcome, OutboxStatus? expected, bool retry)
    {
        Assert.Equal(expected, outcome.OutboxStatus);
        Assert.Equal(retry, outcome.ShouldRetry);
        Assert.Equal(expected == OutboxStatus.Sent, outcome.IsDone);
    }

    [Fact]
    public void Detail_LongMultiLine_IsOneLineAndCapped()
    {
        var outcome = SendOutcome.Failed("line1\nline2 " + new string('x', 1000));

        Assert.Equal(SendOutcome.MaxDetailLength, outcome.Detail.Length);
        Assert.DoesNotContain('\n', outcome.Detail);
        Assert.StartsWith("line1 line2", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryLater_NegativeDelay_IsClampedToZero()
    {
        Assert.Equal(TimeSpan.Zero, SendOutcome.RetryLater("x", TimeSpan.FromSeconds(-5)).RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(30), SendOutcome.RetryLater("x", TimeSpan.FromSeconds(30)).RetryAfter);
    }
}

public class PrivateMessageTargetTests
{
    [Fact]
    public void For_Comment_AnswersTheCommentAndLeavesTheDmClockUnset()
    {
        var created = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var mention = new Mention
        {
            Platform = Platform.Facebook,
            BrandAccountId = "page-1",
            Kind = MentionKind.Comment,
            EventId = "e1",
            ObjectId = "post_comment",
            Author = new MentionAuthor("psid-9"),
            CreatedAt = created,
        };

        var target = PrivateMessageTarget.For(mention);

        Assert.Equal(("page-1", "post_comment", "psid-9", created), (target.BrandAccountId, target.ReplyToId, target.AuthorId, target.MentionCreatedAt));
        Assert.Null(target.CustomerLastMessageAt);
        Assert.Equal(created, PrivateMessageTarget.For(mention with { Kind = MentionKind.DirectMessage }).CustomerLastMessageAt);
    }
}

public class PrivateMessengerSelectorTests
{
    private sealed class FakeMessenger(params Platform[] platforms) : IPrivateMessenger, IPublicReplier
    {
        public IReadOnlyCollection<Platform> Platforms => platforms;

        public Task<SendOutcome> SendAsync(PrivateMessageTarget target, string text, string idempotencyKey, CancellationToken cancellationToken) =>
            Task.FromResult(SendOutcome.Sent("1"));

        public Task<SendOutcome> ReplyPubliclyAsync(PrivateMessageTarget target, string text, string idempotencyKey, CancellationToken cancellationToken) =>
            Task.FromResult(SendOutcome.Sent("2"));
    }

    [Fact]
    public void TryGetMessenger_PicksByPlatform()
    {
        var meta = new FakeMessenger(Platform.Facebook, Platform.Instagram);
        var x = new FakeMessenger(Platform.X);
        var sut = new PrivateMessengerSelector([meta, x], [x]);

        Assert.True(sut.TryGetMessenger(Platform.Instagram, out var ig));
        Assert.Same(meta, ig);
        Assert.True(sut.TryGetPublicReplier(Platform.X, out var replier));
        Assert.Same(x, replier);
        Assert.False(sut.TryGetMessenger(Platform.WeChat, out _));
        Assert.False(sut.TryGetPublicReplier(Platform.Facebook, out _));
    }
}
