namespace SocialFirst.Core.Mentions;

/// <summary>The person (or page) who wrote a mention, as far as the payload tells.</summary>
/// <param name="Id">The platform's id for the author, always a string (X ids exceed 2^53).</param>
/// <param name="Handle">@handle or username where the platform has one.</param>
/// <param name="DisplayName">Display name where the payload carries it.</param>
/// <param name="Followers">Follower count where the payload carries it; null when unknown.</param>
public sealed record MentionAuthor(string Id, string? Handle = null, string? DisplayName = null, long? Followers = null);
