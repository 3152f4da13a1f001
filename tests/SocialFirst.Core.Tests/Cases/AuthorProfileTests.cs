using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Cases;

public class AuthorProfileTests
{
    private static readonly DateTimeOffset T0 = new(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private static AuthorActivity Activity(int n, MentionKind kind = MentionKind.Comment, Sentiment sentiment = Sentiment.Neutral, long? followers = null) =>
        new(Platform.Weibo, "a1", "handle" + n, null, followers, kind, sentiment, T0.AddHours(n), "weibo:created:" + n);

    private static AuthorProfile Profile(params AuthorActivity[] activities) =>
        activities.Aggregate(AuthorProfile.Empty(Platform.Weibo, "a1"), (p, a) => p.Apply(a));

    [Fact]
    public void Apply_SameMentionTwice_CountsOnce()
    {
        var once = Profile(Activity(1, sentiment: Sentiment.Negative));

        var twice = once.Apply(Activity(1, sentiment: Sentiment.Negative));

        Assert.Same(once, twice);
        Assert.Equal(1, twice.Negative);
    }

    [Fact]
    public void Apply_OutOfOrder_KeepsFirstLastAndLatestFollowers()
    {
        var p = Profile(Activity(5, followers: 500), Activity(2, followers: 200), Activity(7));

        Assert.Equal(T0.AddHours(2), p.FirstSeen);
        Assert.Equal(T0.AddHours(7), p.LastSeen);
        Assert.Equal(500, p.Followers);
        Assert.Equal("handle7", p.Handle);
        Assert.Equal(3, p.Mentions);
    }

    public static TheoryData<AuthorActivity[], AuthorRole> Roles => new()
    {
        { [Activity(1)], AuthorRole.Spectator },
        { [Activity(1), Activity(2, MentionKind.DirectMessage)], AuthorRole.Joiner },
        { [Activity(1, MentionKind.Mention), Activity(2, MentionKind.Post), Activity(3, MentionKind.Mention)], AuthorRole.Creator },
        { [Activity(1, sentiment: Sentiment.Negative), Activity(2, sentiment: Sentiment.Positive), Activity(3)], AuthorRole.Critic },
        { Enumerable.Range(1, 6).Select(i => Activity(i, i % 2 == 0 ? MentionKind.DirectMessage : MentionKind.Reply)).ToArray(), AuthorRole.Conversationalist },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public void Role_FromBehaviour(AuthorActivity[] activities, AuthorRole expected) => Assert.Equal(expected, Profile(activities).Role);

    [Fact]
    public void Apply_KeepsOnlyRecentKeys()
    {
        var p = Profile(Enumerable.Range(0, 50).Select(i => Activity(i)).ToArray());

        Assert.Equal(AuthorProfile.RecentKeysKept, p.RecentKeys.Count);
        Assert.Equal(50, p.Mentions);
    }
}
