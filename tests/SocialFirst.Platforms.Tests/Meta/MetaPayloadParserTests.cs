using System.Text;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Common;
using SocialFirst.Platforms.Meta;
using SocialFirst.Platforms.Tests.TestSupport;

namespace SocialFirst.Platforms.Tests.Meta;

public class MetaPayloadParserTests
{
    private static ParsedDelivery ParseFixture(string name) => Parse(Fixtures.Bytes($"meta/{name}"));

    private static ParsedDelivery Parse(byte[] body) =>
        new MetaWebhookAdapter(TestOptions.Of(new MetaWebhookOptions { AppSecret = "s" })).Parse(Requests.Post(body), "raw-meta");

    private static DateTimeOffset Unix(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    [Fact]
    public void Parse_BatchedDeliveryTwoEntries_EveryChangeIsItsOwnMention()
    {
        var parsed = ParseFixture("page-feed-batched.json");

        Assert.Empty(parsed.Skipped);
        Assert.Empty(parsed.Unknown);
        Assert.Equal(string.Empty, parsed.AcknowledgementBody);
        Assert.Collection(
            parsed.Mentions,
            m =>
            {
                Assert.Equal(Platform.Facebook, m.Platform);
                Assert.Equal("1111", m.BrandAccountId);
                Assert.Equal(MentionKind.Comment, m.Kind);
                Assert.Equal(MentionChange.Created, m.Change);
                Assert.Equal("1111_2001_3001", m.EventId);
                Assert.Equal("1111_2001_3001", m.ObjectId);
                Assert.Equal("1111_2001", m.ThreadId);
                Assert.Equal("1111_2001", m.ParentId);
                Assert.Equal(new MentionAuthor("5001", null, "Zsolt Pálmai"), m.Author);
                Assert.Equal("Mon café est arrivé cassé, voir https://example.com/photo", m.Text);
                Assert.Equal(Unix(1700000001), m.CreatedAt);
                Assert.Equal("https://www.facebook.com/1111_2001?comment_id=3001", m.Permalink);
                Assert.Equal("raw-meta", m.RawDeliveryRef);
                Assert.Null(m.LanguageHint);
            },
            m =>
            {
                Assert.Equal(MentionKind.Reply, m.Kind);
                Assert.Equal("1111_2001_3002", m.ObjectId);
                Assert.Equal("1111_2001", m.ThreadId);
                Assert.Equal("1111_2001_3001", m.ParentId);
                Assert.Equal("Same here 😡", m.Text);
                Assert.Equal(Unix(1700000002), m.CreatedAt);
            },
            m =>
            {
                Assert.Equal(MentionKind.Post, m.Kind);
                Assert.Equal("1111_2002", m.ObjectId);
                Assert.Equal("1111_2002", m.ThreadId);
                Assert.Null(m.ParentId);
                Assert.Equal("Where is my refund?", m.Text);
                Assert.Equal("https://www.facebook.com/1111_2002", m.Permalink);
            },
            m =>
            {
                Assert.Equal("2222", m.BrandAccountId);
                Assert.Equal(MentionKind.Comment, m.Kind);
                Assert.Equal("2222_4001_5001", m.ObjectId);
                Assert.Equal(new MentionAuthor("6001", null, "王小明"), m.Author);
                Assert.Equal("你好，我的订单还没到", m.Text);
            },
            m =>
            {
                Assert.Equal(MentionKind.Post, m.Kind);
                Assert.Equal("2222_4002", m.ObjectId);
                Assert.Equal("Look at this", m.Text);
            },
            m =>
            {
                // Legacy payload: numeric sender_id becomes a string.
                Assert.Equal(MentionKind.Post, m.Kind);
                Assert.Equal(new MentionAuthor("6003", null, "Old Style"), m.Author);
                Assert.Equal(Unix(1700000006), m.CreatedAt);
            });
    }

    [Fact]
    public void Parse_EditsDeletesAndHides_ReferToTheSameObjectIds()
    {
        var parsed = ParseFixture("page-feed-changes.json");

        Assert.Collection(
            parsed.Mentions,
            m =>
            {
                Assert.Equal(MentionChange.Edited, m.Change);
                Assert.Equal(MentionKind.Comment, m.Kind);
                Assert.Equal("1111_2001_3001", m.ObjectId);
                Assert.Equal(EventIds.ForEdit("1111_2001_3001", "Edited: still broken"), m.EventId);
                Assert.Equal("Edited: still broken", m.Text);
            },
            m =>
            {
                // "edit" (not "edited") is what Meta sends for visitor-post edits.
                Assert.Equal(MentionChange.Edited, m.Change);
                Assert.Equal(MentionKind.Post, m.Kind);
                Assert.Equal("1111_2002", m.ObjectId);
            },
            m =>
            {
                Assert.Equal(MentionChange.Deleted, m.Change);
                Assert.Equal(MentionKind.Reply, m.Kind);
                Assert.Equal("1111_2001_3002", m.ObjectId);
                Assert.Equal("1111_2001_3002", m.EventId);
                Assert.Equal(string.Empty, m.Text);
            },
            m =>
            {
                Assert.Equal(MentionChange.Hidden, m.Change);
                Assert.Equal("1111_2001_3003", m.ObjectId);
            },
            m =>
            {
                Assert.Equal(MentionChange.Unhidden, m.Change);
                Assert.Equal("1111_2001_3003", m.ObjectId);
            });

        Assert.Equal(3, parsed.Skipped.Count);
        Assert.Contains("entry[0].changes[5]: the page's own comment", parsed.Skipped[0], StringComparison.Ordinal);
        Assert.Contains("reaction", parsed.Skipped[1], StringComparison.Ordinal);
        Assert.Contains("like", parsed.Skipped[2], StringComparison.Ordinal);
        Assert.Equal(2, parsed.Unknown.Count);
        Assert.Contains("feed item 'event'", parsed.Unknown[0], StringComparison.Ordinal);
        Assert.Contains("field 'ratings'", parsed.Unknown[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EditedTwiceWithDifferentText_GivesTwoEventsButARedeliveryGivesOne()
    {
        var first = new MetaWebhookBuilder().WithComment("v2", commentId: "1_2_3", verb: "edited").Body();
        var second = new MetaWebhookBuilder().WithComment("v3", commentId: "1_2_3", verb: "edited").Body();

        var a = Assert.Single(Parse(first).Mentions);
        var again = Assert.Single(Parse(first).Mentions);
        var b = Assert.Single(Parse(second).Mentions);

        Assert.Equal(a.DedupKey, again.DedupKey);
        Assert.NotEqual(a.DedupKey, b.DedupKey);
        Assert.Equal(a.ObjectId, b.ObjectId);
    }

    [Fact]
    public void Parse_RedeliveryWithNewEntryTime_KeepsEventIds()
    {
        var original = Fixtures.Bytes("meta/page-feed-batched.json");
        var redelivered = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(original).Replace("\"time\":1700000100", "\"time\":1700003700", StringComparison.Ordinal));
        Assert.NotEqual(original, redelivered);

        var before = Parse(original).Mentions.Select(m => m.DedupKey);
        var after = Parse(redelivered).Mentions.Select(m => m.DedupKey);

        Assert.Equal(before, after);
    }

    [Fact]
    public void Parse_PageMentionField_GivesMentionsWithPrefixedEventIds()
    {
        var parsed = ParseFixture("page-mention.json");

        Assert.Collection(
            parsed.Mentions,
            m =>
            {
                Assert.Equal(MentionKind.Mention, m.Kind);
                Assert.Equal("44444444_444444444", m.ObjectId);
                Assert.Equal("mention:44444444_444444444", m.EventId);
                Assert.Equal(new MentionAuthor("44444444", null, "Example Name"), m.Author);
                Assert.Equal(string.Empty, m.Text);
                Assert.Equal(Unix(1700000400), m.CreatedAt); // no created_time: entry.time
                Assert.Equal("https://www.facebook.com/44444444_444444444", m.Permalink);
            },
            m =>
            {
                Assert.Equal("555555555_666666666", m.ObjectId);
                Assert.Equal("55555555_555555555", m.ThreadId);
                Assert.Equal("55555555_555555555", m.ParentId);
                Assert.Equal("@Acme your app is down again", m.Text);
                Assert.Equal(Unix(1700000399), m.CreatedAt);
            });
    }

    [Fact]
    public void Parse_Messenger_SkipsEchoesReadsAndDeliveries()
    {
        var parsed = ParseFixture("messenger.json");

        Assert.Collection(
            parsed.Mentions,
            m =>
            {
                Assert.Equal(Platform.Facebook, m.Platform);
                Assert.Equal(MentionKind.DirectMessage, m.Kind);
                Assert.Equal(MentionChange.Created, m.Change);
                Assert.Equal("m_AAA", m.EventId);
                Assert.Equal("m_AAA", m.ObjectId);
                Assert.Equal("PSID-1", m.ThreadId);
                Assert.Equal(new MentionAuthor("PSID-1"), m.Author);
                Assert.Equal("Hola, mi pedido llegó dañado ¿me ayudan?", m.Text);
                Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000500001), m.CreatedAt);
                Assert.Null(m.Permalink);
            },
            m =>
            {
                Assert.Equal("m_CCC", m.ObjectId);
                Assert.Equal("m_BBB", m.ParentId);
            },
            m =>
            {
                Assert.Equal(MentionChange.Deleted, m.Change);
                Assert.Equal("m_AAA", m.ObjectId);
                Assert.Equal(string.Empty, m.Text);
            });
        Assert.Equal(3, parsed.Skipped.Count);
        Assert.Contains("echo", parsed.Skipped[0], StringComparison.Ordinal);
        Assert.Contains("read", parsed.Skipped[1], StringComparison.Ordinal);
        Assert.Contains("delivery", parsed.Skipped[2], StringComparison.Ordinal);
        Assert.Empty(parsed.Unknown);
    }

    [Fact]
    public void Parse_InstagramComments_UseIdOrCommentIdAndEntryTime()
    {
        var parsed = ParseFixture("instagram-comments.json");

        Assert.Collection(
            parsed.Mentions,
            m =>
            {
                Assert.Equal(Platform.Instagram, m.Platform);
                Assert.Equal("17841400000000001", m.BrandAccountId);
                Assert.Equal(MentionKind.Comment, m.Kind);
                Assert.Equal("17900000000000001", m.ObjectId);
                Assert.Equal("17900000000000001", m.EventId);
                Assert.Equal("18000000000000001", m.ThreadId);
                Assert.Equal("18000000000000001", m.ParentId);
                Assert.Equal(new MentionAuthor("IGSID-1", "maria.lópez"), m.Author);
                Assert.Equal("¿Dónde está mi pedido? 📦", m.Text);
                Assert.Equal(Unix(1700000600), m.CreatedAt); // no time in the payload: entry.time
                Assert.Null(m.Permalink);
            },
            m =>
            {
                Assert.Equal(MentionKind.Reply, m.Kind);
                Assert.Equal("17900000000000002", m.ObjectId);
                Assert.Equal("17900000000000001", m.ParentId);
                Assert.Equal("同じ問題です", m.Text);
            });
        var skipped = Assert.Single(parsed.Skipped);
        Assert.Contains("own comment", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InstagramBusinessLoginStyle_ReadsFieldAndValueOnTheEntry()
    {
        var mention = Assert.Single(ParseFixture("instagram-business-login-comments.json").Mentions);

        Assert.Equal(Platform.Instagram, mention.Platform);
        Assert.Equal("17841400000000002", mention.BrandAccountId);
        Assert.Equal(MentionKind.Comment, mention.Kind);
        Assert.Equal("17900000000000010", mention.ObjectId);
        Assert.Equal("Terrible service @acme", mention.Text);
        Assert.Equal("18000000000000009", mention.ThreadId);
        Assert.Equal(Unix(1700000700), mention.CreatedAt);
    }

    [Fact]
    public void Parse_InstagramMentions_CarryIdsOnly()
    {
        var parsed = ParseFixture("instagram-mentions.json");

        Assert.Collection(
            parsed.Mentions,
            m =>
            {
                Assert.Equal(MentionKind.Mention, m.Kind);
                Assert.Equal("18000000000000020", m.ObjectId);
                Assert.Equal("mention:18000000000000020", m.EventId);
                Assert.Equal("18000000000000020", m.ThreadId);
                Assert.Null(m.ParentId);
                Assert.Equal(string.Empty, m.Author.Id);
                Assert.Equal(string.Empty, m.Text);
            },
            m =>
            {
                Assert.Equal("17900000000000021", m.ObjectId);
                Assert.Equal("18000000000000022", m.ThreadId);
                Assert.Equal("18000000000000022", m.ParentId);
            });
    }

    [Fact]
    public void Parse_InstagramMessaging_SkipsEchoAndReactionAndKeepsDelete()
    {
        var parsed = ParseFixture("instagram-messaging.json");

        Assert.Collection(
            parsed.Mentions,
            m =>
            {
                Assert.Equal(Platform.Instagram, m.Platform);
                Assert.Equal(MentionKind.DirectMessage, m.Kind);
                Assert.Equal("aWdfZAG1faXRlbToxOklH", m.ObjectId);
                Assert.Equal("Bonjour, j'ai été débité deux fois", m.Text);
                Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000900001), m.CreatedAt);
            },
            m =>
            {
                Assert.Equal(MentionChange.Deleted, m.Change);
                Assert.Equal("aWdfZAG1faXRlbToxOklH", m.ObjectId);
            });
        Assert.Equal(2, parsed.Skipped.Count);
        Assert.Contains("echo of a message the account sent", parsed.Skipped[0], StringComparison.Ordinal);
        Assert.Contains("reaction", parsed.Skipped[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnhandledObject_IsUnknownNotMalformed()
    {
        var parsed = Parse(Encoding.UTF8.GetBytes("""{"object":"user","entry":[{"id":"1","time":1,"changes":[{"field":"email","value":{}}]}]}"""));

        Assert.Empty(parsed.Mentions);
        Assert.Equal("object 'user' is not handled", Assert.Single(parsed.Unknown));
    }

    [Fact]
    public void Parse_UnknownMessagingEventAndEmptyEntry_AreUnknown()
    {
        var parsed = Parse(Encoding.UTF8.GetBytes("""{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"sender":{"id":"2"},"recipient":{"id":"1"},"timestamp":1,"brand_new":{}}]},{"id":"1","time":1}]}"""));

        Assert.Equal(2, parsed.Unknown.Count);
        Assert.Empty(parsed.Mentions);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"entry":[]}""")]
    [InlineData("""{"object":"page"}""")]
    [InlineData("""{"object":"page","entry":{}}""")]
    [InlineData("""{"object":"page","entry":[""")]
    public void Parse_MalformedBodyOrEnvelope_Throws(string body)
    {
        var ex = Assert.Throws<MalformedPayloadException>(() => Parse(Encoding.UTF8.GetBytes(body)));

        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }
}
