namespace SocialFirst.Core.Ingestion;

/// <summary>Durable store of raw deliveries: accepted ones for replay, rejected ones for inspection.</summary>
public interface IRawDeliveryArchive
{
    /// <summary>Stores the delivery and returns its reference. Throws when storage is unavailable.</summary>
    Task<string> SaveAsync(RawDelivery delivery, RawDeliveryDisposition disposition, CancellationToken cancellationToken);

    /// <summary>Accepted deliveries received in [from, to), oldest first.</summary>
    IAsyncEnumerable<RawDelivery> ListAsync(string? platform, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
