using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch;
using SocialFirst.Core.Watch.Sla;

namespace SocialFirst.Core.Tests.Watch.Sla;

public class SlaEvaluatorTests
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);

    /// <summary>Monday 10 March 2025, 09:00 in Ljubljana.</summary>
    private static readonly DateTimeOffset MondayNine = new(2025, 3, 10, 9, 0, 0, Cet);

    private static SlaEvaluator CreateSut(SlaPolicy? policy = null) =>
        new(policy ?? SlaPolicy.Default with { TimeZoneId = "Europe/Ljubljana" });

    private static CaseTimeline Case(UrgencyBand band, DateTimeOffset opened, DateTimeOffset? responded = null, DateTimeOffset? resolved = null) => new()
    {
        CaseId = "c1",
        BrandId = "acme",
        Platform = Platform.X,
        Urgency = band,
        OpenedAt = opened,
        FirstResponseAt = responded,
        ResolvedAt = resolved,
    };

    [Fact]
    public void Evaluate_EarlyInTheTarget_IsOkWithTimeLeftAndWakesAtTheWarning()
    {
        // Normal: first response within 2 business hours; 1 h 30 gone.
        var result = CreateSut().Evaluate(Case(UrgencyBand.Normal, MondayNine), MondayNine.AddMinutes(90));

        Assert.Equal(SlaStatus.Ok, result.Status);
        Assert.Equal(SlaTargetKind.FirstResponse, result.Target);
        Assert.Equal(TimeSpan.FromMinutes(30), result.TimeLeft);
        Assert.Equal(MondayNine.AddMinutes(96), result.NextCheckAt); // 80 % of 120 min
        Assert.False(result.RaiseEscalation);
    }

    [Fact]
    public void Evaluate_PastTheWarnFraction_IsAboutToBreach()
    {
        var result = CreateSut().Evaluate(Case(UrgencyBand.Normal, MondayNine), MondayNine.AddMinutes(100));

        Assert.Equal(SlaStatus.AboutToBreach, result.Status);
        Assert.Equal(TimeSpan.FromMinutes(20), result.TimeLeft);
        Assert.Equal(MondayNine.AddHours(2), result.NextCheckAt);
    }

    [Fact]
    public void Evaluate_WarnFractionIsPolicy()
    {
        var sut = CreateSut(SlaPolicy.Default with { TimeZoneId = "Europe/Ljubljana", WarnFraction = 0.9 });

        Assert.Equal(SlaStatus.Ok, sut.Evaluate(Case(UrgencyBand.Normal, MondayNine), MondayNine.AddMinutes(100)).Status);
    }

    [Fact]
    public void Evaluate_Breached_RaisesOneLevelAndSaysWhenToEscalateAgain()
    {
        var result = CreateSut().Evaluate(Case(UrgencyBand.Normal, MondayNine), MondayNine.AddMinutes(135));

        Assert.Equal(SlaStatus.Breached, result.Status);
        Assert.Equal(TimeSpan.FromMinutes(15), result.TimeOver);
        Assert.Equal(TimeSpan.Zero, result.TimeLeft);
        Assert.Equal(1, result.EscalationLevel);
        Assert.True(result.RaiseEscalation);
        Assert.Equal(MondayNine.AddHours(4), result.NextCheckAt); // another full target later
    }

    [Fact]
    public void Evaluate_BreachAlreadyEscalated_DoesNotRaiseAgainUntilTheNextStep()
    {
        var escalated = Case(UrgencyBand.Normal, MondayNine) with { EscalationLevel = 1, LastEscalatedAt = MondayNine.AddMinutes(125) };
        var sut = CreateSut();

        var soon = sut.Evaluate(escalated, MondayNine.AddMinutes(135));
        var later = sut.Evaluate(escalated, MondayNine.AddHours(4).AddMinutes(10));

        Assert.Equal(1, soon.EscalationLevel);
        Assert.False(soon.RaiseEscalation);
        Assert.Equal(2, later.EscalationLevel);
        Assert.True(later.RaiseEscalation);
    }

    [Fact]
    public void Evaluate_AtTheTopLevel_StaysThere()
    {
        var top = Case(UrgencyBand.Normal, MondayNine) with { EscalationLevel = 3, LastEscalatedAt = MondayNine };

        var result = CreateSut().Evaluate(top, MondayNine.AddHours(9));

        Assert.Equal(3, result.EscalationLevel);
        Assert.False(result.RaiseEscalation);
        Assert.Null(result.NextCheckAt);
    }

    [Fact]
    public void Evaluate_OpenedFridayEvening_DoesNotBreachOverTheWeekend()
    {
        // High: 1 business hour. Fri 17:30 + 30 min on Friday; the rest on Monday morning.
        var friday = new DateTimeOffset(2025, 3, 7, 17, 30, 0, Cet);

        var saturday = CreateSut().Evaluate(Case(UrgencyBand.High, friday), new DateTimeOffset(2025, 3, 8, 12, 0, 0, Cet));
        var mondayLate = CreateSut().Evaluate(Case(UrgencyBand.High, friday), new DateTimeOffset(2025, 3, 10, 9, 45, 0, Cet));

        Assert.Equal(SlaStatus.Ok, saturday.Status);
        Assert.Equal(TimeSpan.FromMinutes(30), saturday.TimeLeft);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 9, 30, 0, Cet), saturday.FirstResponse.DueAt);
        Assert.Equal(SlaStatus.Breached, mondayLate.Status);
        Assert.Equal(TimeSpan.FromMinutes(15), mondayLate.TimeOver);
    }

    [Fact]
    public void Evaluate_CriticalOnASaturday_RunsRoundTheClock()
    {
        var saturday = new DateTimeOffset(2025, 3, 8, 10, 0, 0, Cet);

        var result = CreateSut().Evaluate(Case(UrgencyBand.Critical, saturday), saturday.AddMinutes(20));

        Assert.Equal(SlaStatus.Breached, result.Status);
        Assert.Equal(SlaClock.Continuous, result.FirstResponse.Clock);
        Assert.Equal(TimeSpan.FromMinutes(5), result.TimeOver);
    }

    [Fact]
    public void Evaluate_LowOpenedInTheAfternoon_IsDueTheNextDay()
    {
        // Low: 8 business hours. Tue 15:00 → 3 h on Tuesday + 5 h on Wednesday → Wed 14:00.
        var tuesday = new DateTimeOffset(2025, 3, 11, 15, 0, 0, Cet);

        var result = CreateSut().Evaluate(Case(UrgencyBand.Low, tuesday), tuesday.AddHours(1));

        Assert.Equal(new DateTimeOffset(2025, 3, 12, 14, 0, 0, Cet), result.FirstResponse.DueAt);
    }

    [Fact]
    public void Evaluate_ContinuousClockAcrossDst_CountsRealTime()
    {
        // Critical resolution 4 h round the clock from Sun 30 Mar 01:00 CET: the clock jumps 02:00 → 03:00,
        // so 4 real hours later the wall clock says 06:00 CEST.
        var opened = new DateTimeOffset(2025, 3, 30, 1, 0, 0, Cet);

        var result = CreateSut().Evaluate(Case(UrgencyBand.Critical, opened, responded: opened.AddMinutes(5)), opened.AddHours(1));

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 6, 0, 0, TimeSpan.FromHours(2)), result.Resolution.DueAt);
        Assert.Equal(SlaTargetKind.Resolution, result.Target);
        Assert.Equal(TimeSpan.FromHours(3), result.TimeLeft);
    }

    [Fact]
    public void Evaluate_RespondedInTime_MovesOnToTheResolutionClock()
    {
        var result = CreateSut().Evaluate(Case(UrgencyBand.Normal, MondayNine, responded: MondayNine.AddMinutes(45)), MondayNine.AddHours(3));

        Assert.True(result.FirstResponse.Met);
        Assert.Equal(TimeSpan.FromMinutes(45), result.FirstResponse.Elapsed);
        Assert.Equal(SlaTargetKind.Resolution, result.Target);
        Assert.Equal(SlaStatus.Ok, result.Status);
        Assert.Equal(TimeSpan.FromHours(21), result.TimeLeft);
    }

    [Fact]
    public void Evaluate_ClosedWithALateResponse_ReportsTheBreachWithoutEscalating()
    {
        var result = CreateSut().Evaluate(
            Case(UrgencyBand.Normal, MondayNine, responded: MondayNine.AddHours(3), resolved: MondayNine.AddHours(4)),
            MondayNine.AddDays(1));

        Assert.Equal(SlaStatus.Breached, result.Status);
        Assert.Equal(SlaTargetKind.FirstResponse, result.Target);
        Assert.Equal(TimeSpan.FromHours(1), result.TimeOver);
        Assert.True(result.Resolution.Met);
        Assert.False(result.RaiseEscalation);
        Assert.Null(result.NextCheckAt);
    }

    [Fact]
    public void Evaluate_TargetOverrideOnTheCase_WinsOverTheBand()
    {
        var vip = Case(UrgencyBand.Low, MondayNine) with { TargetOverride = new SlaTarget(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)) };

        var result = CreateSut().Evaluate(vip, MondayNine.AddMinutes(11));

        Assert.Equal(SlaStatus.Breached, result.Status);
        Assert.Equal(TimeSpan.FromMinutes(10), result.FirstResponse.TargetDuration);
    }

    public static TheoryData<SlaPolicy, string> Invalid => new()
    {
        { SlaPolicy.Default with { TimeZoneId = "Nowhere/Atlantis" }, "TimeZoneId" },
        { SlaPolicy.Default with { WarnFraction = 1.0 }, "WarnFraction" },
        { SlaPolicy.Default with { BusinessHours = new Dictionary<DayOfWeek, IReadOnlyList<BusinessInterval>>() }, "BusinessHours" },
        { SlaPolicy.Default with { BusinessHours = SlaPolicy.Weekdays(BusinessInterval.Hours(18, 9)) }, "BusinessHours" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Constructor_InvalidPolicy_ThrowsNamingTheSetting(SlaPolicy policy, string setting)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SlaEvaluator(policy));

        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }
}
