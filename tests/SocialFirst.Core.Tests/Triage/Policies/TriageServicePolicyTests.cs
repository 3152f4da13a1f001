using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Tests.Cases;
using SocialFirst.Core.Triage;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Core.Tests.Triage.Policies;

/// <summary>Triage takes the policy of the mention's brand from the provider and passes author, text and time to it.</summary>
public class TriageServicePolicyTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryCaseStore _store = new();
    private readonly Mock<IEscalationSink> _sink = new();
    private readonly Mock<IUrgencyPolicyProvider> _policies = new();
    private readonly BrandOptions _brands = new();

    public TriageServicePolicyTests()
    {
        _brands.Items["acme"] = new BrandDefinition();
        _brands.Items["acme"].Accounts.Add("x:2244994945");
        _policies.Setup(p => p.GetPolicy(It.IsAny<string>())).Returns(UrgencyPolicy.Default);
    }

    private TriageService CreateSut(DateTimeOffset now) => new(
        new FakeClassifier(),
        new BrandResolver(new TestOptionsMonitor<BrandOptions>(_brands), NullLogger<BrandResolver>.Instance),
        _store,
        _sink.Object,
        new RegexPiiRedactor(),
        _policies.Object,
        new FakeTimeProvider(now),
        new TestOptionsMonitor<TriageOptions>(new TriageOptions()),
        NullLogger<TriageService>.Instance);

    [Fact]
    public async Task TriageAsync_BrandPolicyWithRule_EscalatesAndStoresRuleFactorAndVersion()
    {
        var acme = UrgencyPolicyDocument.Parse("""
            { "version": "acme-7", "keywordRules": { "en": [ { "id": "recall", "phrase": "recall", "weight": 0.7 } ] }, "threshold": 0.6 }
            """).Policy!;
        _policies.Setup(p => p.GetPolicy("acme")).Returns(acme);

        var outcome = await CreateSut(T0.AddMinutes(1)).TriageAsync(new MentionBuilder().Saying("is there a recall?").At(T0).Build(), CancellationToken.None);

        Assert.True(outcome.Urgent);
        var c = Assert.Single(_store.Cases);
        Assert.Equal("acme-7", c.PolicyVersion);
        Assert.Contains(c.UrgencyFactors, f => f.Factor == "rule:recall" && f.Contribution == 0.7);
        _sink.Verify(s => s.SendAsync(It.IsAny<EscalationMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        _policies.Verify(p => p.GetPolicy("acme"));
    }

    [Fact]
    public async Task TriageAsync_UrgentDuringQuietHours_NotEscalatedAndDecisionSaysUntilWhen()
    {
        var acme = UrgencyPolicyDocument.Parse("""
            { "version": "acme-q", "threshold": 0.3, "quietHours": { "timeZone": "UTC", "from": "22:00", "to": "06:30" } }
            """).Policy!;
        _policies.Setup(p => p.GetPolicy("acme")).Returns(acme);
        var late = new DateTimeOffset(2025, 3, 1, 23, 15, 0, TimeSpan.Zero);

        var outcome = await CreateSut(late).TriageAsync(new MentionBuilder().Saying("angry about this").At(late).Build(), CancellationToken.None);

        Assert.False(outcome.Urgent);
        Assert.Contains("deferred until 06:30 UTC", outcome.Decision, StringComparison.Ordinal);
        _sink.Verify(s => s.SendAsync(It.IsAny<EscalationMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
