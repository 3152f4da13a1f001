namespace SocialFirst.Core.Mentions;

/// <summary>
/// Whether an event brings a new mention or changes one we already have. Edits and deletes are not new
/// mentions: they update or tombstone the mention with the same <see cref="Mention.ObjectId"/>.
/// </summary>
public enum MentionChange
{
    Created,
    Edited,
    Deleted,
    Hidden,
    Unhidden,
}
