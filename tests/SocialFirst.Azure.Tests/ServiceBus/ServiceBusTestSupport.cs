using Azure.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Azure.ServiceBus;
using SocialFirst.Azure.Tests.Fakes;
using SocialFirst.Core.Escalation;

namespace SocialFirst.Azure.Tests.ServiceBus;

internal static class ServiceBusTestSupport
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static ServiceBusOptions SasOptions(FakeServiceBus bus, int maxRetries = 2) => new()
    {
        FullyQualifiedNamespace = bus.BaseUri.AbsoluteUri,
        EscalationsQueue = bus.Queue,
        SasKeyName = FakeServiceBus.SasKeyName,
        SasKey = FakeServiceBus.SasKey,
        MaxRetries = maxRetries,
        RetryDelayMilliseconds = 10,
        NetworkTimeoutSeconds = 5,
    };

    public static ServiceBusRestSender CreateSender(ServiceBusOptions options, TimeProvider time, TokenCredential? credential = null, bool https = false) =>
        new(options, ServiceBusPipeline.Create(options, time, credential, https ? TestCertificate.TrustingTransport() : null), NullLogger<ServiceBusRestSender>.Instance);

    public static ServiceBusRestReceiver CreateReceiver(ServiceBusOptions options, TimeProvider time) =>
        new(options, ServiceBusPipeline.Create(options, time), NullLogger<ServiceBusRestReceiver>.Instance);

    public static FakeTimeProvider Clock() => new(Now);

    public static EscalationMessage Message(string caseId = "c-2026-0001", int level = 1) => new()
    {
        CaseId = caseId,
        BrandId = "acme",
        Level = level,
        Platform = "X",
        Reason = "urgent: category safety always escalates",
        RaisedAt = Now,
        Urgency = 0.97,
        Categories = ["safety"],
    };
}
