namespace SocialFirst.Core.Ingestion;

/// <summary>The reference under which a raw delivery is archived: platform/yyyy/MM/dd/HH/id.</summary>
public static class RawDeliveryReference
{
    public static string For(RawDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var t = delivery.ReceivedAt.UtcDateTime;
        return $"{delivery.Platform}/{t:yyyy}/{t:MM}/{t:dd}/{t:HH}/{delivery.Id}";
    }
}
