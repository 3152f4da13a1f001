using SocialFirst.Core.Escalation;

namespace SocialFirst.Core.Tests.Escalation;

public sealed class EscalationMessageJsonTests
{
    [Fact]
    public void TryParse_SinkShape_Parses()
    {
        const string body = "{\"caseId\":\"K3F9QX2M7A\",\"brandId\":\"acme\",\"level\":1,\"platform\":\"Facebook\",\"reason\":\"urgent\",\"raisedAt\":\"2026-11-25T10:00:00+00:00\",\"categories\":[\"safety\"]}";

        Assert.True(EscalationMessageJson.TryParse(body, out var message, out var error));

        Assert.Null(error);
        Assert.Equal("K3F9QX2M7A-L1", message.MessageId);
        Assert.Equal(["safety"], message.Categories);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("{\"brandId\":\"acme\"}")]
    [InlineData("{\"caseId\":\"K3F9QX2M7A\",\"brandId\":\"acme\",\"level\":0,\"platform\":\"Facebook\",\"reason\":\"r\",\"raisedAt\":\"2026-11-25T10:00:00Z\"}")]
    public void TryParse_Unusable_FailsWithReason(string? body)
    {
        Assert.False(EscalationMessageJson.TryParse(body, out var message, out var error));

        Assert.Null(message);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
