using System.Globalization;
using SocialFirst.Core.Cases;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Escalation;
using SocialFirst.Core.Mentions;
using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Cli.Commands;

/// <summary>
/// Seeds a brand with handled cases through the real case store (no texts: the scorecard needs none), for
/// <c>bench-metrics</c> and the roll-up tests: cases opened over the days before <c>now</c>, an author pool of a third
/// of the cases (so authors come back and re-contacts happen), and a mix of outcomes — answered and resolved (some
/// off-channel, some reopened and resolved again), escalated with a sent private reply, handed to a person, or still
/// open. Deterministic for a seed; only what has happened by <c>now</c> is written. <see cref="SeedWithMentionsAsync"/>
/// writes the same cases with their mentions (for <c>bench-influence</c>).
/// </summary>
public static class CareBenchSeeder
{
    private static readonly Platform[] Platforms = [Platform.Facebook, Platform.Instagram, Platform.X, Platform.WeChat, Platform.Weibo];

    /// <summary>Writes <paramref name="count"/> cases of <paramref name="brandId"/> opened in the <paramref name="days"/> days before <paramref name="now"/>.</summary>
    public static Task SeedAsync(ICaseStore store, IEscalationOutbox outbox, string brandId, int count, int days, DateTimeOffset now, int seed, int parallelism, CancellationToken ct) =>
        SeedAsync(store, outbox, brandId, count, days, now, seed, parallelism, withMentions: false, ct);

    /// <summary>
    /// The same cases as <see cref="SeedAsync"/> for the same seed (only <see cref="Case.FirstMentionKey"/> then names the
    /// real first mention), each with its <see cref="Case.MentionCount"/>
    /// mentions (1–3) written through <see cref="ICaseStore.TryAppendMentionAsync"/> as triage writes them: the first by the
    /// case's author when the case opened, the others within three days after (never after <paramref name="now"/>), about
    /// one in six a reply by another author of the pool on the same platform. Each author has a leaning (mostly negative,
    /// mostly positive or mixed) and, on X, a follower count (10 to 1,000,000, log-uniform); no texts. For
    /// <c>bench-influence</c>.
    /// </summary>
    public static async Task<CareBenchMentions> SeedWithMentionsAsync(ICaseStore store, IEscalationOutbox outbox, string brandId, int count, int days, DateTimeOffset now, int seed, int parallelism, CancellationToken ct) =>
        await SeedAsync(store, outbox, brandId, count, days, now, seed, parallelism, withMentions: true, ct);

    private static async Task<CareBenchMentions> SeedAsync(ICaseStore store, IEscalationOutbox outbox, string brandId, int count, int days, DateTimeOffset now, int seed, int parallelism, bool withMentions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(outbox);
        var random = new Random(seed);
        var plans = Enumerable.Range(0, count).Select(i => Plan(random, brandId, seed, i, count, days, now)).ToList();
        var pool = Math.Max(1, count / 3);
        var mentions = withMentions
            ? plans.Select((p, i) => Mentions(p.Case, seed, i, pool, now)).ToList()
            : null;
        await Parallel.ForEachAsync(Enumerable.Range(0, plans.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (i, token) =>
        {
            var (planned, outboxEntry) = plans[i];
            if (mentions is not null)
            {
                planned = planned with { FirstMentionKey = mentions[i][0].Key };
            }

            var stored = await store.TryCreateCaseAsync(planned, token) ?? await store.GetCaseAsync(planned.Id, token);
            foreach (var mention in mentions?[i] ?? [])
            {
                var outcome = await store.TryAppendMentionAsync(stored!, mention, token);
                stored = outcome.Status == AppendStatus.Conflict ? throw new InvalidOperationException($"case {stored!.Id} changed while seeding") : outcome.Case;
            }

            await store.IndexCaseAsync(stored!, token);
            if (outboxEntry is { } entry)
            {
                await outbox.AddIfAbsentAsync(entry, token);
            }
        });
        return mentions is null
            ? new CareBenchMentions(0, 0)
            : new CareBenchMentions(mentions.Sum(m => m.Count), mentions.SelectMany(m => m).Select(m => AuthorKeys.For(m.Platform, m.AuthorId)).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>
    /// The mentions of one case, from a random stream of its own (seed, index) so that the case plans stay those of
    /// <see cref="SeedAsync"/>. Authors are "seed{seed}-a{index}" as in <see cref="Plan"/>; author a lives on platform a mod 5.
    /// </summary>
    private static List<CaseMention> Mentions(Case c, int seed, int i, int pool, DateTimeOffset now)
    {
        var random = new Random(unchecked((seed * 1_000_003) + i));
        var span = Math.Min(3 * 1440.0, (now - c.OpenedAt).TotalMinutes);
        var times = Enumerable.Range(0, c.MentionCount)
            .Select(k => k == 0 ? c.OpenedAt : c.OpenedAt + TimeSpan.FromMinutes(random.NextDouble() * span))
            .Order()
            .ToList();
        var caseAuthor = AuthorIndex(c.AuthorId);
        var result = new List<CaseMention>();
        for (var k = 0; k < times.Count; k++)
        {
            var author = caseAuthor;
            var kind = random.NextDouble() < 0.5 ? MentionKind.Comment : MentionKind.Mention;
            if (k > 0 && random.NextDouble() < 1.0 / 6)
            {
                // A reply by another author of the pool on the same platform (platform = author mod 5).
                var onPlatform = Math.Max(1, (pool - (caseAuthor % Platforms.Length) + Platforms.Length - 1) / Platforms.Length);
                author = (random.Next(onPlatform) * Platforms.Length) + (caseAuthor % Platforms.Length);
                kind = MentionKind.Reply;
            }

            var authorId = AuthorId(seed, author);
            var dedup = $"{c.Id}:{k.ToString(CultureInfo.InvariantCulture)}";
            result.Add(new CaseMention
            {
                CaseId = c.Id,
                Key = CaseMention.KeyFor(times[k], dedup),
                DedupKey = dedup,
                Platform = c.Platform,
                Kind = kind,
                EventId = dedup,
                ObjectId = dedup,
                AuthorId = authorId,
                AuthorHandle = "@" + authorId,
                Followers = c.Platform == Platform.X ? Followers(seed, author) : null,
                Sentiment = Leaning(random, seed, author),
                CreatedAt = times[k],
                TriagedAt = times[k].AddSeconds(2),
            });
        }

        return result;
    }

    private static string AuthorId(int seed, int a) => "seed" + seed.ToString(CultureInfo.InvariantCulture) + "-a" + a.ToString("D6", CultureInfo.InvariantCulture);

    private static int AuthorIndex(string authorId) => int.Parse(authorId.AsSpan(authorId.LastIndexOf("-a", StringComparison.Ordinal) + 2), CultureInfo.InvariantCulture);

    /// <summary>An author's follower count, the same in every mention: 10^(1..6), log-uniform.</summary>
    private static long Followers(int seed, int a) => (long)Math.Pow(10, 1 + (5 * new Random(unchecked((seed * 7919) + a)).NextDouble()));

    /// <summary>Author a mod 3: 0 mostly negative, 1 mostly positive, 2 anything (neutral, mixed, either).</summary>
    private static Sentiment Leaning(Random random, int seed, int a) => ((a + seed) % 3, random.NextDouble()) switch
    {
        (0, < 0.8) => Sentiment.Negative,
        (1, < 0.8) => Sentiment.Positive,
        (2, var r) => (Sentiment)(int)(r * 4),
        _ => (Sentiment)random.Next(4),
    };

    private static (Case Case, OutboxEntry? Outbox) Plan(Random random, string brandId, int seed, int i, int count, int days, DateTimeOffset now)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var opened = now - TimeSpan.FromMinutes(random.NextDouble() * days * 1440) - TimeSpan.FromMinutes(1);
        var a = random.Next(Math.Max(1, count / 3));
        var platform = Platforms[a % Platforms.Length]; // an author lives on one platform
        var author = AuthorId(seed, a);
        var roll = random.NextDouble();
        var urgency = Math.Round(random.NextDouble(), 3);
        string[] categories = roll < 0.1 ? [CareCategory.Safety] : random.NextDouble() < 0.2 ? [CareCategory.Billing] : [];
        var sentiment = (Sentiment)random.Next(4);
        var key = $"bench:{brandId}:{seed}:{n}";
        var c = Case.Open(CaseId.Create(key), brandId, platform, author, null, opened, key, opened, "triage") with
        {
            Urgency = urgency,
            Urgent = urgency >= 0.7,
            Categories = categories,
            LastSentiment = sentiment,
            MentionCount = 1 + random.Next(3),
        };
        var t = opened.AddSeconds(5 + random.Next(60));
        var steps = new List<(CaseStatus To, string Actor, string Reason, DateTimeOffset At)> { (CaseStatus.Triaged, "triage", "classified", t) };
        OutboxEntry? entry = null;
        var answer = t + TimeSpan.FromMinutes(5 + (random.NextDouble() * 600));
        var resolve = answer + TimeSpan.FromMinutes(30 + (random.NextDouble() * 4000));
        if (roll < 0.15)
        {
            steps.Add((CaseStatus.Escalated, EscalationService.Actor, "escalated at level 1: urgent", t.AddSeconds(1)));
            steps.Add((CaseStatus.AwaitingCustomer, EscalationService.Actor, $"private reply sent on {platform} [bench]", t.AddMinutes(3)));
            steps.Add((CaseStatus.Resolved, "agent", "resolved", resolve));
            c = c with { EscalationLevel = 1 };
            entry = new OutboxEntry(c.Id, "private-reply-L1", platform.ToString(), OutboxStatus.Sent, "sent", t.AddMinutes(3)) { Channel = "CommentPrivateReply" };
        }
        else if (roll < 0.22)
        {
            steps.Add((CaseStatus.NeedsHuman, EscalationService.Actor, "a person must act", t.AddMinutes(2)));
            steps.Add((CaseStatus.Resolved, "agent", "off-channel: called the customer", resolve));
        }
        else if (roll < 0.32)
        {
            // Still open: unanswered, or answered and waiting.
            if (random.NextDouble() < 0.5)
            {
                steps.Add((CaseStatus.AwaitingCustomer, "agent", "answered", answer));
            }
        }
        else
        {
            steps.Add((CaseStatus.AwaitingCustomer, "agent", "answered", answer));
            steps.Add((CaseStatus.Resolved, "agent", random.NextDouble() < 0.1 ? "off-channel: sent the form" : "resolved", resolve));
            if (random.NextDouble() < 0.08)
            {
                var back = resolve + TimeSpan.FromHours(2 + (random.NextDouble() * 48));
                steps.Add((CaseStatus.Triaged, "triage", "customer wrote again", back));
                steps.Add((CaseStatus.Resolved, "agent", "resolved", back + TimeSpan.FromHours(3)));
            }
        }

        foreach (var (to, actor, reason, at) in steps.Where(s => s.At < now))
        {
            c = c.TransitionTo(to, actor, reason, at);
        }

        return (c with { LastMentionAt = opened }, entry is not null && entry.RecordedAt < now ? entry : null);
    }
}

/// <summary>What <see cref="CareBenchSeeder.SeedWithMentionsAsync"/> wrote: mentions, and the distinct authors who wrote them.</summary>
public sealed record CareBenchMentions(int Mentions, int Authors);
