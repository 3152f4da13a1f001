using SocialFirst.Core.Classification;

namespace SocialFirst.Core.Triage;

/// <summary>What the scorer needs to know about a mention and its case.</summary>
/// <param name="AuthorKey">"platform:authorId" (VIP and watch lists); null skips those checks.</param>
/// <param name="AuthorHandle">The author's handle, with or without "@" (VIP and watch lists).</param>
/// <param name="Text">The mention text (keyword rules and watched keywords); never stored by the scorer.</param>
/// <param name="At">When the decision is taken (quiet hours); null ignores quiet hours.</param>
public sealed record UrgencyInput(
    ClassificationResult Classification,
    long? Followers = null,
    int PriorContacts = 0,
    TimeSpan UnansweredFor = default,
    bool InSpike = false,
    string? AuthorKey = null,
    string? AuthorHandle = null,
    string? Text = null,
    DateTimeOffset? At = null);
