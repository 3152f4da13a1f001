using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Triage;

namespace SocialFirst.Core.Tests.Triage;

public class TriageServiceTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryCaseStore _store = new();
    private readonly FakeClassifier _classifier = new();
    private readonly Mock<IEscalationSink> _sink = new();
    private readonly FakeTimeProvider _time = new(T0.AddMinutes(1));
    private readonly BrandOptions _brands = new();
    private readonly TriageOptions _options = new();

    public TriageServiceTests()
    {
        _brands.Items["acme"] = new BrandDefinition { DisplayName = "Acme" };
        _brands.Items["acme"].Accounts.Add("x:2244994945");
        _brands.Items["private"] = new BrandDefinition { RedactPii = true };
        _brands.Items["private"].Accounts.Add("facebook:555");
    }

    private TriageService CreateSut() => new(
        _classifier,
        new BrandResolver(new TestOptionsMonitor<BrandOptions>(_brands), NullLogger<BrandResolver>.Instance),
        _store,
        _sink.Object,
        new RegexPiiRedactor(),
        UrgencyPolicy.Default,
        _time,
        new TestOptionsMonitor<TriageOptions>(_options),
        NullLogger<TriageService>.Instance);

    [Fact]
    public async Task TriageAsync_FirstMention_OpensTriagedCaseWithIdFromDedupKey()
    {
        var mention = new MentionBuilder().From("u1").Saying("where is my parcel?").At(T0).Build();

        var outcome = await CreateSut().TriageAsync(mention, CancellationToken.None);

        Assert.Equal(CaseId.Create(mention.DedupKey), outcome.CaseId);
        Assert.Equal("acme", outcome.BrandId);
        Assert.False(outcome.Duplicate);
        var c = Assert.Single(_store.Cases);
        Assert.Equal(CaseStatus.Triaged, c.Status);
        Assert.Equal(1, c.MentionCount);
        Assert.Equal("default-2", c.PolicyVersion);
        Assert.Equal([CaseStatus.New, CaseStatus.Triaged], c.History.Select(h => h.To));
        Assert.All(c.History, h => Assert.Equal(TriageService.Actor, h.Actor));
        var filed = Assert.Single(await _store.GetMentionsAsync(c.Id, CancellationToken.None));
        Assert.Equal("where is my parcel?", filed.Text);
    }

    [Fact]
    public async Task TriageAsync_SameAuthorWithinWindow_JoinsOpenCase()
    {
        var sut = CreateSut();
        var first = await sut.TriageAsync(new MentionBuilder().From("u1").At(T0).Build(), CancellationToken.None);

        var second = await sut.TriageAsync(new MentionBuilder().From("u1").At(T0.AddHours(71)).Build(), CancellationToken.None);

        Assert.Equal(first.CaseId, second.CaseId);
        Assert.Contains("joined author's open case", second.Decision, StringComparison.Ordinal);
        Assert.Equal(2, (await _store.GetCaseAsync(first.CaseId, CancellationToken.None))!.MentionCount);
    }

    [Fact]
    public async Task TriageAsync_SameAuthorAfterWindow_OpensNewCase()
    {
        var sut = CreateSut();
        var first = await sut.TriageAsync(new MentionBuilder().From("u1").At(T0).Build(), CancellationToken.None);

        var second = await sut.TriageAsync(new MentionBuilder().From("u1").At(T0.AddHours(73)).Build(), CancellationToken.None);

        Assert.NotEqual(first.CaseId, second.CaseId);
        Assert.Equal(2, _store.Cases.Count);
    }

    [Fact]
    public async Task TriageAsync_WindowOption_IsHonoured()
    {
        _options.CaseWindowHours = 1;
        var sut = CreateSut();
        var first = await sut.TriageAsync(new MentionBuilder().From("u1").At(T0).Build(), CancellationToken.None);

        var second = await sut.TriageAsync(new MentionBuilder().From("u1").At(T0.AddHours(2)).Build(), CancellationToken.None);

        Assert.NotEqual(first.CaseId, second.CaseId);
    }

    [Fact]
    public async Task TriageAsync_SameAuthorOtherBrand_OpensSeparateCase()
    {
        var sut = CreateSut();
        var acme = await sut.TriageAsync(new MentionBuilder().From("u1").At(T0).Build(), CancellationToken.None);

        var other = await sut.TriageAsync(new MentionBuilder().On(Platform.X, "999").From("u1").At(T0.AddMinutes(1)).Build(), CancellationToken.None);

        Assert.Equal(BrandOptions.DefaultBrandId, other.BrandId);
        Assert.NotEqual(acme.CaseId, other.CaseId);
    }

    [Fact]
    public async Task TriageAsync_ClosedCase_NextMentionOpensNewCase()
    {
        var sut = CreateSut();
        var first = await sut.TriageAsync(new MentionBuilder().From("u1").At(T0).Build(), CancellationToken.None);
        var c = (await _store.GetCaseAsync(first.CaseId, CancellationToken.None))!;
        Assert.NotNull(await _store.TryUpdateCaseAsync(c.TransitionTo(CaseStatus.Closed, "agent-7", "done", T0.AddMinutes(5)), CancellationToken.None));

        var second = await sut.TriageAsync(new MentionBuilder().From("u1").At(T0.AddMinutes(10)).Build(), CancellationToken.None);

        Assert.NotEqual(first.CaseId, second.CaseId);
    }

    [Fact]
    public async Task TriageAsync_ReplyToMentionInCase_JoinsThatCaseEvenFromAnotherAuthor()
    {
        var sut = CreateSut();
        var root = new MentionBuilder().From("u1").WithIds("e-root", "tweet-1").At(T0).Build();
        var first = await sut.TriageAsync(root, CancellationToken.None);

        var reply = new MentionBuilder().From("u2").ReplyTo("tweet-1").At(T0.AddMinutes(3)).Build();
        var second = await sut.TriageAsync(reply, CancellationToken.None);

        Assert.Equal(first.CaseId, second.CaseId);
        Assert.Contains("thread", second.Decision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriageAsync_ReplyToUnknownThread_FallsBackToAuthorCase()
    {
        var sut = CreateSut();

        var outcome = await sut.TriageAsync(new MentionBuilder().From("u3").ReplyTo("post-of-the-brand").At(T0).Build(), CancellationToken.None);

        Assert.Contains("opened case", outcome.Decision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriageAsync_Redelivery_IsDuplicateAndWritesNothing()
    {
        var sut = CreateSut();
        var mention = new MentionBuilder().From("u1").Saying("fire in the store").At(T0).Build();
        var first = await sut.TriageAsync(mention, CancellationToken.None);
        var writes = _store.Writes;

        var again = await sut.TriageAsync(mention, CancellationToken.None);

        Assert.True(again.Duplicate);
        Assert.Equal(first.CaseId, again.CaseId);
        Assert.True(again.Escalated);
        Assert.Equal(writes, _store.Writes);
        Assert.Equal(1, _classifier.Calls);
        _sink.Verify(s => s.SendAsync(It.IsAny<EscalationMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task TriageAsync_RetryAfterCrashBeforeMarking_FinishesWithoutCountingTwice()
    {
        var sut = CreateSut();
        var mention = new MentionBuilder().From("u1").At(T0).Build();
        await sut.TriageAsync(mention, CancellationToken.None);
        // Simulate a crash after filing but before the processed mark: forget the mark only.
        var store = _store;
        await store.MarkProcessedAsync(mention.DedupKey, "ignored", CancellationToken.None);
        var forgetful = new ForgetProcessedStore(store, mention.DedupKey);
        var retrying = new TriageService(
            _classifier,
            new BrandResolver(new TestOptionsMonitor<BrandOptions>(_brands), NullLogger<BrandResolver>.Instance),
            forgetful,
            _sink.Object,
            new RegexPiiRedactor(),
            UrgencyPolicy.Default,
            _time,
            new TestOptionsMonitor<TriageOptions>(_options),
            NullLogger<TriageService>.Instance);

        var outcome = await retrying.TriageAsync(mention, CancellationToken.None);

        Assert.False(outcome.Duplicate);
        var c = Assert.Single(_store.Cases);
        Assert.Equal(1, c.MentionCount);
        Assert.Equal(1, (await _store.GetAuthorAsync(Platform.X, "u1", CancellationToken.None))!.Mentions);
    }

    [Fact]
    public async Task TriageAsync_UrgentMention_SendsLevelOneOnceAndMarksEscalated()
    {
        var sut = CreateSut();
        var sent = new List<EscalationMessage>();
        _sink.Setup(s => s.SendAsync(It.IsAny<EscalationMessage>(), It.IsAny<CancellationToken>()))
            .Callback<EscalationMessage, CancellationToken>((m, _) => sent.Add(m))
            .Returns(Task.CompletedTask);

        var first = await sut.TriageAsync(new MentionBuilder().From("u1").Saying("there is a fire").At(T0).Build(), CancellationToken.None);
        var second = await sut.TriageAsync(new MentionBuilder().From("u1").Saying("the fire is spreading").At(T0.AddMinutes(2)).Build(), CancellationToken.None);

        Assert.True(first.Urgent);
        Assert.True(first.Escalated);
        Assert.True(second.Escalated);
        var message = Assert.Single(sent);
        Assert.Equal($"{first.CaseId}-L1", message.MessageId);
        Assert.Equal("acme", message.BrandId);
        Assert.Equal("X", message.Platform);
        Assert.Contains("safety", message.Reason, StringComparison.Ordinal);
        var c = (await _store.GetCaseAsync(first.CaseId, CancellationToken.None))!;
        Assert.Equal(CaseStatus.Escalated, c.Status);
        Assert.Equal(1, c.EscalationLevel);
        Assert.Null(c.PendingEscalation);
        Assert.Contains(c.UrgencyFactors, f => f.Factor == "category:safety");
    }

    [Fact]
    public async Task TriageAsync_SendFails_ThrowsAndRetrySendsAndMarks()
    {
        var sut = CreateSut();
        _sink.SetupSequence(s => s.SendAsync(It.IsAny<EscalationMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("service bus down"))
            .Returns(Task.CompletedTask);
        var mention = new MentionBuilder().From("u1").Saying("fire!").At(T0).Build();

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.TriageAsync(mention, CancellationToken.None));
        var pending = Assert.Single(_store.Cases);
        Assert.Equal(0, pending.EscalationLevel);
        Assert.NotNull(pending.PendingEscalation);

        var retried = await sut.TriageAsync(mention, CancellationToken.None);

        Assert.True(retried.Escalated);
        Assert.Equal(CaseStatus.Escalated, Assert.Single(_store.Cases).Status);
        _sink.Verify(s => s.SendAsync(It.Is<EscalationMessage>(m => m.Level == 1), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task TriageAsync_NotUrgent_SendsNothing()
    {
        var outcome = await CreateSut().TriageAsync(new MentionBuilder().From("u1").Saying("thanks, great service").At(T0).Build(), CancellationToken.None);

        Assert.False(outcome.Urgent);
        Assert.False(outcome.Escalated);
        _sink.Verify(s => s.SendAsync(It.IsAny<EscalationMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task TriageAsync_Spam_GoesToSpamAndAGenuineMentionBringsItBack()
    {
        var sut = CreateSut();
        var spam = await sut.TriageAsync(new MentionBuilder().From("u1").Saying("buy spam now").At(T0).Build(), CancellationToken.None);
        Assert.Equal(CaseStatus.Spam, (await _store.GetCaseAsync(spam.CaseId, CancellationToken.None))!.Status);

        var genuine = await sut.TriageAsync(new MentionBuilder().From("u1").Saying("my order is late").At(T0.AddMinutes(1)).Build(), CancellationToken.None);

        Assert.Equal(spam.CaseId, genuine.CaseId);
        Assert.Equal(CaseStatus.Triaged, (await _store.GetCaseAsync(spam.CaseId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task TriageAsync_RepeatContacts_RaiseUrgencyAndRecordFactor()
    {
        var sut = CreateSut();
        await sut.TriageAsync(new MentionBuilder().From("u1").Saying("angry").At(T0).Build(), CancellationToken.None);
        await sut.TriageAsync(new MentionBuilder().From("u1").Saying("still angry").At(T0.AddMinutes(1)).Build(), CancellationToken.None);

        var third = await sut.TriageAsync(new MentionBuilder().From("u1").Saying("very angry").At(T0.AddMinutes(2)).Build(), CancellationToken.None);

        var c = (await _store.GetCaseAsync(third.CaseId, CancellationToken.None))!;
        Assert.Contains(c.UrgencyFactors, f => f.Factor == "repeat_contact" && f.Detail.StartsWith("2 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TriageAsync_AwaitingCustomerCaseGetsMention_ReturnsToTriaged()
    {
        var sut = CreateSut();
        var first = await sut.TriageAsync(new MentionBuilder().From("u1").At(T0).Build(), CancellationToken.None);
        var c = (await _store.GetCaseAsync(first.CaseId, CancellationToken.None))!;
        await _store.TryUpdateCaseAsync(c.TransitionTo(CaseStatus.AwaitingCustomer, "agent-1", "answered", T0.AddMinutes(30)), CancellationToken.None);

        await sut.TriageAsync(new MentionBuilder().From("u1").At(T0.AddHours(1)).Build(), CancellationToken.None);

        var after = (await _store.GetCaseAsync(first.CaseId, CancellationToken.None))!;
        Assert.Equal(CaseStatus.Triaged, after.Status);
        Assert.Equal(TimeSpan.FromMinutes(30), after.FirstResponseTime);
        Assert.Equal(T0.AddHours(1), after.WaitingSince);
    }

    [Fact]
    public async Task TriageAsync_Delete_BlanksStoredTextAndMarksDeleted()
    {
        var sut = CreateSut();
        var original = new MentionBuilder().From("u1").Saying("call me at +1 555 123 4567").At(T0).Build();
        var filed = await sut.TriageAsync(original, CancellationToken.None);

        var outcome = await sut.TriageAsync(MentionBuilder.ChangeOf(original, MentionChange.Deleted), CancellationToken.None);

        Assert.Equal(filed.CaseId, outcome.CaseId);
        Assert.Equal("mention deleted: text removed", outcome.Decision);
        var stored = Assert.Single(await _store.GetMentionsAsync(filed.CaseId, CancellationToken.None));
        Assert.True(stored.Deleted);
        Assert.Equal(string.Empty, stored.Text);
    }

    [Fact]
    public async Task TriageAsync_EditThenLateEditAfterDelete_UpdatesThenIgnores()
    {
        var sut = CreateSut();
        var original = new MentionBuilder().From("u1").Saying("first text").At(T0).Build();
        var filed = await sut.TriageAsync(original, CancellationToken.None);

        await sut.TriageAsync(MentionBuilder.ChangeOf(original, MentionChange.Edited, "second text"), CancellationToken.None);
        Assert.Equal("second text", Assert.Single(await _store.GetMentionsAsync(filed.CaseId, CancellationToken.None)).Text);
        await sut.TriageAsync(MentionBuilder.ChangeOf(original, MentionChange.Deleted), CancellationToken.None);
        var late = await sut.TriageAsync(MentionBuilder.ChangeOf(original, MentionChange.Edited, "a third and longer text"), CancellationToken.None);

        Assert.Equal("edit of a deleted mention ignored", late.Decision);
        Assert.Equal(string.Empty, Assert.Single(await _store.GetMentionsAsync(filed.CaseId, CancellationToken.None)).Text);
    }

    [Fact]
    public async Task TriageAsync_ChangeForUnknownMention_RecordsNothing()
    {
        var sut = CreateSut();
        var unknown = MentionBuilder.ChangeOf(new MentionBuilder().From("u1").Build(), MentionChange.Deleted);

        var outcome = await sut.TriageAsync(unknown, CancellationToken.None);

        Assert.False(outcome.Duplicate);
        Assert.Equal("change for unknown mention ignored", outcome.Decision);
        Assert.Equal(string.Empty, outcome.CaseId);
        Assert.Equal(0, _store.Writes);
        Assert.Equal(0, _classifier.Calls);
    }

    [Fact]
    public async Task TriageAsync_BrandWithRedactPii_StoresRedactedText()
    {
        var mention = new MentionBuilder().On(Platform.Facebook, "555").From("u1").Saying("mail me: jane.doe@example.com or +44 20 7946 0958").At(T0).Build();

        var outcome = await CreateSut().TriageAsync(mention, CancellationToken.None);

        var stored = Assert.Single(await _store.GetMentionsAsync(outcome.CaseId, CancellationToken.None));
        Assert.Equal("mail me: [email] or [phone]", stored.Text);
        Assert.True(stored.TextRedacted);
    }

    [Fact]
    public async Task TriageAsync_BrandWithoutRedactPii_KeepsText()
    {
        var mention = new MentionBuilder().From("u1").Saying("mail me: jane.doe@example.com").At(T0).Build();

        var outcome = await CreateSut().TriageAsync(mention, CancellationToken.None);

        Assert.Equal("mail me: jane.doe@example.com", Assert.Single(await _store.GetMentionsAsync(outcome.CaseId, CancellationToken.None)).Text);
    }

    [Fact]
    public async Task TriageAsync_LongText_IsTruncatedAndFlagged()
    {
        _options.MaxStoredTextChars = 1_000;
        var mention = new MentionBuilder().From("u1").Saying(new string('a', 999) + "😀" + new string('b', 500)).At(T0).Build();

        var outcome = await CreateSut().TriageAsync(mention, CancellationToken.None);

        var stored = Assert.Single(await _store.GetMentionsAsync(outcome.CaseId, CancellationToken.None));
        Assert.True(stored.TextTruncated);
        Assert.Equal(999, stored.Text.Length);
    }

    [Fact]
    public async Task TriageAsync_ConcurrentMentionsOfOneAuthor_OneCaseWithAllMentions()
    {
        var sut = CreateSut();
        var mentions = Enumerable.Range(0, 8).Select(i => new MentionBuilder().From("u9").At(T0.AddSeconds(i)).Build()).ToList();

        var outcomes = await Task.WhenAll(mentions.Select(m => Task.Run(() => sut.TriageAsync(m, CancellationToken.None))));

        Assert.Single(outcomes.Select(o => o.CaseId).Distinct());
        var c = Assert.Single(_store.Cases);
        Assert.Equal(8, c.MentionCount);
        Assert.Equal(8, (await _store.GetMentionsAsync(c.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task TriageAsync_AuthorProfile_CountsBySentiment()
    {
        var sut = CreateSut();
        await sut.TriageAsync(new MentionBuilder().From("u1").Saying("angry").At(T0).Build(), CancellationToken.None);
        await sut.TriageAsync(new MentionBuilder().From("u1").Saying("thanks").At(T0.AddMinutes(1)).Build(), CancellationToken.None);
        await sut.TriageAsync(new MentionBuilder().From("u1").Saying("ok").At(T0.AddMinutes(2)).Build(), CancellationToken.None);

        var profile = (await _store.GetAuthorAsync(Platform.X, "u1", CancellationToken.None))!;

        Assert.Equal((1, 1, 1), (profile.Negative, profile.Positive, profile.Neutral));
        Assert.Equal(T0, profile.FirstSeen);
        Assert.Equal(T0.AddMinutes(2), profile.LastSeen);
        Assert.Single(profile.OpenCaseIds);
        Assert.Equal(AuthorRole.Creator, profile.Role);
    }

    /// <summary>Wraps a store and pretends one event was never marked processed (a crash just before the mark).</summary>
    private sealed class ForgetProcessedStore(InMemoryCaseStore inner, string forgotten) : DelegatingCaseStore(inner)
    {
        public override Task<string?> FindProcessedAsync(string dedupKey, CancellationToken cancellationToken) =>
            dedupKey == forgotten ? Task.FromResult<string?>(null) : base.FindProcessedAsync(dedupKey, cancellationToken);
    }
}
