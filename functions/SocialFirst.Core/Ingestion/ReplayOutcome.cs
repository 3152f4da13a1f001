namespace SocialFirst.Core.Ingestion;

/// <summary>What replaying one archived delivery did: how many mentions it holds and how many were queued again.</summary>
public sealed record ReplayOutcome(string DeliveryId, int Mentions, int Queued, string? Error);
