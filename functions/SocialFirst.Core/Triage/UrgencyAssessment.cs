namespace SocialFirst.Core.Triage;

/// <summary>One explainable contribution to an urgency score.</summary>
/// <param name="Factor">sentiment, category:safety, reach, repeat_contact, unanswered_age, spike, rule:...</param>
/// <param name="Strength">How strongly the factor is present, 0..1.</param>
/// <param name="Weight">The policy's weight for it.</param>
/// <param name="Contribution">Strength × weight, the term that entered the noisy-OR.</param>
/// <param name="Detail">A short human explanation (never the customer's text).</param>
public sealed record UrgencyFactor(string Factor, double Strength, double Weight, double Contribution, string Detail);

public sealed record UrgencyAssessment(double Score, bool Urgent, IReadOnlyList<UrgencyFactor> Factors, string PolicyVersion, string Decision);
