using SocialFirst.Core.Mentions;

namespace SocialFirst.Core.Escalation.Messaging;

/// <summary>
/// Sends one private message to a customer on one platform family (Meta covers Facebook and Instagram). Implementations
/// never throw for platform answers: every answer becomes a <see cref="SendOutcome"/>. They throw only for programming
/// errors (null arguments) and when <paramref name="cancellationToken"/> is cancelled.
/// </summary>
public interface IPrivateMessenger
{
    /// <summary>The platforms this messenger answers on.</summary>
    IReadOnlyCollection<Platform> Platforms { get; }

    /// <summary>
    /// Sends <paramref name="text"/> privately to the author of <see cref="PrivateMessageTarget.ReplyToId"/>.
    /// No platform accepts an idempotency key: <paramref name="idempotencyKey"/> (the outbox key, case id + action) is
    /// only logged; the outbox records the attempt before sending so a redelivery does not send twice.
    /// </summary>
    Task<SendOutcome> SendAsync(PrivateMessageTarget target, string text, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>
/// Posts a short public reply under the customer's post (the fallback when a private message is not possible, e.g. an X
/// author who does not accept DMs). The text must invite the customer to message the brand and carry no personal data.
/// </summary>
public interface IPublicReplier
{
    /// <summary>The platforms this replier answers on.</summary>
    IReadOnlyCollection<Platform> Platforms { get; }

    /// <summary>Replies publicly to <see cref="PrivateMessageTarget.ReplyToId"/>.</summary>
    Task<SendOutcome> ReplyPubliclyAsync(PrivateMessageTarget target, string text, string idempotencyKey, CancellationToken cancellationToken);
}
