using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Escalation.Messaging;

/// <summary>Picks the registered <see cref="IPrivateMessenger"/> and <see cref="IPublicReplier"/> for a platform.</summary>
public sealed class PrivateMessengerSelector
{
    private readonly Dictionary<Platform, IPrivateMessenger> _messengers = [];
    private readonly Dictionary<Platform, IPublicReplier> _repliers = [];

    public PrivateMessengerSelector(IEnumerable<IPrivateMessenger> messengers, IEnumerable<IPublicReplier> publicRepliers)
    {
        ArgumentNullException.ThrowIfNull(messengers);
        ArgumentNullException.ThrowIfNull(publicRepliers);
        foreach (var messenger in messengers)
        {
            foreach (var platform in messenger.Platforms)
            {
                _messengers.TryAdd(platform, messenger);
            }
        }

        foreach (var replier in publicRepliers)
        {
            foreach (var platform in replier.Platforms)
            {
                _repliers.TryAdd(platform, replier);
            }
        }
    }

    /// <summary>The platforms a private message can be sent on.</summary>
    public IReadOnlyCollection<Platform> Platforms => _messengers.Keys;

    public bool TryGetMessenger(Platform platform, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPrivateMessenger? messenger) =>
        _messengers.TryGetValue(platform, out messenger);

    public bool TryGetPublicReplier(Platform platform, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPublicReplier? replier) =>
        _repliers.TryGetValue(platform, out replier);

    /// <summary>
    /// Sends an outbox entry's text on the channel it names (a public reply, else a private message) with the entry's
    /// idempotency key; NotPermitted when no sender is registered for the platform.
    /// </summary>
    public async Task<SendOutcome> SendAsync(Platform platform, OutboxEntry entry, PrivateMessageTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(target);
        if (entry.Channel == nameof(MessagingAction.PublicReply))
        {
            return TryGetPublicReplier(platform, out var replier)
                ? await replier.ReplyPubliclyAsync(target, entry.Text!, entry.IdempotencyKey, cancellationToken)
                : SendOutcome.NotPermitted($"no public replier is registered for {platform}");
        }

        return TryGetMessenger(platform, out var messenger)
            ? await messenger.SendAsync(target, entry.Text!, entry.IdempotencyKey, cancellationToken)
            : SendOutcome.NotPermitted($"no private messenger is registered for {platform}");
    }
}
