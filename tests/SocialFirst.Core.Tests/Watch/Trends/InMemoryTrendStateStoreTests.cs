using SocialFirst.Core.Classification;
using SocialFirst.Core.Watch.Trends;

namespace SocialFirst.Core.Tests.Watch.Trends;

public class InMemoryTrendStateStoreTests
{
    [Fact]
    public async Task SaveThenLoad_ReturnsACopyWithTheSameContent()
    {
        var store = new InMemoryTrendStateStore();
        var detector = new TrendDetector(TrendPolicy.Default);
        var state = new BrandTrendState();
        detector.Observe(state, new TrendObservation("acme", SyntheticTrendStream.Start, "m1", ["Refund"], ["billing"], Sentiment.Negative));

        await store.SaveAsync(state, CancellationToken.None);
        state.Windows.Clear(); // later changes to the live object are not stored
        var loaded = await store.LoadAsync("acme", CancellationToken.None);

        Assert.NotNull(loaded);
        var counts = Assert.Single(loaded.Windows).Value;
        Assert.Equal(1, counts.Count("refund"));
        Assert.Equal(1, counts.Count("category:billing"));
        Assert.Equal(1, counts.Negative);
        Assert.Equal("m1", Assert.Single(loaded.Pending).MentionId);
        Assert.Null(await store.LoadAsync("globex", CancellationToken.None));
    }
}
