using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;
using SocialFirst.Platforms.Common;
using SocialFirst.Platforms.Generic;
using SocialFirst.Platforms.Tests.TestSupport;

namespace SocialFirst.Platforms.Tests.Generic;

public class GenericWebhookAdapterTests
{
    private const string Secret = "generic-secret";

    /// <summary>Raw UTF-8 (Ñandú, 你好, 🙂) and literal "\/" and "\u00e9" escapes.</summary>
    private const string Body =
        """{"source":"s","brandAccountId":"b","mentions":[{"id":"1","kind":"mention","text":"Ñandú 你好 🙂 a\/b \u00e9","author":{"id":"a"},"createdAt":"2023-11-14T22:13:20Z"}]}""";

    /// <summary>hex HMAC-SHA256("generic-secret", "1700000000." + Body), computed with Python hmac.</summary>
    private const string BodySignature = "t=1700000000,v1=06ef1c5ab9d2a8c9c5130b1d74931928f0fb92cece4580d861b875a8e82defd4";

    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static GenericWebhookAdapter CreateSut(out FakeTimeProvider time, string secret = Secret, int windowSeconds = 300, int clockOffsetSeconds = 0)
    {
        time = new FakeTimeProvider(SignedAt.AddSeconds(clockOffsetSeconds));
        return new GenericWebhookAdapter(TestOptions.Of(new GenericWebhookOptions { Secret = secret, ReplayWindowSeconds = windowSeconds }), time);
    }

    private static GenericWebhookAdapter CreateSut() => CreateSut(out _);

    private static WebhookRequest Signed(string header, string body = Body) =>
        Requests.Post(body, Requests.Header("X-SocialFirst-Signature", header));

    [Fact]
    public void Verify_IndependentVector_IsValid()
    {
        var check = CreateSut().Verify(Signed(BodySignature));

        Assert.True(check.IsValid, check.Reason);
        Assert.Null(CreateSut().TryHandshake(Requests.Get(("hub.challenge", "1"))));
    }

    [Fact]
    public void Create_ProducesTheDocumentedHeader()
    {
        Assert.Equal(BodySignature, GenericWebhookSignature.Create(Secret, SignedAt, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    [InlineData(86_400, false)]
    public void Verify_ReplayWindow_IsEnforcedBothWays(int clockOffsetSeconds, bool valid)
    {
        var sut = CreateSut(out _, clockOffsetSeconds: clockOffsetSeconds);

        var check = sut.Verify(Signed(BodySignature));

        Assert.Equal(valid, check.IsValid);
        if (!valid)
        {
            Assert.Equal("timestamp is outside the replay window", check.Reason);
        }
    }

    [Fact]
    public void Verify_ConfiguredWindow_IsUsed()
    {
        var sut = CreateSut(out var time, windowSeconds: 60);
        time.Advance(TimeSpan.FromSeconds(61));

        Assert.False(sut.Verify(Signed(BodySignature)).IsValid);
    }

    [Fact]
    public void Verify_TamperedBodyOrTimestamp_IsInvalid()
    {
        Assert.Equal("signature does not match", CreateSut().Verify(Signed(BodySignature, Body.Replace("Ñandú", "Nandu", StringComparison.Ordinal))).Reason);
        Assert.Equal("signature does not match", CreateSut().Verify(Signed(BodySignature.Replace("t=1700000000", "t=1700000001", StringComparison.Ordinal))).Reason);
    }

    [Fact]
    public void Verify_SeveralV1_AcceptsWhenOneMatches()
    {
        var header = "t=1700000000,v1=" + new string('0', 64) + "," + BodySignature["t=1700000000,".Length..] + ",v2=ignored";

        Assert.True(CreateSut().Verify(Signed(header)).IsValid);
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing")]
    [InlineData("v1=06ef1c5ab9d2a8c9c5130b1d74931928f0fb92cece4580d861b875a8e82defd4", "needs t=")]
    [InlineData("t=1700000000", "needs v1=")]
    [InlineData("t=abc,v1=06ef1c5ab9d2a8c9c5130b1d74931928f0fb92cece4580d861b875a8e82defd4", "needs t=")]
    [InlineData("t=-1700000000,v1=06ef1c5ab9d2a8c9c5130b1d74931928f0fb92cece4580d861b875a8e82defd4", "needs t=")]
    [InlineData("t=1700000000,t=1700000000,v1=06ef1c5ab9d2a8c9c5130b1d74931928f0fb92cece4580d861b875a8e82defd4", "more than one t=")]
    [InlineData("t=1700000000,v1=06ef1c5ab9d2a8c9c5130b1d74931928f0fb92cece4580d861b875a8e82def", "not 32 bytes")]
    [InlineData("t=1700000000,v1=xyz", "not 32 bytes")]
    [InlineData("garbage", "key=value")]
    public void Verify_MalformedHeader_IsInvalidWithReason(string? header, string reasonPart)
    {
        var request = header is null ? Requests.Post(Body) : Signed(header);

        var check = CreateSut().Verify(request);

        Assert.False(check.IsValid);
        Assert.Contains(reasonPart, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoSecret_RefusesEvenASignatureMadeWithAnEmptyKey()
    {
        var header = GenericWebhookBuilder.Header("", 1_700_000_000, Encoding.UTF8.GetBytes(Body));

        var check = CreateSut(out _, secret: "").Verify(Signed(header));

        Assert.Equal("not configured", check.Reason);
    }

    [Fact]
    public void Builder_SignedDelivery_VerifiesAndParses()
    {
        var request = new GenericWebhookBuilder().WithMention("m1", "Ça ne va pas du tout 😡").Signed(Secret, SignedAt);
        var sut = CreateSut();

        Assert.True(sut.Verify(request).IsValid);
        var m = Assert.Single(sut.Parse(request, "raw").Mentions);
        Assert.Equal("listening-bridge:m1", m.EventId);
        Assert.Equal("Ça ne va pas du tout 😡", m.Text);
    }

    [Fact]
    public void Parse_Fixture_ExactMentions()
    {
        var parsed = CreateSut().Parse(Requests.Post(Fixtures.Bytes("generic/mentions.json")), "raw-g");

        Assert.Empty(parsed.Skipped);
        Assert.Empty(parsed.Unknown);
        Assert.Collection(
            parsed.Mentions,
            m =>
            {
                Assert.Equal(Platform.Generic, m.Platform);
                Assert.Equal("acme-global", m.BrandAccountId);
                Assert.Equal(MentionKind.Mention, m.Kind);
                Assert.Equal(MentionChange.Created, m.Change);
                Assert.Equal("listening-bridge:bw-98765", m.EventId);
                Assert.Equal("bw-98765", m.ObjectId);
                Assert.Equal("thread-55", m.ThreadId);
                Assert.Null(m.ParentId);
                Assert.Equal(new MentionAuthor("forum-user-17", "colis_perdu", "Élodie", 1200), m.Author);
                Assert.Equal("Acme a encore perdu mon colis — c'est la 3ᵉ fois !", m.Text);
                Assert.Equal("fr", m.LanguageHint);
                Assert.Equal(new DateTimeOffset(2025, 11, 20, 7, 15, 0, TimeSpan.Zero), m.CreatedAt);
                Assert.Equal("https://forum.example.fr/t/55#p3", m.Permalink);
                Assert.Equal("raw-g", m.RawDeliveryRef);
            },
            m =>
            {
                // Declared as an X reply: the native tweet id is the event id, so it de-duplicates with the X webhook.
                Assert.Equal(Platform.X, m.Platform);
                Assert.Equal(MentionKind.Reply, m.Kind);
                Assert.Equal("1860000000000000001", m.EventId);
                Assert.Equal("1860000000000000000", m.ParentId);
                Assert.Equal(new MentionAuthor("6253282", "lilei", "李雷"), m.Author);
                Assert.Equal("zh", m.LanguageHint);
            },
            m =>
            {
                Assert.Equal(MentionChange.Edited, m.Change);
                Assert.Equal("bw-98765", m.ObjectId);
                Assert.Equal("listening-bridge:" + EventIds.ForEdit("bw-98765", "Acme a retrouvé mon colis, merci"), m.EventId);
                Assert.Null(m.LanguageHint);
                Assert.Null(m.Permalink);
            });
    }

    [Fact]
    public void Parse_NumericIdsAndExplicitEventId()
    {
        var body = """{"source":"crm","brandAccountId":42,"mentions":[{"id":9007199254740993,"eventId":"e-7","kind":"DirectMessage","author":{"id":17},"createdAt":"2025-01-01T00:00:00+08:00"}]}""";

        var m = Assert.Single(CreateSut().Parse(Requests.Post(body), "raw").Mentions);

        Assert.Equal("42", m.BrandAccountId);
        Assert.Equal("9007199254740993", m.ObjectId);
        Assert.Equal("crm:e-7", m.EventId);
        Assert.Equal("17", m.Author.Id);
        Assert.Equal(MentionKind.DirectMessage, m.Kind);
        Assert.Equal(string.Empty, m.Text);
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 16, 0, 0, TimeSpan.Zero), m.CreatedAt);
    }

    [Fact]
    public void Parse_EmptyMentionList_IsFine()
    {
        var parsed = CreateSut().Parse(Requests.Post("""{"source":"crm","brandAccountId":"b","mentions":[]}"""), "raw");

        Assert.Empty(parsed.Mentions);
    }

    public static TheoryData<string, string> MalformedMentions => new()
    {
        { """{"kind":"mention","author":{"id":"a"},"createdAt":"2025-01-01T00:00:00Z"}""", "$.mentions[0].id" },
        { """{"id":"1","kind":"tweet","author":{"id":"a"},"createdAt":"2025-01-01T00:00:00Z"}""", "$.mentions[0].kind" },
        { """{"id":"1","kind":"1","author":{"id":"a"},"createdAt":"2025-01-01T00:00:00Z"}""", "$.mentions[0].kind" },
        { """{"id":"1","kind":"mention","createdAt":"2025-01-01T00:00:00Z"}""", "$.mentions[0].author" },
        { """{"id":"1","kind":"mention","author":{"handle":"x"},"createdAt":"2025-01-01T00:00:00Z"}""", "$.mentions[0].author.id" },
        { """{"id":"1","kind":"mention","author":{"id":"a"},"createdAt":"2025-01-01T00:00:00"}""", "$.mentions[0].createdAt" },
        { """{"id":"1","kind":"mention","author":{"id":"a"},"createdAt":"1700000000"}""", "$.mentions[0].createdAt" },
        { """{"id":"1","kind":"mention","author":{"id":"a","followers":-1},"createdAt":"2025-01-01T00:00:00Z"}""", "followers" },
        { """{"id":"1","kind":"mention","author":{"id":"a"},"createdAt":"2025-01-01T00:00:00Z","permalink":"javascript:alert(1)"}""", "permalink" },
        { """{"id":"1","kind":"mention","author":{"id":"a"},"createdAt":"2025-01-01T00:00:00Z","platform":"myspace"}""", "platform" },
        { """{"id":"1","kind":"mention","author":{"id":"a"},"createdAt":"2025-01-01T00:00:00Z","change":"liked"}""", "change" },
        { """{"id":"1","kind":"mention","author":{"id":"a"},"createdAt":"2025-01-01T00:00:00Z","text":5}""", "text" },
        { """{"id":1.5,"kind":"mention","author":{"id":"a"},"createdAt":"2025-01-01T00:00:00Z"}""", "$.mentions[0].id" },
        { "\"just a string\"", "$.mentions[0]" },
    };

    [Theory]
    [MemberData(nameof(MalformedMentions))]
    public void Parse_MalformedMention_ThrowsNamingThePath(string mention, string pathPart)
    {
        var body = $$"""{"source":"crm","brandAccountId":"b","mentions":[{{mention}}]}""";

        var ex = Assert.Throws<MalformedPayloadException>(() => CreateSut().Parse(Requests.Post(body), "raw"));

        Assert.Contains(pathPart, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"brandAccountId":"b","mentions":[]}""")]
    [InlineData("""{"source":"has space","brandAccountId":"b","mentions":[]}""")]
    [InlineData("""{"source":"s","mentions":[]}""")]
    [InlineData("""{"source":"s","brandAccountId":"b"}""")]
    [InlineData("""{"source":"s","brandAccountId":"b","mentions":{}}""")]
    public void Parse_MalformedEnvelope_Throws(string body)
    {
        Assert.Throws<MalformedPayloadException>(() => CreateSut().Parse(Requests.Post(body), "raw"));
    }

    [Fact]
    public void Parse_MoreThanTheLimit_Throws()
    {
        var builder = new GenericWebhookBuilder();
        for (var i = 0; i <= 1000; i++)
        {
            builder.WithRaw(new JsonObject { ["id"] = $"{i}", ["kind"] = "mention", ["author"] = new JsonObject { ["id"] = "a" }, ["createdAt"] = "2025-01-01T00:00:00Z" });
        }

        Assert.Throws<MalformedPayloadException>(() => CreateSut().Parse(Requests.Post(builder.Body()), "raw"));
    }
}
