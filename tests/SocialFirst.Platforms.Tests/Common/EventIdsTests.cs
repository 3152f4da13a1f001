using SocialFirst.Platforms.Common;

namespace SocialFirst.Platforms.Tests.Common;

public class EventIdsTests
{
    [Fact]
    public void ForEdit_IsStableForTheSameTextAndDiffersForOtherText()
    {
        Assert.Equal(EventIds.ForEdit("c1", "new text"), EventIds.ForEdit("c1", "new text"));
        Assert.NotEqual(EventIds.ForEdit("c1", "new text"), EventIds.ForEdit("c1", "newer text"));
        Assert.StartsWith("c1~", EventIds.ForEdit("c1", "x"), StringComparison.Ordinal);
        Assert.Equal(3 + 12, EventIds.ForEdit("c1", "x").Length);
    }
}
