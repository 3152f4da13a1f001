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
}
