using SocialFirst.Core.Cases;

namespace SocialFirst.Core.Tests.Cases;

public class CaseIdTests
{
    [Fact]
    public void Create_SameKey_SameTenCharacterCrockfordId()
    {
        var a = CaseId.Create("x:created:123");
        var b = CaseId.Create("x:created:123");

        Assert.Equal(a, b);
        Assert.Equal(10, a.Length);
        Assert.All(a, ch => Assert.Contains(ch, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"));
    }

    [Fact]
    public void Create_DifferentKeysOrAttempts_DifferentIds()
    {
        var ids = Enumerable.Range(0, 10_000).Select(i => CaseId.Create("facebook:created:" + i)).ToHashSet();

        Assert.Equal(10_000, ids.Count);
        Assert.NotEqual(CaseId.Create("k"), CaseId.Create("k", 1));
    }

    [Theory]
    [InlineData("k3f9-qx2m7a", "K3F9QX2M7A")]
    [InlineData("K3F9 QX2M7A", "K3F9QX2M7A")]
    [InlineData("iLo0123456", "1100123456")]
    public void TryNormalize_HowPeopleTypeIt_Accepted(string typed, string expected)
    {
        Assert.True(CaseId.TryNormalize(typed, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("K3F9QX2M7")]
    [InlineData("K3F9QX2M7AB")]
    [InlineData("K3F9QX2M7U")]
    [InlineData("K3F9/X2M7A")]
    public void TryNormalize_NotAnId_Rejected(string typed) => Assert.False(CaseId.TryNormalize(typed, out _));

    [Fact]
    public void TryNormalize_CreatedId_RoundTrips()
    {
        var id = CaseId.Create("weibo:created:9");

        Assert.True(CaseId.TryNormalize(id.ToLowerInvariant(), out var back));
        Assert.Equal(id, back);
    }
}
