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
/// open. Deterministic for a seed; only what has happened by <c>now</c> is written.
/// </summary>
public static class CareBenchSeeder
{
    private static readonly Platform[] Platforms = [Platform.Facebook, Platform.Instagram, Platform.X, Platform.WeChat, Platform.Weibo];

    /// <summary>Writes <paramref name="count"/> cases of <paramref name="brandId"/> opened in the <paramref name="days"/> days before <paramref name="now"/>.</summary>
    public static async Task SeedAsync(ICaseStore store, IEscalationOutbox outbox, string brandId, int count, int days, DateTimeOffset now, int seed, int parallelism, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(outbox);
        var random = new Random(seed);
        var plans = Enumerable.Range(0, count).Select(i => Plan(random, brandId, seed, i, count, days, now)).ToList();
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (plan, token) =>
        {
            var stored = await store.TryCreateCaseAsync(plan.Case, token) ?? await store.GetCaseAsync(plan.Case.Id, token);
            await store.IndexCaseAsync(stored!, token);
            if (plan.Outbox is { } entry)
            {
                await outbox.AddIfAbsentAsync(entry, token);
            }
        });
    }

    private static (Case Case, OutboxEntry? Outbox) Plan(Random random, string brandId, int seed, int i, int count, int days, DateTimeOffset now)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var opened = now - TimeSpan.FromMinutes(random.NextDouble() * days * 1440) - TimeSpan.FromMinutes(1);
        var a = random.Next(Math.Max(1, count / 3));
        var platform = Platforms[a % Platforms.Length]; // an author lives on one platform
        var author = "seed" + seed.ToString(CultureInfo.InvariantCulture) + "-a" + a.ToString("D6", CultureInfo.InvariantCulture);
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
