using SocialFirst.Core.Ingestion;
using SocialFirst.Core.Mentions;

namespace SocialFirst.Platforms.Common;

/// <summary>Collects what a parser made of each item of one delivery: a mention, a deliberate skip or an unknown.</summary>
internal sealed class DeliveryCollector
{
    private readonly List<Mention> _mentions = [];
    private readonly List<string> _skipped = [];
    private readonly List<string> _unknown = [];

    public void Add(Mention mention) => _mentions.Add(mention);

    public void Skip(string why) => _skipped.Add(why);

    public void Unknown(string what) => _unknown.Add(what);

    public ParsedDelivery Build(string acknowledgementBody) => new()
    {
        Mentions = _mentions,
        Skipped = _skipped,
        Unknown = _unknown,
        AcknowledgementBody = acknowledgementBody,
    };
}
