using SocialFirst.Core.Cases;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Cases;

public class CaseStatusRulesTests
{
    public static TheoryData<CaseStatus, CaseStatus> Allowed => new()
    {
        { CaseStatus.New, CaseStatus.Triaged },
        { CaseStatus.Triaged, CaseStatus.Escalated },
        { CaseStatus.Escalated, CaseStatus.AwaitingCustomer },
        { CaseStatus.AwaitingCustomer, CaseStatus.Resolved },
        { CaseStatus.Resolved, CaseStatus.Closed },
        { CaseStatus.New, CaseStatus.Spam },
        { CaseStatus.Spam, CaseStatus.Triaged },
        { CaseStatus.Triaged, CaseStatus.NeedsHuman },
        { CaseStatus.NeedsHuman, CaseStatus.Escalated },
        { CaseStatus.AwaitingCustomer, CaseStatus.Triaged },
        { CaseStatus.Resolved, CaseStatus.Triaged },
    };

    public static TheoryData<CaseStatus, CaseStatus> Forbidden => new()
    {
        { CaseStatus.Closed, CaseStatus.Triaged },
        { CaseStatus.Closed, CaseStatus.New },
        { CaseStatus.Resolved, CaseStatus.Escalated },
        { CaseStatus.New, CaseStatus.AwaitingCustomer },
        { CaseStatus.New, CaseStatus.Resolved },
        { CaseStatus.Escalated, CaseStatus.Triaged },
        { CaseStatus.Spam, CaseStatus.Escalated },
        { CaseStatus.Triaged, CaseStatus.Triaged },
        { CaseStatus.Triaged, CaseStatus.New },
    };

    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static Case NewCase() => Case.Open("ABCDEFGH12", "acme", Platform.X, "u1", "@u1", T0, "x:created:1", T0.AddMinutes(1), "triage");

    [Theory]
    [MemberData(nameof(Allowed))]
    public void CanTransition_AllowedMove_IsTrue(CaseStatus from, CaseStatus to) => Assert.True(CaseStatusRules.CanTransition(from, to));

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void CanTransition_ForbiddenMove_IsFalse(CaseStatus from, CaseStatus to) => Assert.False(CaseStatusRules.CanTransition(from, to));

    [Fact]
    public void IsOpen_ClosedStates_AreNotOpen()
    {
        Assert.Equal(
            [CaseStatus.New, CaseStatus.Triaged, CaseStatus.Escalated, CaseStatus.AwaitingCustomer, CaseStatus.NeedsHuman],
            Enum.GetValues<CaseStatus>().Where(s => s.IsOpen()));
        Assert.True(CaseStatus.Spam.AcceptsMentions());
        Assert.False(CaseStatus.Resolved.AcceptsMentions());
    }

    [Fact]
    public void TransitionTo_ForbiddenMove_ThrowsAndNamesTheMove()
    {
        var closed = NewCase().TransitionTo(CaseStatus.Closed, "agent-1", "duplicate", T0.AddHours(1));

        var ex = Assert.Throws<InvalidCaseTransitionException>(() => closed.TransitionTo(CaseStatus.Triaged, "agent-1", "reopen", T0.AddHours(2)));

        Assert.Contains("Closed → Triaged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransitionTo_RecordsActorReasonAndTime()
    {
        var c = NewCase()
            .TransitionTo(CaseStatus.Triaged, "triage", "scored", T0.AddMinutes(2))
            .TransitionTo(CaseStatus.AwaitingCustomer, "agent-7", "asked for order number", T0.AddMinutes(20));

        Assert.Equal(3, c.History.Count);
        var last = c.History[^1];
        Assert.Equal(new CaseTransition(CaseStatus.Triaged, CaseStatus.AwaitingCustomer, "agent-7", "asked for order number", T0.AddMinutes(20)), last);
        Assert.Equal(T0.AddMinutes(20), c.UpdatedAt);
        Assert.Null(c.WaitingSince);
    }

    [Fact]
    public void FirstResponseAndResolutionTime_DerivedFromHistory()
    {
        var c = NewCase()
            .TransitionTo(CaseStatus.Triaged, "triage", "scored", T0.AddMinutes(2))
            .TransitionTo(CaseStatus.AwaitingCustomer, "agent-7", "answered", T0.AddMinutes(45))
            .TransitionTo(CaseStatus.Triaged, "triage", "customer wrote", T0.AddHours(2))
            .TransitionTo(CaseStatus.Resolved, "agent-7", "refunded", T0.AddHours(5));

        Assert.Equal(TimeSpan.FromMinutes(45), c.FirstResponseTime);
        Assert.Equal(TimeSpan.FromHours(5), c.ResolutionTime);
        Assert.Equal(TimeSpan.FromHours(5), c.TransitionTo(CaseStatus.Closed, "agent-7", "done", T0.AddHours(9)).ResolutionTime);
    }

    [Fact]
    public void ResolutionTime_OpenCase_IsNull()
    {
        var c = NewCase().TransitionTo(CaseStatus.Triaged, "triage", "scored", T0.AddMinutes(2));

        Assert.Null(c.ResolutionTime);
        Assert.Null(c.FirstResponseTime);
    }

    [Fact]
    public void TransitionTo_LongHistory_KeepsOpeningEntryAndNewest()
    {
        var c = NewCase().TransitionTo(CaseStatus.Triaged, "triage", "scored", T0);
        for (var i = 0; i < 150; i++)
        {
            c = c.TransitionTo(CaseStatus.AwaitingCustomer, "agent", "a" + i, T0.AddMinutes(i))
                 .TransitionTo(CaseStatus.Triaged, "triage", "b" + i, T0.AddMinutes(i));
        }

        Assert.Equal(Case.MaxHistory, c.History.Count);
        Assert.Null(c.History[0].From);
        Assert.Equal("b149", c.History[^1].Reason);
    }
}
