using System.Globalization;
using SocialFirst.Core.Classification;

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

        foreach (var category in c.Categories)
        {
            if (policy.CategoryWeights.TryGetValue(category.Category, out var w) && w > 0)
            {
                Add(factors, "category:" + category.Category, category.Confidence, w, "cues: " + string.Join(", ", category.Cues.Take(5)));
            }
        }

        if (input.Followers is { } followers && followers > 0)
        {
            // log10 with diminishing returns: 80 → 0.32, 10k → 0.67, 1M → 1.
            var reach = Math.Min(1.0, Math.Log10(followers + 1) / 6.0);
            Add(factors, "reach", reach, policy.ReachWeight, $"{followers.ToString(CultureInfo.InvariantCulture)} followers");
        }

        if (input.PriorContacts > 0)
        {
            Add(factors, "repeat_contact", Math.Min(1.0, input.PriorContacts / 3.0), policy.RepeatContactWeight, $"{input.PriorContacts} earlier contacts");
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

        var score = 1.0 - factors.Aggregate(1.0, (acc, f) => acc * (1.0 - f.Contribution));
        score = Math.Round(Math.Clamp(score, 0, 1), 4);

        var always = c.Categories.FirstOrDefault(m => policy.AlwaysEscalate.Contains(m.Category));
        var never = c.Categories.FirstOrDefault(m => policy.NeverEscalate.Contains(m.Category));
        string decision;
        bool urgent;
        if (always is not null)
        {
            urgent = true;
            decision = $"urgent: category {always.Category} always escalates";
        }
        else if (never is not null)
        {
            urgent = false;
            decision = $"not urgent: category {never.Category} never escalates";
        }
        else
        {
            urgent = score >= policy.Threshold;
            decision = $"{(urgent ? "urgent" : "not urgent")}: score {Fmt(score)} vs threshold {Fmt(policy.Threshold)}";
        }

        return new UrgencyAssessment(score, urgent, factors.OrderByDescending(f => f.Contribution).ToList(), policy.Version, decision);
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
