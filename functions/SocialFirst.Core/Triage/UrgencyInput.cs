using SocialFirst.Core.Classification;

namespace SocialFirst.Core.Triage;

/// <summary>What the scorer needs to know about a mention and its case.</summary>
public sealed record UrgencyInput(
    ClassificationResult Classification,
    long? Followers = null,
    int PriorContacts = 0,
    TimeSpan UnansweredFor = default,
    bool InSpike = false);
