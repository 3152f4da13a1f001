namespace SocialFirst.Core.Ingestion;

/// <summary>A delivery exactly as received, kept so that it can be inspected and replayed.</summary>
public sealed record RawDelivery(
    string Id,
    string Platform,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body);

/// <summary>Why a delivery sits in the archive.</summary>
public enum RawDeliveryDisposition
{
    Accepted,
    Rejected,
}
