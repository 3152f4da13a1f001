using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Escalation;

public sealed class EscalationTargetsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static CaseMention Mention(string objectId, string author, DateTimeOffset at, MentionKind kind = MentionKind.Comment, string? thread = null, bool deleted = false) => new()
    {
        CaseId = "C1",
        Key = CaseMention.KeyFor(at, objectId),
        DedupKey = objectId,
        Platform = Platform.Facebook,
        Kind = kind,
        EventId = objectId,
        ObjectId = objectId,
        ThreadId = thread,
        AuthorId = author,
        CreatedAt = at,
        Deleted = deleted,
    };

    private static BrandOptions Brands(params string[] accounts)
    {
        var options = new BrandOptions();
        options.Items["acme"] = new BrandDefinition();
        foreach (var a in accounts)
        {
            options.Items["acme"].Accounts.Add(a);
        }

        return options;
    }

    private static Case Case() => SocialFirst.Core.Cases.Case.Open("C1", "acme", Platform.Facebook, "cust", null, Now, "k", Now, "triage");

    [Fact]
    public void Resolve_PicksCustomersLatestLiveMention_NotTheBrandsOrDeletedOnes()
    {
        IReadOnlyList<CaseMention> mentions =
        [
            Mention("c1", "cust", Now.AddHours(-3)),
            Mention("c2", "cust", Now.AddHours(-2)),
            Mention("c3", "cust", Now.AddHours(-1), deleted: true),
            Mention("c4", "someone-else", Now),
        ];

        var target = EscalationTargets.Resolve(Case(), mentions, Brands("facebook:111"), null, out var problem);

        Assert.Null(problem);
        Assert.Equal("c2", target!.ReplyToId);
        Assert.Equal("111", target.BrandAccountId);
        Assert.Equal(Now.AddHours(-2), target.MentionCreatedAt);
        Assert.Null(target.CustomerLastMessageAt);
    }

    [Fact]
    public void Resolve_PinnedObjectId_AnswersThatMention()
    {
        IReadOnlyList<CaseMention> mentions = [Mention("c1", "cust", Now.AddHours(-3)), Mention("c2", "cust", Now.AddHours(-2))];

        var target = EscalationTargets.Resolve(Case(), mentions, Brands("facebook:111"), "c1", out _);

        Assert.Equal("c1", target!.ReplyToId);
    }

    [Fact]
    public void BrandAccountFor_SeveralPages_PicksThePagePrefixingThePostId()
    {
        var mention = Mention("555_1", "cust", Now, thread: "222_555");

        Assert.Equal("222", EscalationTargets.BrandAccountFor(Brands("facebook:111", "facebook:222", "x:9"), "acme", Platform.Facebook, mention));
        Assert.Null(EscalationTargets.BrandAccountFor(Brands("facebook:111", "facebook:333"), "acme", Platform.Facebook, mention));
        Assert.Null(EscalationTargets.BrandAccountFor(Brands("x:9"), "acme", Platform.Facebook, mention));
        Assert.Null(EscalationTargets.BrandAccountFor(Brands("facebook:111"), "other", Platform.Facebook, mention));
    }

    [Fact]
    public void Resolve_NoCustomerMention_ReportsProblem()
    {
        var target = EscalationTargets.Resolve(Case(), [Mention("c4", "someone-else", Now)], Brands("facebook:111"), null, out var problem);

        Assert.Null(target);
        Assert.Contains("no mention", problem, StringComparison.Ordinal);
    }
}
