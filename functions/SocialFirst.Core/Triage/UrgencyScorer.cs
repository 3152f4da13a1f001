using System.Globalization;
using SocialFirst.Core.Classification;
using SocialFirst.Core.Triage.Policies;

namespace SocialFirst.Core.Triage;

/// <summary>Scores urgency under a policy and says why. Pure and deterministic.</summary>
public static class UrgencyScorer
{
    public static UrgencyAssessment Score(UrgencyInput input, UrgencyPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(policy);
        var factors = new List<UrgencyFactor>();
        var c = input.Classification;

        var negative = c.Sentiment is Sentiment.Negative or Sentiment.Mixed ? c.Scores.Negative : 0;
        Add(factors, "sentiment", negative, policy.SentimentWeight, $"negative {Fmt(c.Scores.Negative)} ({c.Sentiment.ToString().ToLowerInvariant()})");

        AddCategories(factors, c.Categories, policy);

        if (input.Followers is { } followers && followers > 0)
        {
            Add(factors, "reach", Reach(followers, policy), policy.ReachWeight, $"{followers.ToString(CultureInfo.InvariantCulture)} followers");
        }

        // Earlier contacts we recorded, or the author's own "fourth time calling": one factor, the stronger of the two.
        var stated = ClassificationSignals.Has(c, ClassificationSignals.RepeatContact);
        if (input.PriorContacts > 0 || stated)
        {
            var recorded = Math.Min(1.0, input.PriorContacts / 3.0);
            var detail = stated && recorded < 1.0 ? "repeat contact stated in the text" : $"{input.PriorContacts} earlier contacts";
            Add(factors, "repeat_contact", stated ? 1.0 : recorded, policy.RepeatContactWeight, detail);
        }

        if (input.UnansweredFor > TimeSpan.Zero)
        {
            var age = Math.Min(1.0, input.UnansweredFor.TotalHours / policy.UnansweredAgeFullHours);
            Add(factors, "unanswered_age", age, policy.UnansweredAgeWeight, $"{Fmt(input.UnansweredFor.TotalHours)} h without an answer");
        }

        if (input.InSpike)
        {
            Add(factors, "spike", 1.0, policy.SpikeWeight, "part of a detected spike");
        }

        var vip = MatchAuthor(policy.Vip, input);
        if (vip is not null)
        {
            Add(factors, "vip", 1.0, policy.VipWeight, $"author {vip} is on the VIP list");
        }

        if (MatchAuthor(policy.WatchAuthors, input) is { } watchedAuthor)
        {
            Add(factors, "watch:author", 1.0, policy.WatchListWeight, $"author {watchedAuthor} is on the watch list");
        }

        var watched = policy.WatchKeywords.Where(k => k.IsMatch(input.Text)).Select(k => k.ToString()).ToList();
        if (watched.Count > 0)
        {
            Add(factors, "watch:keyword", 1.0, policy.WatchListWeight, "watched: " + string.Join(", ", watched.Take(5)));
        }

        var ruleCategories = new List<KeywordRule>();
        foreach (var rule in policy.KeywordRules.Where(r => r.AppliesTo(c.Language) && r.Pattern.IsMatch(input.Text)))
        {
            Add(factors, "rule:" + rule.Id, 1.0, rule.Weight, $"{rule.Pattern} ({rule.Language}){(rule.Category is null ? string.Empty : ", category " + rule.Category)}");
            if (rule.Category is not null)
            {
                ruleCategories.Add(rule);
            }
        }

        var score = 1.0 - factors.Aggregate(1.0, (acc, f) => acc * (1.0 - f.Contribution));
        score = Math.Round(Math.Clamp(score, 0, 1), 4);

        var always = c.Categories.FirstOrDefault(m => policy.AlwaysEscalate.Contains(m.Category))?.Category is { } a
            ? $"category {a}"
            : ruleCategories.FirstOrDefault(r => policy.AlwaysEscalate.Contains(r.Category!)) is { } ar
                ? $"rule {ar.Id} (category {ar.Category})"
                : vip is not null && policy.VipAlwaysEscalates ? "VIP author" : null;
        var never = c.Categories.FirstOrDefault(m => policy.NeverEscalate.Contains(m.Category))?.Category is { } n
            ? $"category {n}"
            : ruleCategories.FirstOrDefault(r => policy.NeverEscalate.Contains(r.Category!)) is { } nr ? $"rule {nr.Id} (category {nr.Category})" : null;
        string decision;
        bool urgent;
        if (always is not null)
        {
            urgent = true;
            decision = $"urgent: {always} always escalates";
        }
        else if (never is not null)
        {
            urgent = false;
            decision = $"not urgent: {never} never escalates";
        }
        else
        {
            urgent = score >= policy.Threshold;
            decision = $"{(urgent ? "urgent" : "not urgent")}: score {Fmt(score)} vs threshold {Fmt(policy.Threshold)}";
            if (urgent && input.At is { } at && policy.QuietHours is { } quiet && quiet.Contains(at, out var end))
            {
                // Not escalated now: the case keeps its score and says when it would go out.
                urgent = false;
                decision = string.Create(
                    CultureInfo.InvariantCulture,
                    $"deferred until {end:HH:mm} {quiet.TimeZone.Id} (quiet hours {quiet}): score {Fmt(score)} vs threshold {Fmt(policy.Threshold)}");
            }
        }

        return new UrgencyAssessment(score, urgent, factors.OrderByDescending(f => f.Contribution).ToList(), policy.Version, decision);
    }

    /// <summary>
    /// Reach strength: log-scaled from 0 at <see cref="UrgencyPolicy.ReachFloorFollowers"/> to 1 at
    /// <see cref="UrgencyPolicy.ReachFullFollowers"/> (default 300 → 0, 1,000 → 0.52, 3,000 → 1).
    /// </summary>
    public static double Reach(long followers, UrgencyPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var floor = Math.Log10(Math.Max(0, policy.ReachFloorFollowers) + 1);
        var full = Math.Log10(Math.Max(policy.ReachFloorFollowers + 1, policy.ReachFullFollowers) + 1);
        return Math.Clamp((Math.Log10(Math.Max(0, followers) + 1) - floor) / (full - floor), 0, 1);
    }

    /// <summary>
    /// Always-escalate categories are each a factor; the others count once, by the strongest, when the policy says so
    /// (the weaker ones are named in its detail, so the breakdown still multiplies out to the score).
    /// </summary>
    private static void AddCategories(List<UrgencyFactor> factors, IReadOnlyList<CategoryMatch> categories, UrgencyPolicy policy)
    {
        var minor = new List<(CategoryMatch Match, double Weight)>();
        foreach (var category in categories)
        {
            if (!policy.CategoryWeights.TryGetValue(category.Category, out var w) || w <= 0)
            {
                continue;
            }

            if (policy.CombineMinorCategoriesByMax && !policy.AlwaysEscalate.Contains(category.Category))
            {
                minor.Add((category, w));
            }
            else
            {
                Add(factors, "category:" + category.Category, category.Confidence, w, "cues: " + string.Join(", ", category.Cues.Take(5)));
            }
        }

        if (minor.Count == 0)
        {
            return;
        }

        var ordered = minor.OrderByDescending(m => Math.Clamp(m.Match.Confidence, 0, 1) * m.Weight).ToList();
        var (top, weight) = ordered[0];
        var detail = "cues: " + string.Join(", ", top.Cues.Take(5));
        if (ordered.Count > 1)
        {
            detail += "; counted once with " + string.Join(", ", ordered.Skip(1).Select(m => m.Match.Category));
        }

        Add(factors, "category:" + top.Category, top.Confidence, weight, detail);
    }

    /// <summary>The list entry the author matches ("x:123" or "@handle"), or null.</summary>
    private static string? MatchAuthor(IReadOnlySet<string> list, UrgencyInput input)
    {
        if (list.Count == 0)
        {
            return null;
        }

        if (input.AuthorKey is { Length: > 0 } key && list.Contains(key.ToLowerInvariant()))
        {
            return key.ToLowerInvariant();
        }

        if (input.AuthorHandle is { Length: > 0 } handle)
        {
            var normalised = "@" + handle.TrimStart('@').ToLowerInvariant();
            return list.Contains(normalised) ? normalised : null;
        }

        return null;
    }

    private static void Add(List<UrgencyFactor> factors, string name, double strength, double weight, string detail)
    {
        strength = Math.Clamp(strength, 0, 1);
        // Contributions that would print as 0.00 explain nothing.
        if (strength <= 0 || weight <= 0 || strength * weight < 0.005)
        {
            return;
        }

        factors.Add(new UrgencyFactor(name, Math.Round(strength, 4), weight, Math.Round(Math.Min(1, strength * weight), 4), detail));
    }

    private static string Fmt(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
