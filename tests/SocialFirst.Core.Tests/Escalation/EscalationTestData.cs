using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Tests.Escalation;

/// <summary>The brand, accounts and first mention shared by the escalation and agent-reply service tests.</summary>
internal static class EscalationTestData
{
    public const string PageId = "104857600123";
    public const string CommentId = "555_880001";
    public const string AuthorId = "5500001";

    /// <summary>Sending (not a dry run) on the given platforms, with a 60 s claim lease.</summary>
    public static EscalationOptions Sending(params Platform[] platforms)
    {
        var options = new EscalationOptions { DryRun = false, ClaimLeaseSeconds = 60 };
        foreach (var p in platforms)
        {
            options.Platforms[p.ToString()] = new EscalationPlatformOptions { Enabled = true };
        }

        return options;
    }

    /// <summary>"acme" with its Facebook page and X account.</summary>
    public static BrandOptions AcmeBrands()
    {
        var brands = new BrandOptions();
        brands.Items["acme"] = new BrandDefinition { DisplayName = "Acme Foods" };
        brands.Items["acme"].Accounts.Add("facebook:" + PageId);
        brands.Items["acme"].Accounts.Add("x:2244994945");
        return brands;
    }

    /// <summary>The case's first mention: a comment on the brand's Facebook page, or an X post, by <see cref="AuthorId"/>.</summary>
    public static CaseMention FirstMention(string caseId, Platform platform, MentionKind kind, DateTimeOffset written) => new()
    {
        CaseId = caseId,
        Key = CaseMention.KeyFor(written, "facebook:created:e1"),
        DedupKey = "facebook:created:e1",
        Platform = platform,
        Kind = kind,
        EventId = "e1",
        ObjectId = platform == Platform.Facebook ? CommentId : "1790000000000000001",
        ThreadId = platform == Platform.Facebook ? PageId + "_555" : null,
        AuthorId = AuthorId,
        CreatedAt = written,
    };
}
