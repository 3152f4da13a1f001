using SocialFirst.Core.Brands;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Escalation.Messaging;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Escalation;

/// <summary>Picks whom to answer for a case: the customer's most recent mention, and the brand account that answers.</summary>
public static class EscalationTargets
{
    /// <summary>
    /// The target for answering <paramref name="c"/>: the most recent non-deleted mention written by the case's
    /// customer (<paramref name="objectId"/>, when given, pins a mention: a re-send must answer the same comment),
    /// the time of the customer's last private message (DM windows), and the brand's account on the platform.
    /// Null with <paramref name="problem"/> when there is nothing to answer or no account to answer from.
    /// </summary>
    public static PrivateMessageTarget? Resolve(Case c, IReadOnlyList<CaseMention> mentions, BrandOptions brands, string? objectId, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(mentions);
        ArgumentNullException.ThrowIfNull(brands);
        var customer = mentions.Where(m => m.AuthorId == c.AuthorId && !m.Deleted).ToList();
        var chosen = objectId is null
            ? customer.MaxBy(m => m.CreatedAt)
            : customer.FirstOrDefault(m => m.ObjectId == objectId);
        if (chosen is null)
        {
            problem = objectId is null
                ? "the case has no mention by its customer left to answer (all deleted?)"
                : "the mention answered before is no longer in the case";
            return null;
        }

        var account = BrandAccountFor(brands, c.BrandId, c.Platform, chosen);
        if (account is null)
        {
            problem = $"no {c.Platform} account of brand '{c.BrandId}' to answer from: list it in Brands:{c.BrandId}:Accounts";
            return null;
        }

        var lastPrivate = customer.Where(m => m.Kind == MentionKind.DirectMessage).Select(m => (DateTimeOffset?)m.CreatedAt).Max();
        problem = null;
        return new PrivateMessageTarget
        {
            Platform = c.Platform,
            BrandAccountId = account,
            Kind = chosen.Kind,
            ReplyToId = chosen.ObjectId,
            AuthorId = chosen.AuthorId,
            MentionCreatedAt = chosen.CreatedAt,
            CustomerLastMessageAt = lastPrivate,
        };
    }

    /// <summary>
    /// The brand's account on <paramref name="platform"/> that received <paramref name="mention"/>. Mentions do not keep
    /// the account they were addressed to, so: the only account the brand lists on that platform; with several, the one
    /// whose id prefixes the thread or object id (Facebook post ids are <c>{page id}_{post id}</c>); otherwise null.
    /// </summary>
    public static string? BrandAccountFor(BrandOptions brands, string brandId, Platform platform, CaseMention mention)
    {
        ArgumentNullException.ThrowIfNull(brands);
        ArgumentNullException.ThrowIfNull(mention);
        if (!brands.Items.TryGetValue(brandId, out var brand))
        {
            return null;
        }

        var accounts = brand.Accounts
            .Select(a => BrandAccount.TryParse(a, out var parsed) ? parsed : (BrandAccount?)null)
            .Where(a => a is { } p && p.Platform == platform)
            .Select(a => a!.Value.AccountId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (accounts.Count == 1)
        {
            return accounts[0];
        }

        return accounts.FirstOrDefault(a =>
            (mention.ThreadId?.StartsWith(a + "_", StringComparison.Ordinal) ?? false)
            || mention.ObjectId.StartsWith(a + "_", StringComparison.Ordinal));
    }
}
