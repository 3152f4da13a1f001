using System.Globalization;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Triage;

/// <summary>Builds test mentions: <c>new MentionBuilder().From("u1").Saying("help").At(t).Build()</c>.</summary>
public sealed class MentionBuilder
{
    private static int _counter;

    private Mention _mention;

    public MentionBuilder()
    {
        var n = Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);
        _mention = new Mention
        {
            Platform = Platform.X,
            BrandAccountId = "2244994945",
            Kind = MentionKind.Mention,
            EventId = "evt-" + n,
            ObjectId = "obj-" + n,
            Author = new MentionAuthor("author-1", "customer", "A Customer", 120),
            Text = "hello",
            CreatedAt = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero),
        };
    }

    public MentionBuilder On(Platform platform, string brandAccountId)
    {
        _mention = _mention with { Platform = platform, BrandAccountId = brandAccountId };
        return this;
    }

    public MentionBuilder From(string authorId, long? followers = 120)
    {
        _mention = _mention with { Author = new MentionAuthor(authorId, "h-" + authorId, null, followers) };
        return this;
    }

    public MentionBuilder Saying(string text)
    {
        _mention = _mention with { Text = text };
        return this;
    }

    public MentionBuilder At(DateTimeOffset at)
    {
        _mention = _mention with { CreatedAt = at };
        return this;
    }

    public MentionBuilder WithIds(string eventId, string objectId)
    {
        _mention = _mention with { EventId = eventId, ObjectId = objectId };
        return this;
    }

    public MentionBuilder ReplyTo(string parentId, string? threadId = null)
    {
        _mention = _mention with { Kind = MentionKind.Reply, ParentId = parentId, ThreadId = threadId ?? parentId };
        return this;
    }

    public MentionBuilder Kind(MentionKind kind)
    {
        _mention = _mention with { Kind = kind };
        return this;
    }

    /// <summary>An edit/delete of <paramref name="target"/>: same object id, a new event id.</summary>
    public static Mention ChangeOf(Mention target, MentionChange change, string text = "", DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target with
        {
            Change = change,
            EventId = target.ObjectId + "~" + change + "~" + text.Length.ToString(CultureInfo.InvariantCulture),
            Text = text,
            CreatedAt = at ?? target.CreatedAt.AddMinutes(5),
        };
    }

    public Mention Build() => _mention;
}
