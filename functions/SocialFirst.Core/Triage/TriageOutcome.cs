namespace SocialFirst.Core.Triage;

/// <summary>What triage did with one mention.</summary>
/// <param name="CaseId">The case it was filed into (empty when a change referred to a mention we do not have).</param>
/// <param name="BrandId">The brand it was addressed to.</param>
/// <param name="Duplicate">True when this event had been triaged already; nothing was changed.</param>
/// <param name="Urgency">The case's urgency score after triage.</param>
/// <param name="Urgent">Whether the case is urgent.</param>
/// <param name="Escalated">Whether the case has been escalated (now or before).</param>
/// <param name="Decision">A short explanation, without the customer's text.</param>
public sealed record TriageOutcome(string CaseId, string BrandId, bool Duplicate, double Urgency, bool Urgent, bool Escalated, string Decision);
